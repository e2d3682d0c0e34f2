from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.platforms.models import DevelopmentNeed, Platform, Theme

from .models import ApplicantKind, Call, CallQuestion, Criterion


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class CallForm(HdsFormMixin, forms.ModelForm):
    eligibility = forms.MultipleChoiceField(
        label=_("Who may apply"), choices=ApplicantKind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Call
        fields = [
            "platform",
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "needs",
            "themes",
            "eligibility",
            "proposal_mode",
            "funding_per_pilot",
            "pilots_to_fund",
            "duration_min_months",
            "duration_max_months",
            "opens_at",
            "closes_at",
            "review_ends_at",
            "decision_ends_at",
        ]
        widgets = {
            "opens_at": DateTimeLocalInput(),
            "closes_at": DateTimeLocalInput(),
            "review_ends_at": DateTimeLocalInput(),
            "decision_ends_at": DateTimeLocalInput(),
            "needs": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "proposal_mode": forms.RadioSelect,
        }
        help_texts = {
            "opens_at": _("Finnish time (Europe/Helsinki)."),
            "closes_at": _("Proposals are accepted until this moment, Finnish time."),
        }

    def __init__(self, *args: Any, platforms: QuerySet[Platform], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        needs = DevelopmentNeed.objects.filter(platform__in=platforms).select_related("platform")
        cast(forms.ModelChoiceField, self.fields["platform"]).queryset = platforms
        cast(forms.ModelMultipleChoiceField, self.fields["needs"]).queryset = needs
        self.fields["needs"].required = False
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = Theme.objects.all()
        self.fields["themes"].required = False

    def _post_clean(self) -> None:
        # Validation of the whole call lives in the service; the form only parses input.
        pass


class CriterionForm(HdsFormMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "weight",
            "position",
        ]
        widgets = {f"description_{code}": forms.Textarea(attrs={"rows": 3}) for code in ("fi", "sv", "en")}

    def _post_clean(self) -> None:
        pass


class CallQuestionForm(HdsFormMixin, forms.ModelForm):
    class Meta:
        model = CallQuestion
        fields = [
            "text_fi",
            "text_sv",
            "text_en",
            "help_fi",
            "help_sv",
            "help_en",
            "required",
            "max_length",
            "position",
        ]
        widgets = {f"help_{code}": forms.Textarea(attrs={"rows": 2}) for code in ("fi", "sv", "en")}

    def _post_clean(self) -> None:
        pass


class CallFilterForm(HdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        choices=[("", _("All")), ("open", _("Open for proposals")), ("closed", _("Past calls"))],
    )
    platform = forms.ModelChoiceField(
        label=_("Platform"),
        required=False,
        queryset=Platform.objects.filter(is_public=True),
        empty_label=_("All"),
    )
