"""Reads of the catalogue. Who may edit a producer's services is decided here, once, by
`user_can_edit_producer`; what anyone may see is decided by `service_list_public`."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.functional import cached_property

from kokeilu.accounts.models import Membership, Organisation, OrganisationKind, Role
from kokeilu.accounts.selectors import AnyUser, user_can_manage_city, user_managed_city_ids
from kokeilu.core.cache import cache_key

from .geo import GeoPoint, normalise_address, parse_point
from .hours import open_at_condition, open_location_exists
from .models import (
    AddressPoint,
    CacheVersion,
    LifeSituation,
    OpeningException,
    OpeningHours,
    Producer,
    Service,
    ServiceClass,
    ServiceLocation,
    TargetGroup,
)

# Roles in a producer's own organisation that let a person edit its services and handle its feedback.
PRODUCER_EDITOR_ROLES = (Role.MEMBER, Role.PROGRAMME_MANAGER)
SEARCH_MAX_LENGTH = 200


# --- The permission rule ------------------------------------------------------------------------------


def _editor_organisation_ids(user: AnyUser) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_kokeilu_producer_editor_org_ids", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, role__in=PRODUCER_EDITOR_ROLES).values_list(
                "organisation_id", flat=True
            )
        )
        setattr(user, "_kokeilu_producer_editor_org_ids", cached)  # noqa: B010 - a per-request memo
    return cached


def user_can_edit_producer(user: AnyUser, producer: Producer) -> bool:
    """Members (or programme managers) of the producer's own organisation edit its services and handle
    its feedback; the programme managers of the producer's city and site administrators may do so for
    every producer in the city."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user_can_manage_city(user, producer.city_id):
        return True
    return producer.organisation_id in _editor_organisation_ids(user)


def producer_list_editable_by(*, user: AnyUser) -> QuerySet[Producer]:
    """The same rule as `user_can_edit_producer`, as a query."""
    queryset = Producer.objects.select_related("organisation", "city")
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(
        Q(city_id__in=user_managed_city_ids(user)) | Q(organisation_id__in=_editor_organisation_ids(user))
    )


def producer_list_public(*, city: Organisation | None = None) -> QuerySet[Producer]:
    """Every producer of every city's catalogue (who produces services is public), by name."""
    queryset = Producer.objects.select_related("organisation", "city").order_by("organisation__name", "id")
    return queryset if city is None else queryset.filter(city=city)


def producer_get(*, pk: int) -> Producer | None:
    """A producer by id, whoever asks; whether the user may edit it is `user_can_edit_producer`."""
    return producer_list_public().filter(pk=pk).first()


def user_can_manage_catalogue_of(user: AnyUser, city_id: int) -> bool:
    """Adding producers and importing a catalogue file is for the city's programme managers."""
    return user_can_manage_city(user, city_id)


def user_is_catalogue_editor(user: AnyUser) -> bool:
    return producer_list_editable_by(user=user).exists()


def cities_with_catalogue() -> QuerySet[Organisation]:
    """Cities that have producers in their catalogue (a few rows, whatever the number of services)."""
    return Organisation.objects.filter(
        Exists(Producer.objects.filter(city=OuterRef("pk"))), kind=OrganisationKind.CITY
    ).order_by("name")


def cities_managed_by(*, user: AnyUser) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        kind=OrganisationKind.CITY, id__in=user_managed_city_ids(user)
    ).order_by("name")


# --- Versions of what is cached -----------------------------------------------------------------------

CATALOGUE = "catalogue"
FEEDBACK = "feedback"


def cache_versions(*keys: str) -> tuple[int, ...]:
    """The current values of the counters (one query); 0 for a counter never raised."""
    found = dict(CacheVersion.objects.filter(key__in=keys).values_list("key", "value"))
    return tuple(found.get(key, 0) for key in keys)


def cached_read(namespace: str, parts: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """`compute()`, kept under a key made of the parts (which carry the versions) and the language. The
    lifetime is only the safety net for changes made around the services."""
    key = cache_key(namespace, parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.KOKEILU_PAGE_CACHE_SECONDS)
    return found


# --- Code lists ---------------------------------------------------------------------------------------


def life_situation_list() -> QuerySet[LifeSituation]:
    return LifeSituation.objects.all()


def life_situation_list_with_counts(*, version: int | None = None) -> list[LifeSituation]:
    """Life situations with the number of published services in each (as `service_count`).

    Counting reads every service's classification, so the result is kept until the catalogue changes
    (`version` is the catalogue's, when the caller has already read it)."""

    def count() -> list[LifeSituation]:
        # Counted in the table linking services to situations, which holds each pair once, against the
        # narrow index of published services; the situations themselves are a dozen rows.
        rows = (
            Service.life_situations.through.objects.filter(service__is_published=True)
            .values("lifesituation_id")
            .annotate(service_count=Count("service_id"))
        )
        counts = {row["lifesituation_id"]: row["service_count"] for row in rows}
        situations = list(LifeSituation.objects.order_by("position", "code"))
        for situation in situations:
            situation.service_count = counts.get(situation.pk, 0)  # type: ignore[attr-defined]
        return situations

    versions = cache_versions(CATALOGUE) if version is None else (version,)
    return cached_read("catalogue-situation-counts", versions, count)


def target_group_list() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.all()


def service_class_list() -> QuerySet[ServiceClass]:
    return ServiceClass.objects.all()


@dataclass(frozen=True)
class FilterChoices:
    """What the catalogue's filter form offers to choose from."""

    life_situations: list[LifeSituation]
    target_groups: list[TargetGroup]
    service_classes: list[ServiceClass]
    cities: list[Organisation]


def filter_choice_list(*, version: int) -> FilterChoices:
    """The code lists and the cities of the filter form, kept until the catalogue changes (`version` is
    its counter; the services and the admin raise it when producers or code lists change). Read as plain
    lists, so neither showing the form nor checking a choice reads the database on a cache hit."""

    def read() -> FilterChoices:
        return FilterChoices(
            life_situations=list(LifeSituation.objects.order_by("position", "code")),
            target_groups=list(TargetGroup.objects.order_by("position", "code")),
            service_classes=list(ServiceClass.objects.order_by("position", "code")),
            cities=list(cities_with_catalogue()),
        )

    return cached_read("catalogue-filter-choices", (version,), read)


# --- Services -----------------------------------------------------------------------------------------


def service_list_public() -> QuerySet[Service]:
    """What anyone may see: published services."""
    return Service.objects.filter(is_published=True).select_related("producer", "producer__organisation")


def service_list_editable_by(*, user: AnyUser) -> QuerySet[Service]:
    return (
        Service.objects.filter(producer__in=producer_list_editable_by(user=user))
        .select_related("producer", "producer__organisation", "producer__city")
        .order_by("producer__organisation__name", "name_fi", "id")
    )


def _with_details(queryset: QuerySet[Service]) -> QuerySet[Service]:
    return queryset.prefetch_related(
        "life_situations",
        "target_groups",
        "service_classes",
        "channels",
        Prefetch(
            "locations",
            queryset=ServiceLocation.objects.prefetch_related(
                Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
                Prefetch("opening_exceptions", queryset=OpeningException.objects.order_by("date_from")),
            ),
        ),
    )


def service_get_visible(*, user: AnyUser, code: str) -> Service | None:
    """A published service, or an unpublished one for those who may edit it. None means 404."""
    service = (
        _with_details(Service.objects.select_related("producer", "producer__organisation", "producer__city"))
        .filter(code=code)
        .first()
    )
    if service is None:
        return None
    if service.is_published or user_can_edit_producer(user, service.producer):
        return service
    return None


def service_get_editable(*, user: AnyUser, code: str) -> Service | None:
    service = service_get_visible(user=user, code=code)
    if service is None or not user_can_edit_producer(user, service.producer):
        return None
    return service


def service_list_for_comparison(*, codes: list[str]) -> list[Service]:
    """Published services in the order the codes were given (unknown codes are left out)."""
    found = {service.code: service for service in _with_details(service_list_public()).filter(code__in=codes)}
    return [found[code] for code in codes if code in found]


@dataclass
class ServiceFilter:
    """What a resident asked for on the catalogue page; empty values filter nothing."""

    text: str = ""
    city: Organisation | None = None
    life_situation: LifeSituation | None = None
    target_group: TargetGroup | None = None
    service_class: ServiceClass | None = None
    sectors: list[str] = field(default_factory=list)
    price: str = ""  # "", "free" or "fee"
    max_fee: Decimal | None = None
    language: str = ""
    open_at: datetime | None = None

    def cache_parts(self) -> tuple[Any, ...]:
        """What the results depend on, for a cache key."""
        return (
            " ".join(self.text.split())[:SEARCH_MAX_LENGTH].lower(),
            self.city.pk if self.city else None,
            self.life_situation.pk if self.life_situation else None,
            self.target_group.pk if self.target_group else None,
            self.service_class.pk if self.service_class else None,
            tuple(sorted(self.sectors)),
            self.price,
            str(self.max_fee) if self.max_fee is not None else None,
            self.language,
            # Opening hours are kept to the minute, so the minute asked about decides the results.
            self.open_at.replace(second=0, microsecond=0).isoformat() if self.open_at else None,
        )

    @property
    def narrows_down(self) -> bool:
        """Whether anything besides the opening time limits the services."""
        return bool(
            self.text.strip()
            or self.city
            or self.life_situation
            or self.target_group
            or self.service_class
            or self.sectors
            or self.price
            or self.max_fee is not None
            or self.language
        )


def service_search(
    service_filter: ServiceFilter, *, queryset: QuerySet[Service] | None = None
) -> QuerySet[Service]:
    services = service_list_public() if queryset is None else queryset
    text = " ".join(service_filter.text.split())[:SEARCH_MAX_LENGTH].lower()
    for word in text.split():
        services = services.filter(search_text__contains=word)
    if service_filter.city is not None:
        services = services.filter(producer__city=service_filter.city)
    if service_filter.life_situation is not None:
        services = services.filter(life_situations=service_filter.life_situation)
    if service_filter.target_group is not None:
        services = services.filter(target_groups=service_filter.target_group)
    if service_filter.service_class is not None:
        services = services.filter(service_classes=service_filter.service_class)
    if service_filter.sectors:
        services = services.filter(producer__sector__in=service_filter.sectors)
    if service_filter.price == "free":
        services = services.filter(price_type="free")
    elif service_filter.price == "fee":
        services = services.filter(price_type="fee")
    if service_filter.max_fee is not None:
        services = services.filter(Q(price_type="free") | Q(price_amount__lte=service_filter.max_fee))
    if service_filter.language:
        services = services.filter(languages__contains=f",{service_filter.language},")
    if service_filter.open_at is not None:
        # Opening hours are kept to the minute, so the minute decides (and a minute's results are shared).
        moment = service_filter.open_at.replace(second=0, microsecond=0)
        open_here = ServiceLocation.objects.filter(open_location_exists(moment), services=OuterRef("pk"))
        services = services.filter(Exists(open_here))
    # A list shows names and summaries; the long texts stay in the database.
    long_texts = ("search_text", "description_fi", "description_sv", "description_en")
    return services.defer(*long_texts).order_by("name_fi", "id")


class _CountedPaginator(Paginator):
    """A paginator told how to count, when counting another way is cheaper than counting the list."""

    def __init__(self, object_list: Any, per_page: int, *, count: Callable[[], int]) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()


def service_search_page(
    service_filter: ServiceFilter, *, number: Any, per_page: int, version: int | None = None
) -> Page:
    """A page of `service_search`. "Open at" is checked per service for the page, and also for the count
    when other filters leave few candidates; with no other filter the count instead takes the set of all
    open locations at once, which is several times cheaper than checking tens of thousands of services.

    The count and the ids on each page are kept until the catalogue changes (its version is in the key;
    so is the minute asked about for "open at"), so a repeated search reads only its twenty services.
    `version` is the catalogue's counter, when the caller has already read it."""
    if service_filter.open_at is not None:
        service_filter = replace(
            service_filter, open_at=service_filter.open_at.replace(second=0, microsecond=0)
        )
    services = service_search(service_filter)
    versions = cache_versions(CATALOGUE) if version is None else (version,)
    parts = (*versions, *service_filter.cache_parts(), per_page)

    def count() -> int:
        if service_filter.open_at is None or service_filter.narrows_down:
            return services.count()
        given_at = ServiceLocation.services.through.objects.filter(
            open_at_condition(service_filter.open_at, field="servicelocation_id")
        )
        return service_list_public().filter(pk__in=given_at.values("service_id")).count()

    paginator = _CountedPaginator(
        services, per_page, count=lambda: cached_read("catalogue-search-count", parts, count)
    )
    page_number = _page_number(paginator, number)
    bottom = (page_number - 1) * per_page
    ids: list[int] = cached_read(
        "catalogue-search-page",
        (*parts, page_number),
        lambda: list(services.values_list("pk", flat=True)[bottom : bottom + per_page]),
    )
    found = {service.pk: service for service in _page_rows(ids)}
    return Page([found[pk] for pk in ids if pk in found], page_number, paginator)


def _page_number(paginator: Paginator, number: Any) -> int:
    """As `Paginator.get_page`: not a number → the first page, past the end → the last."""
    try:
        return int(paginator.validate_number(number))
    except PageNotAnInteger:
        return 1
    except EmptyPage:
        return paginator.num_pages


def _page_rows(ids: list[int]) -> QuerySet[Service]:
    # The page's services by id: the filters were applied when the ids were chosen.
    return (
        Service.objects.filter(pk__in=ids)
        .select_related("producer", "producer__organisation")
        .defer("search_text", "description_fi", "description_sv", "description_en")
    )


def location_list_for_services(*, services: QuerySet[Service], limit: int = 200) -> list[ServiceLocation]:
    """Locations of the given services (for the map), each once, with the services they give."""
    return list(
        ServiceLocation.objects.filter(services__in=services)
        .distinct()
        .prefetch_related(Prefetch("services", queryset=Service.objects.filter(is_published=True)))
        .order_by("name_fi", "id")[:limit]
    )


def location_list_editable_by(*, user: AnyUser) -> QuerySet[ServiceLocation]:
    return ServiceLocation.objects.filter(producer__in=producer_list_editable_by(user=user)).select_related(
        "producer", "producer__organisation"
    )


def location_get_editable(*, user: AnyUser, pk: int) -> ServiceLocation | None:
    location = (
        ServiceLocation.objects.select_related("producer", "producer__organisation")
        .prefetch_related("opening_hours", "opening_exceptions", "services")
        .filter(pk=pk)
        .first()
    )
    if location is None or not user_can_edit_producer(user, location.producer):
        return None
    return location


def producer_get_editable(*, user: AnyUser, pk: int) -> Producer | None:
    return producer_list_editable_by(user=user).filter(pk=pk).first()


# --- Address look-up ----------------------------------------------------------------------------------


def geocode(text: str) -> GeoPoint | None:
    """Coordinates for what a resident typed: 'latitude, longitude' as such, otherwise an address found in
    the local address table or among the service locations' own addresses. Nothing is fetched."""
    point = parse_point(text)
    if point is not None:
        return point
    wanted = normalise_address(text)
    if not wanted:
        return None
    row = AddressPoint.objects.filter(normalised=wanted).first()
    if row is None:
        # "Street 1, 02230 Espoo" and "Street 1" both find the table's "Street 1, 02230 Espoo".
        row = AddressPoint.objects.filter(normalised__startswith=wanted).order_by("normalised").first()
    if row is not None:
        return GeoPoint(float(row.latitude), float(row.longitude), row.address)
    street = text.split(",")[0].strip()
    location = (
        ServiceLocation.objects.filter(
            Q(street_address_fi__iexact=street) | Q(street_address_sv__iexact=street)
        )
        .order_by("id")
        .first()
    )
    if location is not None:
        return GeoPoint(float(location.latitude), float(location.longitude), location.address_line)
    return None
