"""Writes of the catalogue. Every function checks who may act (`selectors.user_can_edit_producer`) and
refuses with a translated ApplicationError naming the field it belongs to, so that HTML forms, the import
and the admin give the same answer."""

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping
from datetime import date, time
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.accounts.services import organisation_create
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.slugs import unique_slug

from .geo import normalise_address
from .models import (
    MIDNIGHT,
    SECTOR_BY_ORGANISATION_KIND,
    SERVICE_LANGUAGE_CODES,
    AddressPoint,
    CacheVersion,
    ChannelKind,
    ContactChannel,
    LifeSituation,
    OpeningException,
    OpeningHours,
    PriceType,
    Producer,
    Sector,
    Service,
    ServiceClass,
    ServiceLocation,
    TargetGroup,
)
from .selectors import CATALOGUE, user_can_edit_producer, user_can_manage_catalogue_of

DESCRIPTION_MAX_LENGTH = 2500
PRODUCER_KINDS = (
    OrganisationKind.CITY,
    OrganisationKind.CITY_UNIT,
    OrganisationKind.COMPANY,
    OrganisationKind.ASSOCIATION,
)
# Fields of a producer only the city's programme managers change: they are what uniform monitoring
# compares producers by.
PRODUCER_CITY_FIELDS = frozenset({"sector", "response_target_days", "ptv_id"})
PRODUCER_FIELDS = frozenset(
    {"description_fi", "description_sv", "description_en", "web_page", *PRODUCER_CITY_FIELDS}
)
SERVICE_FIELDS = frozenset(
    {
        "name_fi",
        "name_sv",
        "name_en",
        "summary_fi",
        "summary_sv",
        "summary_en",
        "description_fi",
        "description_sv",
        "description_en",
        "price_type",
        "price_amount",
        "price_info_fi",
        "price_info_sv",
        "price_info_en",
        "is_published",
        "ptv_id",
    }
)
LOCATION_FIELDS = frozenset(
    {
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
        "ptv_id",
    }
)
CHANNEL_FIELDS = frozenset(
    {
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
        "ptv_id",
    }
)


def cache_version_raise(key: str) -> None:
    """Raise a counter read by `selectors.cache_versions`, in the caller's transaction: entries cached
    under the old value are no longer read once the change is committed."""
    if CacheVersion.objects.filter(key=key).update(value=F("value") + 1):
        return
    try:
        with transaction.atomic():
            CacheVersion.objects.create(key=key, value=1)
    except IntegrityError:
        # Another transaction created the counter first.
        CacheVersion.objects.filter(key=key).update(value=F("value") + 1)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _changes_catalogue(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """The function changes what the catalogue's cached reads show: raise its version when it succeeds."""

    @functools.wraps(function)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        result = function(*args, **kwargs)
        cache_version_raise(CATALOGUE)
        return result

    return wrapped


def _require_editor(user: User, producer: Producer) -> None:
    if not user_can_edit_producer(user, producer):
        raise PermissionDeniedError()


def _refuse_unknown(fields: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        # A programming error, not a user's: the caller passed a field the service does not manage.
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


# Words the catalogue's own pages use in their addresses; a service code cannot be one of them.
RESERVED_CODES = frozenset({"compare", "map", "manage", "open-data", "new"})


def _unique_slug(model: type[Service], text: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(text)[:50].strip("-") or "service"
    if base in RESERVED_CODES:
        base = f"{base}-service"
    return unique_slug(model.objects.exclude(pk=exclude_pk or 0), "code", base, max_length=60)


# --- Producers ----------------------------------------------------------------------------------------


@transaction.atomic
@_changes_catalogue
def producer_create(
    *,
    created_by: User,
    city: Organisation,
    organisation: Organisation | None = None,
    name: str = "",
    kind: str = "",
    business_id: str = "",
    sector: str = "",
    **fields: Any,
) -> Producer:
    """Add a producer to a city's catalogue: an existing organisation, or a new one by name and kind.
    Only the city's programme managers add producers."""
    _refuse_unknown(fields, PRODUCER_FIELDS)
    if city.kind != OrganisationKind.CITY:
        raise ApplicationError(_("Producers are added to a city's catalogue."), field="city")
    if not user_can_manage_catalogue_of(created_by, city.pk):
        raise PermissionDeniedError()
    if organisation is None:
        if kind not in PRODUCER_KINDS:
            raise ApplicationError(_("Choose what kind of organisation the producer is."), field="kind")
        if not name.strip():
            raise ApplicationError(_("Give the producer's name."), field="name")
        organisation = organisation_create(
            kind=kind,
            name=name.strip(),
            city=city if kind == OrganisationKind.CITY_UNIT else None,
            business_id=business_id.strip(),
        )
    elif Producer.objects.filter(organisation=organisation).exists():
        raise ApplicationError(
            _("This organisation is already a producer."), field="organisation", code="already_producer"
        )
    if (
        organisation.kind in (OrganisationKind.CITY_UNIT, OrganisationKind.SCHOOL)
        and organisation.city_id != city.pk
    ):
        raise ApplicationError(
            _("A unit of another city cannot produce services in this city's catalogue."), code="other_city"
        )
    if organisation.kind == OrganisationKind.CITY and organisation.pk != city.pk:
        raise ApplicationError(
            _("Another city cannot produce services in this city's catalogue."), code="other_city"
        )
    producer = Producer(
        organisation=organisation,
        city=city,
        sector=sector or SECTOR_BY_ORGANISATION_KIND.get(OrganisationKind(organisation.kind), Sector.PUBLIC),
        **fields,
    )
    producer.full_clean()
    producer.save()
    return producer


@transaction.atomic
@_changes_catalogue
def producer_update(*, producer: Producer, updated_by: User, **fields: Any) -> Producer:
    _refuse_unknown(fields, PRODUCER_FIELDS)
    _require_editor(updated_by, producer)
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    changes_city_fields = any(
        name in PRODUCER_CITY_FIELDS and getattr(producer, name) != value for name, value in fields.items()
    )
    if changes_city_fields and not user_can_manage_catalogue_of(updated_by, producer.city_id):
        raise PermissionDeniedError(
            _("Only the city's programme managers change a producer's sector and answer target.")
        )
    for name, value in fields.items():
        setattr(producer, name, value)
    producer.full_clean()
    producer.save()
    return producer


# --- Services -----------------------------------------------------------------------------------------


def _search_text(service: Service, producer: Producer) -> str:
    parts = [
        service.name_fi,
        service.name_sv,
        service.name_en,
        service.summary_fi,
        service.summary_sv,
        service.summary_en,
        service.description_fi,
        service.description_sv,
        service.description_en,
        producer.organisation.name,
    ]
    return " ".join(" ".join(part.split()) for part in parts if part).lower()


def _languages_value(languages: Iterable[str]) -> str:
    codes = []
    for code in languages:
        if code not in SERVICE_LANGUAGE_CODES:
            raise ApplicationError(_("Unknown language: %(code)s.") % {"code": code}, field="languages")
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ApplicationError(_("Choose at least one language the service is given in."), field="languages")
    return "," + ",".join(codes) + ","


def _check_service(service: Service) -> None:
    if not service.name_fi.strip():
        raise ApplicationError(_("Give the service's name in Finnish."), field="name_fi")
    for code in ("fi", "sv", "en"):
        if len(getattr(service, f"description_{code}")) > DESCRIPTION_MAX_LENGTH:
            raise ApplicationError(
                _("A description can be at most %(max)s characters long.") % {"max": DESCRIPTION_MAX_LENGTH},
                field=f"description_{code}",
            )
    if service.price_type == PriceType.FREE:
        service.price_amount = None
    elif service.price_amount is None:
        raise ApplicationError(_("Give the fee, or mark the service free of charge."), field="price_amount")
    elif service.price_amount < Decimal("0"):
        raise ApplicationError(_("The fee cannot be negative."), field="price_amount")


def _set_classifications(
    service: Service,
    life_situations: Iterable[LifeSituation] | None,
    target_groups: Iterable[TargetGroup] | None,
    service_classes: Iterable[ServiceClass] | None,
) -> None:
    if life_situations is not None:
        service.life_situations.set(list(life_situations))
    if target_groups is not None:
        service.target_groups.set(list(target_groups))
    if service_classes is not None:
        service.service_classes.set(list(service_classes))


@transaction.atomic
@_changes_catalogue
def service_create(
    *,
    created_by: User,
    producer: Producer,
    name_fi: str,
    code: str = "",
    languages: Iterable[str] = ("fi",),
    life_situations: Iterable[LifeSituation] = (),
    target_groups: Iterable[TargetGroup] = (),
    service_classes: Iterable[ServiceClass] = (),
    **fields: Any,
) -> Service:
    """Add a service to the producer's catalogue (unpublished unless `is_published` is given)."""
    _refuse_unknown(fields, SERVICE_FIELDS)
    _require_editor(created_by, producer)
    if code and (code in RESERVED_CODES or Service.objects.filter(code=code).exists()):
        raise ApplicationError(_("Another service already has this code."), field="code")
    service = Service(
        producer=producer,
        name_fi=name_fi,
        code=code or _unique_slug(Service, name_fi),
        languages=_languages_value(languages),
        **fields,
    )
    _check_service(service)
    service.search_text = _search_text(service, producer)
    service.full_clean()
    service.save()
    _set_classifications(service, life_situations, target_groups, service_classes)
    return service


@transaction.atomic
@_changes_catalogue
def service_update(
    *,
    service: Service,
    updated_by: User,
    languages: Iterable[str] | None = None,
    life_situations: Iterable[LifeSituation] | None = None,
    target_groups: Iterable[TargetGroup] | None = None,
    service_classes: Iterable[ServiceClass] | None = None,
    **fields: Any,
) -> Service:
    """Change a service of a producer the user edits. The producer itself cannot be changed."""
    _refuse_unknown(fields, SERVICE_FIELDS)
    service = Service.objects.select_for_update().select_related("producer__organisation").get(pk=service.pk)
    _require_editor(updated_by, service.producer)
    for name, value in fields.items():
        setattr(service, name, value)
    if languages is not None:
        service.languages = _languages_value(languages)
    _check_service(service)
    service.search_text = _search_text(service, service.producer)
    service.full_clean()
    service.save()
    _set_classifications(service, life_situations, target_groups, service_classes)
    return service


@transaction.atomic
@_changes_catalogue
def service_delete(*, service: Service, deleted_by: User) -> None:
    """Remove a service that has never received feedback; one with feedback is unpublished instead."""
    _require_editor(deleted_by, service.producer)
    try:
        service.delete()
    except ProtectedError as error:
        raise ApplicationError(
            _("The service has received feedback, so it is kept. Unpublish it to hide it."),
            code="has_feedback",
        ) from error


@_changes_catalogue
def organisation_renamed(*, organisation: Organisation) -> None:
    """An organisation's new name (called by `accounts.services.organisation_renamed`): its producers'
    services are found by it at once, and cached pages that show the old name are no longer read."""
    for producer in Producer.objects.filter(organisation=organisation).select_related("organisation"):
        producer_search_text_refresh(producer=producer)
    cache_version_raise(CATALOGUE)


def producer_search_text_refresh(*, producer: Producer) -> int:
    """Rewrite the search text of the producer's services (after the organisation was renamed)."""
    count = 0
    for service in Service.objects.filter(producer=producer).select_related("producer__organisation"):
        text = _search_text(service, producer)
        if text != service.search_text:
            Service.objects.filter(pk=service.pk).update(search_text=text)
            count += 1
    return count


# --- Locations and opening hours ----------------------------------------------------------------------


def _check_services_of_producer(services: list[Service], producer: Producer) -> None:
    for service in services:
        if service.producer_id != producer.pk:
            raise ApplicationError(
                _("A location can only give its own producer's services."), field="services"
            )


@transaction.atomic
@_changes_catalogue
def location_create(
    *, created_by: User, producer: Producer, services: Iterable[Service] = (), **fields: Any
) -> ServiceLocation:
    _refuse_unknown(fields, LOCATION_FIELDS)
    _require_editor(created_by, producer)
    services_list = list(services)
    _check_services_of_producer(services_list, producer)
    location = ServiceLocation(producer=producer, **fields)
    location.full_clean()
    location.save()
    location.services.set(services_list)
    return location


@transaction.atomic
@_changes_catalogue
def location_update(
    *, location: ServiceLocation, updated_by: User, services: Iterable[Service] | None = None, **fields: Any
) -> ServiceLocation:
    _refuse_unknown(fields, LOCATION_FIELDS)
    location = ServiceLocation.objects.select_for_update().select_related("producer").get(pk=location.pk)
    _require_editor(updated_by, location.producer)
    for name, value in fields.items():
        setattr(location, name, value)
    location.full_clean()
    location.save()
    if services is not None:
        services_list = list(services)
        _check_services_of_producer(services_list, location.producer)
        location.services.set(services_list)
    return location


@transaction.atomic
@_changes_catalogue
def location_delete(*, location: ServiceLocation, deleted_by: User) -> None:
    _require_editor(deleted_by, location.producer)
    location.delete()


def _check_intervals(intervals: list[tuple[time, time]], field: str) -> list[tuple[time, time]]:
    ordered = sorted(intervals)
    for opens, closes in ordered:
        if closes != MIDNIGHT and closes <= opens:
            raise ApplicationError(
                _(
                    "An interval must end after it starts (%(opens)s–%(closes)s). Split "
                    "hours past midnight in two."
                )
                % {"opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"},
                field=field,
                code="interval_order",
            )
    for (_opens, previous_closes), (next_opens, _closes) in itertools.pairwise(ordered):
        if previous_closes == MIDNIGHT or previous_closes > next_opens:
            raise ApplicationError(_("The intervals of a day overlap."), field=field, code="overlap")
    return ordered


@transaction.atomic
@_changes_catalogue
def location_set_weekly_hours(
    *, location: ServiceLocation, updated_by: User, intervals: Mapping[int, list[tuple[time, time]]]
) -> list[OpeningHours]:
    """Replace the location's regular weekly hours: weekday (Monday=0) → intervals; a missing day is
    closed."""
    _require_editor(updated_by, location.producer)
    rows = []
    for weekday in range(7):
        for opens, closes in _check_intervals(list(intervals.get(weekday, [])), field=f"weekday_{weekday}"):
            rows.append(OpeningHours(location=location, weekday=weekday, opens=opens, closes=closes))
    for row in rows:
        row.full_clean(exclude=["location"])
    OpeningHours.objects.filter(location=location).delete()
    ServiceLocation.objects.filter(pk=location.pk).update(updated_at=timezone.now())
    return OpeningHours.objects.bulk_create(rows)


@transaction.atomic
@_changes_catalogue
def opening_exception_add(
    *,
    location: ServiceLocation,
    added_by: User,
    date_from: date,
    date_to: date | None = None,
    is_closed: bool = True,
    opens: time | None = None,
    closes: time | None = None,
    description_fi: str = "",
    description_sv: str = "",
    description_en: str = "",
) -> OpeningException:
    """Close the location on dates, or give it other hours then (one interval per call)."""
    _require_editor(added_by, location.producer)
    date_to = date_to or date_from
    if date_to < date_from:
        raise ApplicationError(_("The last day cannot be before the first."), field="date_to")
    if is_closed:
        opens = closes = None
    else:
        if opens is None or closes is None:
            raise ApplicationError(_("Give the hours, or mark the location closed."), field="opens")
        _check_intervals([(opens, closes)], field="closes")
    exception = OpeningException(
        location=location,
        date_from=date_from,
        date_to=date_to,
        is_closed=is_closed,
        opens=opens,
        closes=closes,
        description_fi=description_fi,
        description_sv=description_sv,
        description_en=description_en,
    )
    exception.full_clean()
    exception.save()
    return exception


@_changes_catalogue
def opening_exception_delete(*, exception: OpeningException, deleted_by: User) -> None:
    _require_editor(deleted_by, exception.location.producer)
    exception.delete()


# --- Contact channels ---------------------------------------------------------------------------------


def _check_channel(channel: ContactChannel) -> None:
    if channel.kind == ChannelKind.PHONE:
        if not channel.phone_number.strip():
            raise ApplicationError(_("Give the phone number."), field="phone_number")
        allowed = set("+0123456789 -()")
        if (
            not set(channel.phone_number) <= allowed
            or sum(char.isdigit() for char in channel.phone_number) < 3
        ):
            raise ApplicationError(
                _("A phone number has digits, spaces and a leading +."), field="phone_number"
            )
    elif not channel.url:
        raise ApplicationError(_("Give the web address."), field="url")
    if not channel.name_fi.strip():
        raise ApplicationError(_("Give the channel's name in Finnish."), field="name_fi")


@transaction.atomic
@_changes_catalogue
def channel_save(
    *, service: Service, saved_by: User, channel: ContactChannel | None = None, **fields: Any
) -> ContactChannel:
    _refuse_unknown(fields, CHANNEL_FIELDS)
    _require_editor(saved_by, service.producer)
    if channel is not None and channel.service_id != service.pk:
        raise PermissionDeniedError()
    channel = channel or ContactChannel(service=service)
    for name, value in fields.items():
        setattr(channel, name, value)
    _check_channel(channel)
    channel.full_clean()
    channel.save()
    return channel


@_changes_catalogue
def channel_delete(*, channel: ContactChannel, deleted_by: User) -> None:
    _require_editor(deleted_by, channel.service.producer)
    channel.delete()


# --- The local address table --------------------------------------------------------------------------


def address_point_save(
    *,
    address: str,
    latitude: Decimal,
    longitude: Decimal,
    city: Organisation | None = None,
    point: AddressPoint | None = None,
) -> AddressPoint:
    """Add or correct an address in the local table used to measure distances (site administrators)."""
    point = point or AddressPoint()
    point.address = " ".join(address.split())
    point.normalised = normalise_address(point.address)
    point.latitude, point.longitude, point.city = latitude, longitude, city
    if not point.normalised:
        raise ApplicationError(_("Give the address."), field="address")
    point.full_clean()
    point.save()
    return point
