from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kokeilu.catalogue.models import Service, ServiceLocation
from kokeilu.core.forms_rendering import HdsFormMixin

from .models import DESCRIPTION_MAX_LENGTH, TRANSITIONS, FeedbackKind, FeedbackState
from .photos import PHOTO_MAX_BYTES

SATISFACTION_CHOICES = [
    ("5", _("5 – very satisfied")),
    ("4", _("4 – satisfied")),
    ("3", _("3 – neither satisfied nor dissatisfied")),
    ("2", _("2 – dissatisfied")),
    ("1", _("1 – very dissatisfied")),
]


class FeedbackForm(HdsFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of feedback is it?"), choices=FeedbackKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Your feedback"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "At most 4,000 characters. The text and the answer are published; leave out personal details."
        ),
    )
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with the service? (optional)"),
        choices=SATISFACTION_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    location = forms.ModelChoiceField(
        label=_("Which location is it about? (optional)"),
        queryset=ServiceLocation.objects.none(),
        required=False,
        empty_label=_("Not about one location"),
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_(
            "JPEG or PNG, at most 8 MB. Location data and other metadata are removed; the photo is seen only "
            "by those who handle the feedback."
        ),
    )
    email = forms.EmailField(
        label=_("E-mail for the answer (optional)"),
        required=False,
        help_text=_("We send you the answer. The address is never published."),
    )

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        locations = service.locations.all().order_by("name_fi")
        if locations.exists():
            cast(forms.ModelChoiceField, self.fields["location"]).queryset = locations
        else:
            del self.fields["location"]

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo is too large: at most 8 MB is allowed."))
        return photo


class ServicePickForm(HdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Which service is your feedback about?"), max_length=200)


class HandleForm(HdsFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=[])
    public_answer = forms.CharField(
        label=_("Public answer"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published with the feedback and sent to the giver if they left an e-mail address."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Not published."),
    )
    description_hidden = forms.BooleanField(label=_("Hide the feedback text from the public"), required=False)

    def __init__(self, *args: Any, current_state: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = [current_state, *sorted(TRANSITIONS.get(current_state, frozenset()))]
        cast(forms.ChoiceField, self.fields["state"]).choices = [
            (state, FeedbackState(state).label) for state in FeedbackState.values if state in allowed
        ]


class HandleFilterForm(HdsFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), ("open", _("Open")), *FeedbackState.choices],
    )
