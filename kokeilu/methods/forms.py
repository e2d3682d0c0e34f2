from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation
from kokeilu.core.forms_rendering import HdsFormMixin

from .models import Method

BUILTIN = "builtin"


class MethodForm(HdsFormMixin, forms.Form):
    name_fi = forms.CharField(label=_("Name (Finnish)"), max_length=200, required=False)
    name_sv = forms.CharField(label=_("Name (Swedish)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    description_fi = forms.CharField(
        label=_("Description (Finnish)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=4000,
    )
    description_sv = forms.CharField(
        label=_("Description (Swedish)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=4000,
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=4000,
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A guide or handbook on the method."),
    )


class MethodCreateForm(MethodForm):
    owner = forms.ChoiceField(label=_("Whose method"))

    field_order = ["owner"]

    def __init__(
        self, *args: Any, cities: QuerySet[Organisation], allow_builtin: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [(str(city.pk), city.name) for city in cities]
        if allow_builtin:
            choices.insert(0, (BUILTIN, str(_("Built-in (every city)"))))
        self.fields["owner"].choices = choices  # type: ignore[attr-defined]
        self.cities = {str(city.pk): city for city in cities}

    def chosen_city(self) -> Organisation | None:
        return self.cities.get(self.cleaned_data["owner"])


class ExperimentMethodsForm(HdsFormMixin, forms.Form):
    # Prefixed: the form sits on the overview page next to other sections' forms.
    prefix = "method_tags"
    methods: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Methods used in the experiment"),
        queryset=Method.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, methods: QuerySet[Method], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["methods"].queryset = methods  # type: ignore[attr-defined]
