"""Reads of the feedback app. Two visibility rules, written once:

- everyone sees every item's public face (service, kind, text unless hidden, state, answer, times) —
  never who gave it, their contact details or the photo;
- the people who may edit the producer an item was routed to (`catalogue.selectors.user_can_edit_producer`)
  see and handle all of it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kokeilu.accounts.models import Organisation
from kokeilu.accounts.selectors import AnyUser
from kokeilu.catalogue.models import Producer, Service
from kokeilu.catalogue.selectors import producer_list_editable_by, user_can_edit_producer

from .models import CLOSED_STATES, OPEN_STATES, Feedback

HELSINKI = ZoneInfo("Europe/Helsinki")
OPEN311_DEFAULT_DAYS = 90
OPEN311_MAX_RESULTS = 1000


def feedback_list_public() -> QuerySet[Feedback]:
    return Feedback.objects.select_related("service", "producer__organisation")


def feedback_get_public(*, pk: int) -> Feedback | None:
    return feedback_list_public().filter(pk=pk).first()


def feedback_list_handled_by(*, user: AnyUser) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(producer__in=producer_list_editable_by(user=user))
        .select_related("service", "producer__organisation", "answered_by")
        .order_by("-requested_at", "-id")
    )


def feedback_get_handled_by(*, user: AnyUser, pk: int) -> Feedback | None:
    feedback = (
        Feedback.objects.select_related(
            "service", "producer__organisation", "location", "answered_by", "api_client"
        )
        .filter(pk=pk)
        .first()
    )
    if feedback is None or not user_can_edit_producer(user, feedback.producer):
        return None
    return feedback


def user_handles_feedback(user: AnyUser) -> bool:
    return producer_list_editable_by(user=user).exists()


def you_said_we_did(*, service: Service, limit: int = 5) -> list[Feedback]:
    """The service's answered feedback, most recently answered first."""
    return list(
        Feedback.objects.filter(service=service)
        .exclude(public_answer="")
        .order_by("-answered_at", "-id")[:limit]
    )


# --- Open311 --------------------------------------------------------------------------------------------


@dataclass
class Open311Query:
    ids: list[int] = field(default_factory=list)
    service_codes: list[str] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    statuses: list[str] = field(default_factory=list)
    city: Organisation | None = None
    # Paging (an extension many GeoReport servers share): page 1 is the newest page_size requests.
    page: int = 1
    page_size: int = OPEN311_MAX_RESULTS


@dataclass(frozen=True, slots=True)
class Open311Request:
    """One service request as GeoReport shows it: only public fields, read without building model rows
    (a list has up to 1,000 of them)."""

    id: int
    state: str
    public_answer: str
    description: str
    description_hidden: bool
    service_code: str
    service_name_fi: str
    service_name_sv: str
    service_name_en: str
    agency: str
    target_days: int
    requested_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    address_string: str
    address_id: str
    zipcode: str
    latitude: Decimal | None
    longitude: Decimal | None
    media_url: str

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def public_description(self) -> str:
        return "" if self.description_hidden else self.description

    def service_name(self, language: str) -> str:
        """The name in the language, else in Finnish, Swedish or English (as `Translated` reads it)."""
        names = {"fi": self.service_name_fi, "sv": self.service_name_sv, "en": self.service_name_en}
        return names.get(language) or self.service_name_fi or self.service_name_sv or self.service_name_en


_OPEN311_COLUMNS = (
    "id",
    "state",
    "public_answer",
    "description",
    "description_hidden",
    "service__code",
    "service__name_fi",
    "service__name_sv",
    "service__name_en",
    "producer__organisation__name",
    "producer__response_target_days",
    "requested_at",
    "updated_at",
    "closed_at",
    "address_string",
    "address_id",
    "zipcode",
    "latitude",
    "longitude",
    "media_url",
)


def open311_request_list(query: Open311Query, *, now: datetime | None = None) -> list[Open311Request]:
    """GET requests: ids override every other filter; otherwise the requested range (the last 90 days by
    default), the service codes and the statuses; newest first, one page of at most 1,000."""
    items = Feedback.objects.order_by("-requested_at", "-id")
    if query.city is not None:
        items = items.filter(producer__city=query.city)
    if query.ids:
        items = items.filter(pk__in=query.ids)
    else:
        if query.end is not None:
            start = query.start or (query.end - timedelta(days=OPEN311_DEFAULT_DAYS))
            items = items.filter(requested_at__gte=start, requested_at__lte=query.end)
        elif query.start is not None:
            end = query.start + timedelta(days=OPEN311_DEFAULT_DAYS)
            items = items.filter(requested_at__gte=query.start, requested_at__lte=end)
        else:
            # The last 90 days up to now: nothing is requested in the future, so only the start bounds
            # the range, and it moves by the minute (a list is the same for a minute unless feedback
            # changes, and can be cached so).
            items = items.filter(requested_at__gte=open311_default_start(now))
        if query.service_codes:
            items = items.filter(service__code__in=query.service_codes)
        statuses = set(query.statuses)
        if statuses == {"open"}:
            items = items.filter(state__in=[state.value for state in OPEN_STATES])
        elif statuses == {"closed"}:
            items = items.filter(state__in=[state.value for state in CLOSED_STATES])
    size = min(max(query.page_size, 1), OPEN311_MAX_RESULTS)
    offset = (max(query.page, 1) - 1) * size
    return [Open311Request(*row) for row in items.values_list(*_OPEN311_COLUMNS)[offset : offset + size]]


def open311_default_start(now: datetime | None = None) -> datetime:
    """The start of the default range of GET requests: 90 days before the current minute."""
    moment = (now or timezone.now()).replace(second=0, microsecond=0)
    return moment - timedelta(days=OPEN311_DEFAULT_DAYS)


def open311_request_by_token(*, token: str, city: Organisation | None = None) -> Feedback | None:
    items = Feedback.objects.filter(token=token)
    if city is not None:
        items = items.filter(producer__city=city)
    return items.only("id", "token").first()


def open311_services(*, city: Organisation | None = None) -> QuerySet[Service]:
    services = (
        Service.objects.filter(is_published=True)
        .select_related("producer__organisation")
        .prefetch_related("service_classes", "life_situations")
        .order_by("code")
    )
    if city is not None:
        services = services.filter(producer__city=city)
    return services


def open311_changeset() -> datetime | None:
    """When the service list or definitions last changed (the discovery document's changeset)."""
    return (
        Service.objects.filter(is_published=True)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )


# --- Uniform metrics ------------------------------------------------------------------------------------


@dataclass
class MonthFigures:
    month: date
    received: int = 0
    rated: int = 0
    satisfaction: float | None = None  # mean of 1–5
    answered: int = 0
    response_days: float | None = None  # mean days to the first public answer
    answered_in_target: int = 0

    @property
    def in_target_share(self) -> float | None:
        return self.answered_in_target / self.answered if self.answered else None


@dataclass
class ProducerFigures:
    producer: Producer
    months: list[MonthFigures]

    @property
    def received(self) -> int:
        return sum(month.received for month in self.months)

    @property
    def satisfaction(self) -> float | None:
        rated = sum(month.rated for month in self.months)
        if not rated:
            return None
        return sum((month.satisfaction or 0) * month.rated for month in self.months) / rated

    @property
    def response_days(self) -> float | None:
        answered = sum(month.answered for month in self.months)
        if not answered:
            return None
        return sum((month.response_days or 0) * month.answered for month in self.months) / answered

    @property
    def in_target_share(self) -> float | None:
        answered = sum(month.answered for month in self.months)
        return sum(month.answered_in_target for month in self.months) / answered if answered else None

    @property
    def in_target_percent(self) -> int | None:
        share = self.in_target_share
        return round(share * 100) if share is not None else None


def _month_starts(months: int, today: date) -> list[date]:
    starts = []
    year, month = today.year, today.month
    for _index in range(months):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(starts))


def producer_metrics(
    *, city: Organisation | None = None, months: int = 12, now: datetime | None = None
) -> list[ProducerFigures]:
    """The same figures for every producer, public, private or third sector, month by month (Finnish time):
    feedback received, mean satisfaction (1–5) of rated items, mean days to the first public answer and the
    share answered within the producer's own target. Months without feedback are present with zeros."""
    now = now or timezone.now()
    starts = _month_starts(months, timezone.localtime(now, HELSINKI).date())
    since = datetime(starts[0].year, starts[0].month, 1, tzinfo=HELSINKI)
    producers = Producer.objects.select_related("organisation", "city").order_by("organisation__name")
    if city is not None:
        producers = producers.filter(city=city)
    rows = (
        Feedback.objects.filter(requested_at__gte=since, producer__in=producers)
        .annotate(month=TruncMonth("requested_at", tzinfo=HELSINKI))
        .values("producer_id", "month")
        .annotate(
            received=Count("id"),
            rated=Count("satisfaction"),
            mean_satisfaction=Avg("satisfaction"),
            answered=Count("response_seconds"),
            mean_response_seconds=Avg("response_seconds"),
            answered_in_target=Count(
                "id", filter=Q(response_seconds__lte=F("producer__response_target_days") * 86400)
            ),
        )
    )
    by_key: dict[tuple[int, date], Any] = {}
    for row in rows:
        month = row["month"]
        month_date = month.date() if isinstance(month, datetime) else month
        by_key[(row["producer_id"], month_date)] = row
    figures = []
    for producer in producers:
        month_rows = []
        for start in starts:
            found = by_key.get((producer.pk, start))
            if found is None:
                month_rows.append(MonthFigures(start))
                continue
            month_rows.append(
                MonthFigures(
                    month=start,
                    received=found["received"],
                    rated=found["rated"],
                    satisfaction=float(found["mean_satisfaction"])
                    if found["mean_satisfaction"] is not None
                    else None,
                    answered=found["answered"],
                    response_days=(
                        float(found["mean_response_seconds"]) / 86400
                        if found["mean_response_seconds"] is not None
                        else None
                    ),
                    answered_in_target=found["answered_in_target"] or 0,
                )
            )
        figures.append(ProducerFigures(producer, month_rows))
    return figures
