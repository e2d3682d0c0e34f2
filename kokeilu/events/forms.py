from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokeilu.core.forms_rendering import HdsFormMixin
from kokeilu.experiments.models import Experiment, ParticipantGroup

from .models import Event


class DateTimeInput(forms.DateTimeInput):
    """A browser date-time picker; the value is read as Helsinki time (the site's time zone)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class EventForm(HdsFormMixin, forms.ModelForm):
    """The team's event form; the rules are the service's (errors come back by the field)."""

    online_url = forms.URLField(label=_("online link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "audience",
            "group",
            "registration_open",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description_fi": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, experiment: Experiment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = DATETIME_FORMATS  # type: ignore[attr-defined]
        group_field = self.fields["group"]
        group_field.queryset = ParticipantGroup.objects.filter(experiment=experiment)  # type: ignore[attr-defined]
        group_field.help_text = _("Only when the event is for one group.")
        self.fields["capacity"].widget.attrs["min"] = 1
        if self.instance.pk is not None:
            self.fields["cancel_excluded_participants"] = forms.BooleanField(
                label=_("Cancel the places of people who can no longer see the event"),
                help_text=_(
                    "Only when you narrow the audience: the registrations and booked times of people "
                    "outside the new audience are cancelled and they are e-mailed."
                ),
                required=False,
            )

    def _post_clean(self) -> None:
        # The service validates the event as a whole (the model's constraints need the experiment).
        pass

    def values(self) -> dict[str, Any]:
        """The event's fields for the service (the confirmation is read separately)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SlotsForm(HdsFormMixin, forms.Form):
    first_starts_at = forms.DateTimeField(
        label=_("First slot starts at"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    length_minutes = forms.IntegerField(label=_("Length of a slot (minutes)"), min_value=1, initial=20)
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, initial=6)
