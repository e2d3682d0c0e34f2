from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokeilu.agreements.models import AgreementTemplate
from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.experiments.models import PartnerRole

LANGUAGE_CHOICES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]


class PartnerForm(HdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=300)
    role = forms.ChoiceField(label=_("Role"), choices=PartnerRole.choices, initial=PartnerRole.PARTNER)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)


class DrawForm(HdsFormMixin, forms.Form):
    template: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Template"), queryset=AgreementTemplate.objects.none(), empty_label=None
    )
    language = forms.ChoiceField(label=_("Language of the agreement"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]


class DraftForm(HdsFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=100000,
        help_text=_("Publishing the draft makes a new version that every party must accept again."),
    )


class TemplateForm(HdsFormMixin, forms.Form):
    name_fi = forms.CharField(label=_("Name (Finnish)"), max_length=200, required=False)
    name_sv = forms.CharField(label=_("Name (Swedish)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    body_fi = forms.CharField(
        label=_("Text (Finnish)"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    body_sv = forms.CharField(
        label=_("Text (Swedish)"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    body_en = forms.CharField(
        label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
