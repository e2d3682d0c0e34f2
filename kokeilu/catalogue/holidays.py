"""Finnish public holidays, computed (no calendar is fetched).

Besides the holidays of the law (Vuosilomalaki, Työaikalaki), Midsummer Eve and Christmas Eve are
included: almost every public service is closed on them, and a location that opens says so with an
exception.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.utils.translation import get_language


@dataclass(frozen=True)
class Holiday:
    day: date
    name_fi: str
    name_sv: str
    name_en: str

    @property
    def name(self) -> str:
        language = (get_language() or "fi")[:2]
        return {"sv": self.name_sv, "en": self.name_en}.get(language, self.name_fi)


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher")."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_weekday_between(year: int, month: int, first_day: int, weekday: int) -> date:
    """The first given weekday (Monday=0) on or after the date."""
    start = date(year, month, first_day)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


@lru_cache(maxsize=64)
def finnish_holidays(year: int) -> tuple[Holiday, ...]:
    easter = easter_sunday(year)
    midsummer_day = _first_weekday_between(year, 6, 20, 5)  # the Saturday between 20 and 26 June
    all_saints = _first_weekday_between(year, 10, 31, 5)  # the Saturday between 31 Oct and 6 Nov
    holidays = [
        Holiday(date(year, 1, 1), "Uudenvuodenpäivä", "Nyårsdagen", "New Year's Day"),
        Holiday(date(year, 1, 6), "Loppiainen", "Trettondedag jul", "Epiphany"),
        Holiday(easter - timedelta(days=2), "Pitkäperjantai", "Långfredagen", "Good Friday"),
        Holiday(easter, "Pääsiäispäivä", "Påskdagen", "Easter Sunday"),
        Holiday(easter + timedelta(days=1), "2. pääsiäispäivä", "Annandag påsk", "Easter Monday"),
        Holiday(date(year, 5, 1), "Vappu", "Första maj", "May Day"),
        Holiday(easter + timedelta(days=39), "Helatorstai", "Kristi himmelsfärdsdag", "Ascension Day"),
        Holiday(easter + timedelta(days=49), "Helluntaipäivä", "Pingstdagen", "Whit Sunday"),
        Holiday(midsummer_day - timedelta(days=1), "Juhannusaatto", "Midsommarafton", "Midsummer Eve"),
        Holiday(midsummer_day, "Juhannuspäivä", "Midsommardagen", "Midsummer Day"),
        Holiday(all_saints, "Pyhäinpäivä", "Alla helgons dag", "All Saints' Day"),
        Holiday(date(year, 12, 6), "Itsenäisyyspäivä", "Självständighetsdagen", "Independence Day"),
        Holiday(date(year, 12, 24), "Jouluaatto", "Julafton", "Christmas Eve"),
        Holiday(date(year, 12, 25), "Joulupäivä", "Juldagen", "Christmas Day"),
        Holiday(date(year, 12, 26), "Tapaninpäivä", "Annandag jul", "St Stephen's Day"),
    ]
    return tuple(sorted(holidays, key=lambda holiday: holiday.day))


def holiday_on(day: date) -> Holiday | None:
    for holiday in finnish_holidays(day.year):
        if holiday.day == day:
            return holiday
    return None
