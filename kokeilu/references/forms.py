from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.experiments.models import ExperimentPartner

from .services import MAX_TEXT_LENGTH


class ReferenceForm(HdsFormMixin, forms.Form):
    text_fi = forms.CharField(
        label=_("Text (Finnish)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=MAX_TEXT_LENGTH,
    )
    text_sv = forms.CharField(
        label=_("Text (Swedish)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=MAX_TEXT_LENGTH,
    )
    text_en = forms.CharField(
        label=_("Text (English)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=MAX_TEXT_LENGTH,
    )


class ReferenceCreateForm(ReferenceForm):
    partner: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=ExperimentPartner.objects.none(), empty_label=None
    )

    field_order = ["partner"]

    def __init__(self, *args: Any, partners: QuerySet[ExperimentPartner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]
