"""Forms of the report editor. They only parse; the services decide (and their errors are shown by the
fields through add_error_to_form)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kokeilu.accounts.models import User
from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.platforms.models import Theme

from .models import NextStep, Visibility


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class ReportForm(HdsFormMixin, forms.Form):
    summary_fi = forms.CharField(
        label=_("Summary (Finnish)"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    summary_sv = forms.CharField(
        label=_("Summary (Swedish)"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    summary_en = forms.CharField(
        label=_("Summary (English)"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    next_step = forms.ChoiceField(
        label=_("What next"), choices=[("", _("Not decided yet")), *NextStep.choices], required=False
    )
    next_step_owner_name = forms.CharField(
        label=_("Owner of the next step"),
        required=False,
        max_length=200,
        help_text=_("The person or organisation who takes the next step."),
    )
    next_step_owner_user = PersonChoiceField(
        label=_("Owner in the service (optional)"), queryset=User.objects.none(), required=False
    )
    next_step_reason = forms.CharField(
        label=_("Reason for the decision"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, owner_choices: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["next_step_owner_user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owner_choices if owner_choices is not None else User.objects.none()


class LearningForm(HdsFormMixin, forms.Form):
    statement_fi = forms.CharField(label=_("Learning (Finnish)"), required=False, max_length=300)
    statement_sv = forms.CharField(label=_("Learning (Swedish)"), required=False, max_length=300)
    statement_en = forms.CharField(label=_("Learning (English)"), required=False, max_length=300)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=4000,
        required=False,
        help_text=_("What the learning is based on: observations, survey results, numbers."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=500, help_text=_("Separate the tags with commas.")
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )


class QuoteForm(HdsFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Quote"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    speaker = forms.CharField(
        label=_("Who said it"),
        max_length=200,
        required=False,
        help_text=_("A description such as “pupil, 9th grade”; a name only with the person's consent."),
    )
    consent_recorded = forms.BooleanField(label=_("Consent to publish has been recorded"), required=False)
    consent_method = forms.CharField(
        label=_("How consent was given"),
        max_length=300,
        required=False,
        help_text=_("E.g. “signed consent form at the workshop”."),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        help_text=_("A quote can be public only with recorded consent."),
    )


class MeasureForm(HdsFormMixin, forms.Form):
    name = forms.CharField(label=_("What was measured"), max_length=200, required=False)
    before_value = forms.DecimalField(
        label=_("Before"), max_digits=14, decimal_places=2, required=False, localize=True
    )
    after_value = forms.DecimalField(
        label=_("After"), max_digits=14, decimal_places=2, required=False, localize=True
    )
    unit = forms.CharField(label=pgettext_lazy("unit of measurement", "Unit"), max_length=40, required=False)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(HdsFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment to the team"),
        max_length=4000,
        required=False,
        help_text=_("Required when you return the report for changes."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
