"""Opening hours: when a service location is open, in Finnish time (Europe/Helsinki).

One rule, two implementations that must agree: `day_schedule` (Python, for showing a week on a page from
prefetched rows) and `open_at_condition` (a database condition, for filtering thousands of locations).
For a given day, exceptions covering it replace the regular hours; otherwise a public holiday closes a
location that closes on holidays; otherwise the weekday's regular intervals apply. An interval that ends
at 00:00 runs until midnight.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q

from .holidays import holiday_on
from .models import MIDNIGHT, OpeningException, OpeningHours, ServiceLocation

HELSINKI = ZoneInfo("Europe/Helsinki")


@dataclass(frozen=True)
class Interval:
    opens: time
    closes: time  # MIDNIGHT means the end of the day

    def contains(self, moment: time) -> bool:
        return self.opens <= moment and (self.closes == MIDNIGHT or moment < self.closes)

    @property
    def label(self) -> str:
        closes = "24:00" if self.closes == MIDNIGHT else f"{self.closes:%H:%M}"
        return f"{self.opens:%H:%M}–{closes}"


@dataclass(frozen=True)
class DaySchedule:
    day: date
    intervals: tuple[Interval, ...]
    reason: str = ""
    is_exception: bool = False

    @property
    def is_closed(self) -> bool:
        return not self.intervals

    def is_open_at(self, moment: time) -> bool:
        return any(interval.contains(moment) for interval in self.intervals)

    @property
    def label(self) -> str:
        return ", ".join(interval.label for interval in self.intervals)


def local_moment(moment: datetime) -> datetime:
    return moment.astimezone(HELSINKI)


def day_schedule(
    location: ServiceLocation,
    day: date,
    *,
    hours: Iterable[OpeningHours] | None = None,
    exceptions: Iterable[OpeningException] | None = None,
) -> DaySchedule:
    """The location's intervals on the day. Reads `location.opening_hours.all()` and
    `location.opening_exceptions.all()` unless the rows are given (prefetch them for lists)."""
    hours = location.opening_hours.all() if hours is None else hours
    exceptions = location.opening_exceptions.all() if exceptions is None else exceptions
    covering = [row for row in exceptions if row.date_from <= day <= row.date_to]
    if covering:
        intervals = tuple(
            sorted(
                (
                    Interval(row.opens, row.closes)
                    for row in covering
                    if not row.is_closed and row.opens and row.closes
                ),
                key=lambda interval: interval.opens,
            )
        )
        reasons = [str(row.description) for row in covering if row.description]
        return DaySchedule(day, intervals, reason=reasons[0] if reasons else "", is_exception=True)
    holiday = holiday_on(day)
    if holiday is not None and location.closed_on_public_holidays:
        return DaySchedule(day, (), reason=holiday.name, is_exception=True)
    intervals = tuple(
        sorted(
            (Interval(row.opens, row.closes) for row in hours if row.weekday == day.weekday()),
            key=lambda interval: interval.opens,
        )
    )
    return DaySchedule(day, intervals, reason=holiday.name if holiday else "")


def week_schedule(location: ServiceLocation, start: date, days: int = 7) -> list[DaySchedule]:
    hours = list(location.opening_hours.all())
    exceptions = list(location.opening_exceptions.all())
    return [
        day_schedule(location, start + timedelta(days=offset), hours=hours, exceptions=exceptions)
        for offset in range(days)
    ]


def is_open_at(location: ServiceLocation, moment: datetime) -> bool:
    local = local_moment(moment)
    return day_schedule(location, local.date()).is_open_at(local.time())


def open_location_exists(moment: datetime) -> Q:
    """The same condition on ServiceLocation rows as correlated subqueries: cheap to check for a few
    candidates (a filtered list, or the first page of one), costly for all of them."""
    local = local_moment(moment)
    day, clock = local.date(), local.time().replace(microsecond=0)
    during = Q(opens__lte=clock) & (Q(closes__gt=clock) | Q(closes=MIDNIGHT))
    covering = OpeningException.objects.filter(location=OuterRef("pk"), date_from__lte=day, date_to__gte=day)
    regular = OpeningHours.objects.filter(during, location=OuterRef("pk"), weekday=day.weekday())
    regular_applies = ~Exists(covering) & Exists(regular)
    if holiday_on(day) is not None:
        regular_applies &= Q(closed_on_public_holidays=False)
    return Exists(covering.filter(during, is_closed=False)) | regular_applies


def open_at_condition(moment: datetime, *, field: str = "pk") -> Q:
    """A condition on rows whose `field` is a ServiceLocation id (its `pk`, or `servicelocation_id` of the
    table linking locations to services): open at the moment. Mirrors `day_schedule`.

    Written as membership in two sets of location ids, so that the database computes each set once
    (hashed) instead of probing three subqueries for every candidate row."""
    local = local_moment(moment)
    day, clock = local.date(), local.time().replace(microsecond=0)
    during = Q(opens__lte=clock) & (Q(closes__gt=clock) | Q(closes=MIDNIGHT))
    covering = OpeningException.objects.filter(date_from__lte=day, date_to__gte=day)
    by_exception = covering.filter(during, is_closed=False).values("location_id")
    regular = OpeningHours.objects.filter(during, weekday=day.weekday()).exclude(
        location_id__in=covering.values("location_id")
    )
    if holiday_on(day) is not None:
        regular = regular.filter(location__closed_on_public_holidays=False)
    return Q(**{f"{field}__in": by_exception}) | Q(**{f"{field}__in": regular.values("location_id")})
