import re
from datetime import datetime, time
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.core.forms_rendering import HdsFormMixin

from .hours import HELSINKI
from .models import (
    MIDNIGHT,
    SERVICE_LANGUAGES,
    ContactChannel,
    LifeSituation,
    PriceType,
    Producer,
    Sector,
    Service,
    ServiceClass,
    ServiceLocation,
    TargetGroup,
    Weekday,
)
from .selectors import FilterChoices, ServiceFilter

MAX_COMPARED = 4


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class _ListedChoiceIterator(ModelChoiceIterator):
    """The choices of a `ListedModelChoiceField`: its objects, without a query."""

    field: "ListedModelChoiceField"

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.objects:
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self.field.objects) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.objects)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField choosing among objects given as a list (`objects`, read once and cached by the
    caller) instead of a queryset: showing the choices and checking the chosen one read nothing from the
    database. A value is accepted exactly when the queryset's `get` would find it among the objects."""

    iterator = _ListedChoiceIterator

    def __init__(self, model: type[Model], **kwargs: Any) -> None:
        super().__init__(queryset=model._default_manager.none(), **kwargs)
        self.model = model
        self.objects: list[Any] = []

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        if isinstance(value, self.model):
            value = getattr(value, key)
        for obj in self.objects:
            if str(getattr(obj, key)) == str(value):
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class CatalogueFilterForm(HdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    life_situation = ListedModelChoiceField(
        LifeSituation, label=_("Life situation"), required=False, to_field_name="code", empty_label=_("All")
    )
    target_group = ListedModelChoiceField(
        TargetGroup, label=_("For whom"), required=False, to_field_name="code", empty_label=_("All")
    )
    service_class = ListedModelChoiceField(
        ServiceClass, label=_("Kind of service"), required=False, to_field_name="code", empty_label=_("All")
    )
    city = ListedModelChoiceField(
        Organisation, label=_("City"), required=False, to_field_name="slug", empty_label=_("All")
    )
    sector = forms.MultipleChoiceField(
        label=_("Producer"), required=False, choices=Sector.choices, widget=forms.CheckboxSelectMultiple
    )
    price = forms.ChoiceField(
        label=_("Price"),
        required=False,
        choices=[
            ("", _("Any price")),
            (PriceType.FREE, _("Free of charge")),
            (PriceType.FEE, _("Subject to a fee")),
        ],
    )
    max_fee = forms.DecimalField(
        label=_("Fee at most (EUR)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
        localize=True,
    )
    language = forms.ChoiceField(
        label=_("Language of service"), required=False, choices=[("", _("Any language")), *SERVICE_LANGUAGES]
    )
    open = forms.ChoiceField(
        label=pgettext_lazy("opening hours", "Open"),
        required=False,
        choices=[("", _("Any time")), ("now", _("Open now")), ("at", _("Open at the time below"))],
    )
    at = forms.DateTimeField(
        label=_("Time (Finnish time)"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
    )

    def __init__(self, *args: Any, choices: FilterChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, objects in (
            ("life_situation", choices.life_situations),
            ("target_group", choices.target_groups),
            ("service_class", choices.service_classes),
            ("city", choices.cities),
        ):
            cast(ListedModelChoiceField, self.fields[name]).objects = objects

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("open") == "at" and not data.get("at"):
            self.add_error("at", _("Give the time to check, or choose “Open now”."))
        return data

    def to_filter(self, *, now: datetime | None = None) -> ServiceFilter:
        data = self.cleaned_data if self.is_valid() else {}
        open_at = None
        if data.get("open") == "now":
            open_at = now or timezone.now()
        elif data.get("open") == "at" and data.get("at"):
            moment: datetime = data["at"]
            open_at = moment if timezone.is_aware(moment) else moment.replace(tzinfo=HELSINKI)
        return ServiceFilter(
            text=data.get("q") or "",
            city=data.get("city"),
            life_situation=data.get("life_situation"),
            target_group=data.get("target_group"),
            service_class=data.get("service_class"),
            sectors=list(data.get("sector") or []),
            price=data.get("price") or "",
            max_fee=data.get("max_fee"),
            language=data.get("language") or "",
            open_at=open_at,
        )


class CompareForm(HdsFormMixin, forms.Form):
    address = forms.CharField(
        label=_("Your address or coordinates"),
        required=False,
        max_length=200,
        help_text=_("For example “Piispansilta 11, Espoo”, or latitude and longitude: 60.161, 24.738."),
    )


_INTERVAL = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


def parse_intervals(text: str) -> list[tuple[time, time]]:
    """'08:00–16:00, 17:00–20:00' → intervals; '24:00' is midnight; empty means closed."""
    intervals = []
    for part in filter(None, (piece.strip() for piece in (text or "").split(","))):
        match = _INTERVAL.match(part)
        if not match:
            raise forms.ValidationError(_("Write the hours as 08:00–16:00, several separated by commas."))
        numbers = [int(group) for group in match.groups()]
        if (
            numbers[0] > 23
            or numbers[1] > 59
            or numbers[2] > 24
            or numbers[3] > 59
            or (numbers[2] == 24 and numbers[3])
        ):
            raise forms.ValidationError(_("“%(value)s” is not a time of day.") % {"value": part})
        closes = MIDNIGHT if numbers[2] == 24 else time(numbers[2], numbers[3])
        intervals.append((time(numbers[0], numbers[1]), closes))
    return intervals


def format_intervals(intervals: list[tuple[time, time]]) -> str:
    return ", ".join(
        f"{opens:%H:%M}–{'24:00' if closes == MIDNIGHT else f'{closes:%H:%M}'}" for opens, closes in intervals
    )


class WeeklyHoursForm(HdsFormMixin, forms.Form):
    """One field per weekday: the day's intervals as text, empty when closed."""

    def __init__(self, *args: Any, location: ServiceLocation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        existing: dict[int, list[tuple[time, time]]] = {}
        if location is not None:
            for row in location.opening_hours.all():
                existing.setdefault(row.weekday, []).append((row.opens, row.closes))
        for weekday in Weekday:
            self.fields[f"weekday_{weekday.value}"] = forms.CharField(
                label=weekday.label,
                required=False,
                max_length=100,
                initial=format_intervals(sorted(existing.get(weekday.value, []))),
                help_text=_("For example 08:00–16:00; leave empty when closed.")
                if weekday.value == 0
                else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for weekday in Weekday:
            name = f"weekday_{weekday.value}"
            if name in data:
                try:
                    data[name] = parse_intervals(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def intervals(self) -> dict[int, list[tuple[time, time]]]:
        return {weekday.value: self.cleaned_data.get(f"weekday_{weekday.value}") or [] for weekday in Weekday}


class OpeningExceptionForm(HdsFormMixin, forms.Form):
    date_from = forms.DateField(label=_("First day"), widget=DateInput())
    date_to = forms.DateField(
        label=_("Last day"), required=False, widget=DateInput(), help_text=_("Leave empty for one day.")
    )
    is_closed = forms.BooleanField(
        label=pgettext_lazy("opening hours", "Closed"), required=False, initial=True
    )
    opens = forms.TimeField(label=_("Opens"), required=False, widget=TimeInput())
    closes = forms.TimeField(
        label=_("Closes"), required=False, widget=TimeInput(), help_text=_("00:00 means midnight.")
    )
    description_fi = forms.CharField(label=_("Reason (Finnish)"), required=False, max_length=150)
    description_sv = forms.CharField(label=_("Reason (Swedish)"), required=False, max_length=150)
    description_en = forms.CharField(label=_("Reason (English)"), required=False, max_length=150)


_TEXTAREA = forms.Textarea(attrs={"rows": 5})


class ServiceForm(HdsFormMixin, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages the service is given in"),
        choices=SERVICE_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = [
            "producer",
            "name_fi",
            "name_sv",
            "name_en",
            "summary_fi",
            "summary_sv",
            "summary_en",
            "description_fi",
            "description_sv",
            "description_en",
            "life_situations",
            "target_groups",
            "service_classes",
            "languages",
            "price_type",
            "price_amount",
            "price_info_fi",
            "price_info_sv",
            "price_info_en",
            "is_published",
        ]
        localized_fields = ["price_amount"]
        widgets = {
            "description_fi": _TEXTAREA,
            "description_sv": _TEXTAREA,
            "description_en": _TEXTAREA,
            "life_situations": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "service_classes": forms.CheckboxSelectMultiple,
            "price_type": forms.RadioSelect,
        }

    def __init__(self, *args: Any, producers: QuerySet[Producer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["producer"]).queryset = producers
        if self.instance.pk:
            del self.fields["producer"]
            self.initial["languages"] = self.instance.language_codes
        else:
            self.initial.setdefault("languages", ["fi"])
        for name in ("life_situations", "target_groups", "service_classes"):
            self.fields[name].required = False

    def _post_clean(self) -> None:
        # Validation of the whole service lives in the service layer; the form only parses input.
        pass

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("producer", None)
        return data


class LocationForm(HdsFormMixin, forms.ModelForm):
    class Meta:
        model = ServiceLocation
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "street_address_fi",
            "street_address_sv",
            "postal_code",
            "post_office_fi",
            "post_office_sv",
            "latitude",
            "longitude",
            "closed_on_public_holidays",
            "services",
        ]
        widgets = {"services": forms.CheckboxSelectMultiple}
        help_texts = {"latitude": _("WGS84, for example 60.161"), "longitude": _("WGS84, for example 24.738")}
        localized_fields = ["latitude", "longitude"]

    def __init__(self, *args: Any, producer: Producer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = cast(forms.ModelMultipleChoiceField, self.fields["services"])
        services.queryset = Service.objects.filter(producer=producer).order_by("name_fi")
        services.required = False

    def _post_clean(self) -> None:
        pass


class ChannelForm(HdsFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("Address (URL)"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = ContactChannel
        fields = [
            "kind",
            "name_fi",
            "name_sv",
            "name_en",
            "url",
            "phone_number",
            "phone_charge",
            "hours_fi",
            "hours_sv",
            "hours_en",
            "position",
        ]
        widgets = {"kind": forms.RadioSelect}

    def _post_clean(self) -> None:
        pass


PRODUCER_KIND_CHOICES = [
    (OrganisationKind.CITY_UNIT, _("City unit")),
    (OrganisationKind.COMPANY, _("Company")),
    (OrganisationKind.ASSOCIATION, _("Association")),
]


class ProducerCreateForm(HdsFormMixin, forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=PRODUCER_KIND_CHOICES, widget=forms.RadioSelect
    )
    business_id = forms.CharField(label=_("Business ID"), max_length=20, required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("By the kind of organisation")), *Sector.choices], required=False
    )
    response_target_days = forms.IntegerField(
        label=_("Answers feedback within (days)"), min_value=1, max_value=90, initial=10
    )
    web_page = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")
    description_fi = forms.CharField(
        label=_("Description (Finnish)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_sv = forms.CharField(
        label=_("Description (Swedish)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, cities: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["city"]).queryset = cities


class ProducerForm(HdsFormMixin, forms.ModelForm):
    web_page = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")

    class Meta:
        model = Producer
        fields = [
            "sector",
            "response_target_days",
            "web_page",
            "description_fi",
            "description_sv",
            "description_en",
        ]
        widgets = {f"description_{code}": forms.Textarea(attrs={"rows": 3}) for code in ("fi", "sv", "en")}

    def __init__(self, *args: Any, can_change_city_fields: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_change_city_fields:
            del self.fields["sector"]
            del self.fields["response_target_days"]

    def _post_clean(self) -> None:
        pass


class ImportForm(HdsFormMixin, forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=Organisation.objects.none())
    file = forms.FileField(label=_("File (JSON in the shape of the national service catalogue)"))

    def __init__(self, *args: Any, cities: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["city"]).queryset = cities
