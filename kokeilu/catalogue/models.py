"""The service catalogue: who produces which services, for which life situations, where and when.

The shape follows the national service catalogue (Palvelutietovaranto, PTV): an organisation produces
services; a service is reached through channels (service locations with opening hours, phone, e-service,
web page). Texts a producer writes in three languages are stored in three columns and read through
`Translated`.
"""

from datetime import time
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.core.models import BaseModel, Translated

from .national import LIFE_EVENT_URI_PREFIX, life_event_code

MIDNIGHT = time(0, 0)


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public sector")
    PRIVATE = "private", _("Private sector")
    THIRD = "third", _("Third sector")


# The sector an organisation usually belongs to; a producer can say otherwise (a city-owned company).
SECTOR_BY_ORGANISATION_KIND = {
    OrganisationKind.CITY: Sector.PUBLIC,
    OrganisationKind.CITY_UNIT: Sector.PUBLIC,
    OrganisationKind.SCHOOL: Sector.PUBLIC,
    OrganisationKind.RESEARCH: Sector.PUBLIC,
    OrganisationKind.COMPANY: Sector.PRIVATE,
    OrganisationKind.ASSOCIATION: Sector.THIRD,
}


class Classification(models.Model):
    """A code list item (life situation, target group, service class) with names in three languages."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=150)
    name_sv = models.CharField(_("name (Swedish)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    # The item's URI in the national classification (Finto), when it has one; used to match PTV imports.
    uri = models.CharField(_("URI in the national classification"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    name = Translated("name")

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return str(self.name)


class LifeSituation(Classification):
    """An event in a person's life that calls for several services at once (a child is born, moving)."""

    description_fi = models.CharField(_("description (Finnish)"), max_length=300, blank=True)
    description_sv = models.CharField(_("description (Swedish)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)

    description = Translated("description")

    class Meta(Classification.Meta):
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")
        constraints = [
            # The URI, when given, names an item of PTV's life-event code list (see `national`), and at
            # most one life situation names each item, so that an imported URI finds one situation.
            models.CheckConstraint(
                condition=Q(uri="") | Q(uri__startswith=f"{LIFE_EVENT_URI_PREFIX}KE"),
                name="life_situation_uri_national",
            ),
            models.UniqueConstraint(
                fields=["uri"], condition=~Q(uri=""), name="life_situation_unique_national_uri"
            ),
        ]

    @property
    def national_code(self) -> str:
        """The national life-event code (KE4.1) of the URI, or ""."""
        return life_event_code(self.uri)


class TargetGroup(Classification):
    class Meta(Classification.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class ServiceClass(Classification):
    class Meta(Classification.Meta):
        verbose_name = _("service class")
        verbose_name_plural = _("service classes")


class Producer(BaseModel):
    """An organisation that produces services in a city's catalogue: a city unit, a company or an
    association. Its members edit its services and handle the feedback they receive."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="catalogue_producer",
    )
    city = models.ForeignKey(
        Organisation,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="catalogue_producers",
        limit_choices_to={"kind": OrganisationKind.CITY},
    )
    sector = models.CharField(_("sector"), max_length=10, choices=Sector.choices)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    web_page = models.URLField(_("web page"), blank=True)
    response_target_days = models.PositiveSmallIntegerField(
        _("answers feedback within (days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("The same target is shown and measured for every producer."),
    )
    ptv_id = models.UUIDField(
        _("identifier in the national service catalogue"), null=True, blank=True, unique=True
    )

    description = Translated("description")

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sector__in=["public", "private", "third"]), name="producer_sector_valid"
            ),
            models.CheckConstraint(
                condition=Q(response_target_days__gte=1, response_target_days__lte=90),
                name="producer_response_target_range",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name


class PriceType(models.TextChoices):
    FREE = "free", _("Free of charge")
    FEE = "fee", _("Subject to a fee")


# Languages a service can be given in, beyond the three the catalogue is written in.
SERVICE_LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("se", _("Northern Sami")),
    ("ru", _("Russian")),
    ("et", _("Estonian")),
    ("ar", _("Arabic")),
    ("so", _("Somali")),
    ("fa", _("Persian")),
    ("uk", _("Ukrainian")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("zh", _("Chinese")),
    ("fse", _("Finnish Sign Language")),
]
SERVICE_LANGUAGE_CODES = frozenset(code for code, _label in SERVICE_LANGUAGES)


class Service(BaseModel):
    """A service a producer offers, described in three languages and classified for finding it."""

    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.PROTECT, related_name="services"
    )
    # The service's public code: in its URL and as the Open311 service_code.
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    summary_fi = models.CharField(_("summary (Finnish)"), max_length=150, blank=True)
    summary_sv = models.CharField(_("summary (Swedish)"), max_length=150, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=150, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), max_length=2500, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), max_length=2500, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=2500, blank=True)
    life_situations = models.ManyToManyField(
        LifeSituation, verbose_name=_("life situations"), blank=True, related_name="services"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="services"
    )
    service_classes = models.ManyToManyField(
        ServiceClass, verbose_name=_("service classes"), blank=True, related_name="services"
    )
    # Codes of the languages the service is given in, stored as ",fi,sv," so that one language can be
    # filtered with a plain `contains` on every database.
    languages = models.CharField(_("languages"), max_length=120, default=",fi,")
    price_type = models.CharField(_("price"), max_length=4, choices=PriceType.choices, default=PriceType.FREE)
    price_amount = models.DecimalField(
        _("fee (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    price_info_fi = models.CharField(_("about the price (Finnish)"), max_length=150, blank=True)
    price_info_sv = models.CharField(_("about the price (Swedish)"), max_length=150, blank=True)
    price_info_en = models.CharField(_("about the price (English)"), max_length=150, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    ptv_id = models.UUIDField(
        _("identifier in the national service catalogue"), null=True, blank=True, unique=True
    )
    # Lower-case names, summaries and descriptions in every language and the producer's name, kept by the
    # services so that search reads one column.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    name = Translated("name")
    summary = Translated("summary")
    description = Translated("description")
    price_info = Translated("price_info")

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name_fi", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(price_type="free") & Q(price_amount__isnull=True))
                | (Q(price_type="fee") & Q(price_amount__isnull=False) & Q(price_amount__gte=0)),
                name="service_price_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "producer"], name="service_published_producer_idx"),
            # Lists of published services are shown by name; a page of twenty reads the index in order.
            models.Index(
                fields=["name_fi", "id"], condition=Q(is_published=True), name="service_published_name_idx"
            ),
            # Counting what a filter finds reads the published services' ids and the columns the filters
            # test from this narrow index instead of the wide rows (long texts in three languages).
            models.Index(
                fields=["id"],
                include=["producer", "price_type", "price_amount", "languages"],
                condition=Q(is_published=True),
                name="service_published_cover_idx",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    def language_labels(self) -> list[str]:
        labels = dict(SERVICE_LANGUAGES)
        return [str(labels.get(code, code)) for code in self.language_codes]

    @property
    def is_free(self) -> bool:
        return self.price_type == PriceType.FREE


class ServiceLocation(BaseModel):
    """A place where services are given, with its address, coordinates and opening hours."""

    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.CASCADE, related_name="locations"
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("services given here"), blank=True, related_name="locations"
    )
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    street_address_fi = models.CharField(_("street address (Finnish)"), max_length=100)
    street_address_sv = models.CharField(_("street address (Swedish)"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5)
    post_office_fi = models.CharField(_("post office (Finnish)"), max_length=50)
    post_office_sv = models.CharField(_("post office (Swedish)"), max_length=50, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    closed_on_public_holidays = models.BooleanField(
        _("closed on public holidays"),
        default=True,
        help_text=_(
            "Finnish public holidays (and Midsummer and Christmas Eve) close the location unless "
            "an exception says otherwise."
        ),
    )
    ptv_id = models.UUIDField(
        _("identifier in the national service catalogue"), null=True, blank=True, unique=True
    )

    name = Translated("name")
    street_address = Translated("street_address")
    post_office = Translated("post_office")

    class Meta:
        verbose_name = _("service location")
        verbose_name_plural = _("service locations")
        ordering = ["name_fi", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="location_coordinates_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def address_line(self) -> str:
        return f"{self.street_address}, {self.postal_code} {self.post_office}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# An interval either ends later the same day or at midnight (stored as 00:00); intervals past midnight
# are entered as two.
_ENDS_AFTER_OPENING = Q(closes__gt=F("opens")) | Q(closes=MIDNIGHT)


class OpeningHours(models.Model):
    """A regular weekly interval, Finnish time (Europe/Helsinki). A day may have several intervals."""

    location = models.ForeignKey(
        ServiceLocation, verbose_name=_("location"), on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=_("00:00 means midnight."))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["location_id", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6), name="opening_hours_weekday"),
            models.CheckConstraint(condition=_ENDS_AFTER_OPENING, name="opening_hours_interval_valid"),
        ]
        # "Open at" reads the intervals of one weekday around a time, and needs only their locations: with
        # the location in the index, the table itself is not read.
        indexes = [
            models.Index(
                fields=["weekday", "opens", "closes"], include=["location"], name="opening_hours_cover_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(BaseModel):
    """Dates when the regular hours do not apply: closed, or open at other hours (one row per interval)."""

    location = models.ForeignKey(
        ServiceLocation,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="opening_exceptions",
    )
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("until"))
    is_closed = models.BooleanField(_("closed"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True, help_text=_("00:00 means midnight."))
    description_fi = models.CharField(_("reason (Finnish)"), max_length=150, blank=True)
    description_sv = models.CharField(_("reason (Swedish)"), max_length=150, blank=True)
    description_en = models.CharField(_("reason (English)"), max_length=150, blank=True)

    description = Translated("description")

    class Meta:
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")
        ordering = ["location_id", "date_from", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(date_from__lte=F("date_to")), name="opening_exception_dates"),
            models.CheckConstraint(
                condition=(Q(is_closed=True) & Q(opens__isnull=True) & Q(closes__isnull=True))
                | (
                    Q(is_closed=False)
                    & Q(opens__isnull=False)
                    & Q(closes__isnull=False)
                    & _ENDS_AFTER_OPENING
                ),
                name="opening_exception_hours_valid",
            ),
        ]
        indexes = [models.Index(fields=["date_from", "date_to"], name="opening_exception_dates_idx")]

    def __str__(self) -> str:
        return f"{self.date_from}–{self.date_to}"


class ChannelKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    E_SERVICE = "e_service", _("E-service")
    WEB_PAGE = "web_page", _("Web page")


class PhoneCharge(models.TextChoices):
    FREE = "free", _("Free of charge")
    CHARGEABLE = "chargeable", _("Local network or mobile call charge")
    OTHER = "other", _("Other charge")


class ContactChannel(BaseModel):
    """A way to use the service without going anywhere: a phone line, an e-service or a web page."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="channels"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ChannelKind.choices)
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    phone_number = models.CharField(_("phone number"), max_length=30, blank=True)
    phone_charge = models.CharField(_("call charge"), max_length=10, choices=PhoneCharge.choices, blank=True)
    hours_fi = models.CharField(_("service hours (Finnish)"), max_length=150, blank=True)
    hours_sv = models.CharField(_("service hours (Swedish)"), max_length=150, blank=True)
    hours_en = models.CharField(_("service hours (English)"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # One channel of the national catalogue can serve several services; here each service has its own
    # row, so the identifier is unique per service.
    ptv_id = models.UUIDField(_("identifier in the national service catalogue"), null=True, blank=True)

    name = Translated("name")
    hours = Translated("hours")

    class Meta:
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")
        ordering = ["service_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="phone") & ~Q(phone_number=""))
                | (Q(kind__in=["e_service", "web_page"]) & ~Q(url="")),
                name="contact_channel_has_address",
            ),
            models.UniqueConstraint(
                fields=["service", "ptv_id"],
                condition=Q(ptv_id__isnull=False),
                name="contact_channel_unique_ptv_id_per_service",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)


class AddressPoint(models.Model):
    """A known address and its coordinates: the local table addresses are looked up in (no network)."""

    city = models.ForeignKey(
        Organisation,
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.CITY},
    )
    address = models.CharField(_("address"), max_length=200)
    normalised = models.CharField(_("normalised address"), max_length=200, db_index=True, editable=False)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)

    class Meta:
        verbose_name = _("address point")
        verbose_name_plural = _("address points")
        ordering = ["address"]

    def __str__(self) -> str:
        return self.address


class CacheVersion(models.Model):
    """A counter that the services raise whenever something cached reads show changes: `catalogue` for
    services, producers, locations, hours and channels; `feedback` for feedback items. Cached results
    carry the counters in their keys, so every process stops serving an entry the moment a change is
    committed (a per-process cache cannot be cleared from another process)."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("cache version")
        verbose_name_plural = _("cache versions")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
