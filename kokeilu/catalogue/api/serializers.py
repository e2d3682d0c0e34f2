"""Input and output shapes of the catalogue API. Names start with "Catalogue" so that they stay unique among
the project's schema components.

Texts written in three languages are given in the request's language (falling back as the pages do) and,
for those who keep the catalogue, in each language as `<field>_fi`, `<field>_sv` and `<field>_en`.
"""

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..hours import HELSINKI, local_moment, week_schedule
from ..models import (
    SERVICE_LANGUAGES,
    LifeSituation,
    PriceType,
    Sector,
    ServiceClass,
    ServiceLocation,
    TargetGroup,
)
from ..selectors import ServiceFilter, cities_with_catalogue

# --- Reading the catalogue's filters -----------------------------------------------------------------


class CatalogueServiceFilterInput(serializers.Serializer):
    """The filters of the catalogue page, as query parameters. Empty values filter nothing."""

    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Words that must all appear."
    )
    life_situation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=LifeSituation.objects.all(),
        required=False,
        help_text="Code of a life situation (see /catalogue/life-situations/).",
    )
    target_group = serializers.SlugRelatedField(
        slug_field="code", queryset=TargetGroup.objects.all(), required=False, help_text="Target group code."
    )
    service_class = serializers.SlugRelatedField(
        slug_field="code",
        queryset=ServiceClass.objects.all(),
        required=False,
        help_text="Service class code.",
    )
    city = serializers.SlugRelatedField(
        slug_field="slug", queryset=cities_with_catalogue(), required=False, help_text="Slug of a city."
    )
    sector = serializers.ListField(
        child=serializers.ChoiceField(choices=Sector.choices),
        required=False,
        help_text="Producer's sector; repeat the parameter for several.",
    )
    price = serializers.ChoiceField(choices=PriceType.choices, required=False, allow_blank=True)
    max_fee = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, required=False, help_text="Fee at most (EUR)."
    )
    language = serializers.ChoiceField(
        choices=SERVICE_LANGUAGES, required=False, allow_blank=True, help_text="Language of service."
    )
    open = serializers.ChoiceField(
        choices=[("now", "now"), ("at", "at")],
        required=False,
        allow_blank=True,
        help_text="`now`: open now; `at`: open at the time given in `at`.",
    )
    at = serializers.DateTimeField(
        required=False,
        help_text="With open=at: the moment, ISO 8601; without a time zone it is Finnish time.",
    )
    page = serializers.IntegerField(required=False, min_value=1, help_text="Page number, from 1.")
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=100, help_text="Services per page (20 unless given)."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("open") == "at" and not attrs.get("at"):
            raise serializers.ValidationError({"at": [_("Give the time to check, or choose “Open now”.")]})
        return attrs

    def to_filter(self, *, now: datetime | None = None) -> ServiceFilter:
        """The same filter the catalogue page builds from its form."""
        data = self.validated_data
        open_at = None
        if data.get("open") == "now":
            open_at = now or timezone.now()
        elif data.get("open") == "at":
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


# --- Code lists ---------------------------------------------------------------------------------------


class CatalogueClassificationOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    uri = serializers.CharField(help_text="URI in the national classification, or empty.")


class CatalogueLifeSituationOutput(serializers.Serializer):
    code = serializers.CharField(help_text="Kokeilu's code, used in filters and addresses.")
    name = serializers.CharField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()
    uri = serializers.CharField(
        help_text="URI of the corresponding item of the national life-event classification of the "
        "national service catalogue (PTV), e.g. http://urn.fi/URN:NBN:fi:au:ptvl:KE4; empty when none."
    )
    national_code = serializers.CharField(help_text="The national item's code (KE4), or empty.")
    service_count = serializers.IntegerField(help_text="Published services (counted at most a minute ago).")


# --- Producers ----------------------------------------------------------------------------------------


class CatalogueProducerSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sector = serializers.CharField(help_text="public, private or third.")


class CatalogueProducerOutput(CatalogueProducerSummaryOutput):
    city = serializers.SlugField(source="city.slug")
    city_name = serializers.CharField(source="city.name")
    description = serializers.CharField()
    web_page = serializers.CharField()
    response_target_days = serializers.IntegerField(help_text="Answers feedback within this many days.")


# --- Services -----------------------------------------------------------------------------------------


class CatalogueServiceListOutput(serializers.Serializer):
    code = serializers.SlugField()
    name = serializers.CharField()
    summary = serializers.CharField()
    producer = CatalogueProducerSummaryOutput()
    price_type = serializers.CharField(help_text="free or fee.")
    price_amount = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    languages = serializers.ListField(child=serializers.CharField(), source="language_codes")


class CatalogueServicePageOutput(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.CharField(allow_null=True, help_text="Address of the next page, or null.")
    previous = serializers.CharField(allow_null=True, help_text="Address of the previous page, or null.")
    results = CatalogueServiceListOutput(many=True)


class CatalogueOpeningHoursOutput(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="Monday is 0.")
    opens = serializers.TimeField()
    closes = serializers.TimeField(help_text="00:00 means midnight.")


class CatalogueOpeningExceptionOutput(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    is_closed = serializers.BooleanField()
    opens = serializers.TimeField(allow_null=True)
    closes = serializers.TimeField(allow_null=True)
    description = serializers.CharField()


class CatalogueDayOutput(serializers.Serializer):
    day = serializers.DateField()
    hours = serializers.CharField(source="label", help_text="e.g. 08:00–16:00; empty when closed.")
    reason = serializers.CharField(help_text="A holiday or the reason of an exception, or empty.")


class CatalogueLocationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    street_address = serializers.CharField()
    postal_code = serializers.CharField()
    post_office = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6)
    closed_on_public_holidays = serializers.BooleanField()
    opening_hours = CatalogueOpeningHoursOutput(many=True, source="opening_hours.all")
    opening_exceptions = CatalogueOpeningExceptionOutput(many=True, source="opening_exceptions.all")
    open_now = serializers.SerializerMethodField()
    week = serializers.SerializerMethodField()

    def _now(self) -> datetime:
        return local_moment(self.context.get("now") or timezone.now())

    def get_open_now(self, location: ServiceLocation) -> bool:
        """Whether the location is open at the moment of the request (Finnish time)."""
        now = self._now()
        return week_schedule(location, now.date(), days=1)[0].is_open_at(now.time())

    @extend_schema_field(CatalogueDayOutput(many=True))
    def get_week(self, location: ServiceLocation) -> list[dict[str, Any]]:
        """The hours of the coming seven days, exceptions and public holidays applied."""
        today: date = self._now().date()
        return CatalogueDayOutput(week_schedule(location, today), many=True).data  # type: ignore[return-value]


class CatalogueChannelOutput(serializers.Serializer):
    kind = serializers.CharField(help_text="phone, e_service or web_page.")
    name = serializers.CharField()
    url = serializers.CharField()
    phone_number = serializers.CharField()
    phone_charge = serializers.CharField()
    hours = serializers.CharField()


class CatalogueServiceDetailOutput(CatalogueServiceListOutput):
    description = serializers.CharField()
    price_info = serializers.CharField()
    is_published = serializers.BooleanField()
    producer = CatalogueProducerOutput()
    life_situations = CatalogueClassificationOutput(many=True, source="life_situations.all")
    target_groups = CatalogueClassificationOutput(many=True, source="target_groups.all")
    service_classes = CatalogueClassificationOutput(many=True, source="service_classes.all")
    locations = CatalogueLocationOutput(many=True, source="locations.all")
    channels = CatalogueChannelOutput(many=True, source="channels.all")


class CatalogueManagedServiceOutput(CatalogueServiceDetailOutput):
    """A service as its editors see it: every language's text, published or not."""

    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()
    summary_fi = serializers.CharField()
    summary_sv = serializers.CharField()
    summary_en = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    price_info_fi = serializers.CharField()
    price_info_sv = serializers.CharField()
    price_info_en = serializers.CharField()
    ptv_id = serializers.UUIDField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CatalogueManagedServiceListOutput(CatalogueServiceListOutput):
    is_published = serializers.BooleanField()
    updated_at = serializers.DateTimeField()


# --- Writing a service --------------------------------------------------------------------------------


class CatalogueServiceUpdateInput(serializers.Serializer):
    """The fields of a service its producer writes. On PATCH every field is optional; `languages` and the
    classifications, when given, replace the service's lists. The producer of a service cannot change."""

    name_fi = serializers.CharField(max_length=100)
    name_sv = serializers.CharField(max_length=100, required=False, allow_blank=True)
    name_en = serializers.CharField(max_length=100, required=False, allow_blank=True)
    summary_fi = serializers.CharField(max_length=150, required=False, allow_blank=True)
    summary_sv = serializers.CharField(max_length=150, required=False, allow_blank=True)
    summary_en = serializers.CharField(max_length=150, required=False, allow_blank=True)
    description_fi = serializers.CharField(required=False, allow_blank=True)
    description_sv = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=SERVICE_LANGUAGES),
        required=False,
        help_text="Codes of the languages the service is given in (Finnish only unless given).",
    )
    life_situations = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=LifeSituation.objects.all(), required=False
    )
    target_groups = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=TargetGroup.objects.all(), required=False
    )
    service_classes = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=ServiceClass.objects.all(), required=False
    )
    price_type = serializers.ChoiceField(choices=PriceType.choices, required=False)
    price_amount = serializers.DecimalField(max_digits=8, decimal_places=2, required=False, allow_null=True)
    price_info_fi = serializers.CharField(max_length=150, required=False, allow_blank=True)
    price_info_sv = serializers.CharField(max_length=150, required=False, allow_blank=True)
    price_info_en = serializers.CharField(max_length=150, required=False, allow_blank=True)
    is_published = serializers.BooleanField(required=False)
    ptv_id = serializers.UUIDField(required=False, allow_null=True)


class CatalogueServiceCreateInput(CatalogueServiceUpdateInput):
    producer = serializers.IntegerField(help_text="Id of a producer whose services you edit.")
    code = serializers.SlugField(
        max_length=60, required=False, allow_blank=True, help_text="Made from the name unless given."
    )


def service_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The service layer's keyword arguments from validated input (only the keys given)."""
    return {name: value for name, value in data.items() if name not in ("producer",)}
