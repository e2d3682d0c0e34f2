"""Opening hours: the page's week (Python) and the "open at" filter (SQL) follow the same rule, in
Finnish time, with exceptions, public holidays and intervals that run until midnight."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kokeilu.catalogue import services
from kokeilu.catalogue.holidays import easter_sunday, finnish_holidays, holiday_on
from kokeilu.catalogue.hours import day_schedule, is_open_at, open_at_condition, open_location_exists
from kokeilu.catalogue.models import MIDNIGHT, ServiceLocation
from kokeilu.core.exceptions import ApplicationError

HELSINKI = ZoneInfo("Europe/Helsinki")
pytestmark = pytest.mark.django_db


def helsinki(*args: int) -> datetime:
    return datetime(*args, tzinfo=HELSINKI)


def test_easter_and_moving_holidays_are_computed():
    assert [easter_sunday(year) for year in (2024, 2025, 2026, 2027)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
    ]
    names = {holiday.day: holiday.name_en for holiday in finnish_holidays(2026)}
    assert names[date(2026, 4, 3)] == "Good Friday"
    assert names[date(2026, 5, 14)] == "Ascension Day"
    assert names[date(2026, 6, 19)] == "Midsummer Eve"
    assert names[date(2026, 6, 20)] == "Midsummer Day"
    assert names[date(2026, 10, 31)] == "All Saints' Day"
    assert names[date(2026, 12, 6)] == "Independence Day"
    assert len(names) == 15
    assert holiday_on(date(2026, 6, 22)) is None


@pytest.fixture
def location(catalogue, catalogue_admin) -> ServiceLocation:
    """Mon–Fri 8–16 (from the catalogue), Saturday 10–12 and 18–24, and two exceptions in June 2026."""
    location = catalogue.unit_location
    services.location_set_weekly_hours(
        location=location,
        updated_by=catalogue_admin,
        intervals={
            **{day: [(time(8), time(16))] for day in range(5)},
            5: [(time(18), MIDNIGHT), (time(10), time(12))],
        },
    )
    services.opening_exception_add(
        location=location, added_by=catalogue_admin, date_from=date(2026, 6, 8), date_to=date(2026, 6, 9)
    )
    services.opening_exception_add(
        location=location,
        added_by=catalogue_admin,
        date_from=date(2026, 6, 10),
        is_closed=False,
        opens=time(12),
        closes=time(14),
        description_fi="Lyhennetty päivä",
        description_en="Short day",
    )
    return ServiceLocation.objects.prefetch_related("opening_hours", "opening_exceptions").get(pk=location.pk)


MOMENTS = [
    # (moment in Finnish time, open?)
    (helsinki(2026, 6, 1, 8, 0), True),  # Monday, opening minute
    (helsinki(2026, 6, 1, 15, 59), True),
    (helsinki(2026, 6, 1, 16, 0), False),  # closing minute is closed
    (helsinki(2026, 6, 1, 7, 59), False),
    (helsinki(2026, 6, 6, 11, 0), True),  # Saturday, first interval
    (helsinki(2026, 6, 6, 13, 0), False),  # between intervals
    (helsinki(2026, 6, 6, 23, 59), True),  # until midnight
    (helsinki(2026, 6, 7, 0, 30), False),  # Sunday
    (helsinki(2026, 6, 8, 9, 0), False),  # closed by exception
    (helsinki(2026, 6, 9, 9, 0), False),
    (helsinki(2026, 6, 10, 9, 0), False),  # other hours by exception
    (helsinki(2026, 6, 10, 12, 30), True),
    (helsinki(2026, 6, 19, 9, 0), False),  # Midsummer Eve, a Friday: closed for the holiday
    (helsinki(2026, 4, 6, 9, 0), False),  # Easter Monday
    (helsinki(2026, 4, 7, 9, 0), True),
    (datetime(2026, 6, 1, 5, 30, tzinfo=ZoneInfo("UTC")), True),  # 8:30 in Helsinki (UTC+3)
    (datetime(2026, 6, 1, 4, 30, tzinfo=ZoneInfo("UTC")), False),  # 7:30 in Helsinki
]


@pytest.mark.parametrize(("moment", "expected"), MOMENTS)
def test_python_and_database_agree_on_whether_a_location_is_open(location, moment, expected):
    assert is_open_at(location, moment) is expected
    as_sets = ServiceLocation.objects.filter(open_at_condition(moment), pk=location.pk).exists()
    per_location = ServiceLocation.objects.filter(open_location_exists(moment), pk=location.pk).exists()
    assert (as_sets, per_location) == (expected, expected)


def test_a_location_open_on_holidays_keeps_its_regular_hours(location, catalogue_admin):
    services.location_update(location=location, updated_by=catalogue_admin, closed_on_public_holidays=False)
    location.refresh_from_db()
    midsummer_eve = helsinki(2026, 6, 19, 9, 0)
    assert is_open_at(location, midsummer_eve) is True
    assert ServiceLocation.objects.filter(open_at_condition(midsummer_eve), pk=location.pk).exists()
    assert ServiceLocation.objects.filter(open_location_exists(midsummer_eve), pk=location.pk).exists()


def test_the_week_shows_exceptions_and_holidays_with_their_reasons(location):
    with_exception = day_schedule(location, date(2026, 6, 10))
    assert with_exception.label == "12:00–14:00"
    assert with_exception.is_exception
    assert with_exception.reason == "Lyhennetty päivä"  # the active language is Finnish
    saturday = day_schedule(location, date(2026, 6, 6))
    assert saturday.label == "10:00–12:00, 18:00–24:00"
    holiday = day_schedule(location, date(2026, 6, 19))
    assert holiday.is_closed and holiday.reason == "Juhannusaatto"


@pytest.mark.parametrize(
    ("intervals", "message"),
    [
        ([(time(8), time(12)), (time(11), time(14))], "overlap"),
        ([(time(22), time(2))], "interval_order"),  # past midnight: to be entered as two
        ([(time(10), time(10))], "interval_order"),
        ([(time(20), MIDNIGHT), (time(21), time(22))], "overlap"),
    ],
)
def test_impossible_weekly_hours_are_refused_and_old_hours_kept(
    location, catalogue_admin, intervals, message
):
    before = list(location.opening_hours.values_list("weekday", "opens", "closes"))
    with pytest.raises(ApplicationError) as refused:
        services.location_set_weekly_hours(
            location=location, updated_by=catalogue_admin, intervals={2: intervals}
        )
    assert refused.value.code == message
    assert refused.value.field == "weekday_2"
    assert list(location.opening_hours.values_list("weekday", "opens", "closes")) == before


def test_coordinates_outside_the_globe_are_refused(catalogue, catalogue_admin):
    with pytest.raises(Exception) as refused:
        services.location_update(
            location=catalogue.unit_location, updated_by=catalogue_admin, latitude=Decimal("91")
        )
    assert "latitude" in str(refused.value)
