"""A synthetic client-data extract at Espoo's scale: reproducible for a seed, streamed in chunks of people.

The extract looks like what a city's registers would hand over: a people file with raw identifiers (valid
personal identity codes, invented names and addresses, home area, date of birth) and an events file (the
identity code, event date, service code from codes.py, unit). Every person follows one planted path type
plus noise, so the analysis can be checked against a known truth (written separately, only on request).

Path types, in months of the 2002–2016 window:
- light: steady light use, a few health-care contacts a year;
- early_child_welfare: children with a child-welfare episode starting in early childhood, with special
  support in early-childhood education and family social work;
- late_mental_health: adults whose light use turns into continuing mental-health care part-way through;
- multi_problem: adults in social care and employment services from the start, escalating into substance
  and mental-health services, social assistance and housing services.
Noise: everyone also gets rare random contacts from any sector their age allows.

Determinism: the same seed and chunk size give byte-identical output; each chunk draws from its own
generator spawned from the seed, and identity codes are allocated in chunk order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from . import codes, hetu
from .tables import TableWriter

# The planted rates below, times this, average about 71 events a person with the default intensity.
_CALIBRATION = 0.96

PATH_TYPES = ("light", "early_child_welfare", "late_mental_health", "multi_problem")

PEOPLE_COLUMNS = (
    "hetu",
    "first_name",
    "last_name",
    "street_address",
    "postal_code",
    "home_area",
    "birth_date",
)
EVENT_COLUMNS = ("hetu", "event_date", "service_code", "unit")

# Espoo's major areas (real place names), the genitive used in unit names, and postal codes in each.
AREAS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Leppävaara", "Leppävaaran", ("02600", "02610", "02620", "02650", "02660")),
    ("Tapiola", "Tapiolan", ("02100", "02110", "02120", "02130", "02140")),
    ("Matinkylä-Olari", "Matinkylän", ("02200", "02210", "02230", "02240", "02250")),
    ("Espoonlahti", "Espoonlahden", ("02270", "02280", "02320", "02330", "02360")),
    ("Espoon keskus", "Espoon keskuksen", ("02700", "02710", "02740", "02750", "02770")),
    ("Kauklahti", "Kauklahden", ("02780",)),
    ("Pohjois-Espoo", "Pohjois-Espoon", ("02920", "02940", "02970", "02980")),
)
AREA_WEIGHTS = (0.22, 0.18, 0.17, 0.2, 0.14, 0.04, 0.05)
UNIT_KINDS = {
    "health": "terveysasema",
    "early_childhood_education": "päiväkoti",
    "employment": "työllisyyspalvelut",
    "social_care": "sosiaalipalvelut",
    "mental_health_substance": "mielenterveys- ja päihdepalvelut",
    "child_welfare": "lastensuojelu",
}

# Invented people: first names and surnames are drawn independently, street names are made up from
# common words; any resemblance to a real person is a coincidence of common names.
FEMALE_NAMES = (
    "Aino",
    "Helmi",
    "Venla",
    "Sofia",
    "Emma",
    "Aada",
    "Lilja",
    "Ella",
    "Olivia",
    "Eevi",
    "Kerttu",
    "Maija",
    "Liisa",
    "Hanna",
    "Riikka",
    "Tiina",
    "Satu",
    "Päivi",
    "Marjatta",
    "Anneli",
    "Irma",
    "Kaisa",
)
MALE_NAMES = (
    "Eino",
    "Väinö",
    "Onni",
    "Leo",
    "Elias",
    "Oliver",
    "Toivo",
    "Eetu",
    "Aleksi",
    "Juho",
    "Ville",
    "Mikko",
    "Jukka",
    "Timo",
    "Pekka",
    "Matti",
    "Kari",
    "Antero",
    "Olavi",
    "Tapani",
    "Risto",
    "Seppo",
)
SURNAMES = (
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Lehtinen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Heikkilä",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Salo",
    "Laitinen",
    "Tuominen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Mattila",
    "Savolainen",
    "Lahtinen",
    "Ahonen",
    "Kallio",
    "Leppänen",
    "Hiltunen",
    "Väisänen",
)
STREET_STEMS = (
    "Kuusi",
    "Mänty",
    "Koivu",
    "Pihlaja",
    "Kataja",
    "Haapa",
    "Tammi",
    "Vaahtera",
    "Kanerva",
    "Kielo",
    "Sammal",
    "Kallio",
    "Niitty",
    "Ranta",
    "Louhi",
    "Otava",
    "Tähti",
    "Kaisla",
    "Kaarna",
    "Lumme",
)
STREET_SUFFIXES = ("tie", "kuja", "polku", "rinne", "kaari", "katu", "mäki", "piha")


@dataclass(frozen=True)
class GenerationConfig:
    people: int = 520_000
    seed: int = 2017
    chunk_size: int = 20_000
    window_start: date = date(2002, 1, 1)
    window_years: int = 15
    # Multiplies every planted contact rate; 1.0 gives about 71 events a person on average (37 million for
    # 520,000 people, as in Espoo's extract).
    intensity: float = 1.0
    noise_rate: float = 0.02

    @property
    def months(self) -> int:
        return 12 * self.window_years


@dataclass
class PopulationChunk:
    people: pl.DataFrame
    events: pl.DataFrame
    truth: pl.DataFrame


def _month_starts(config: GenerationConfig) -> np.ndarray:
    start = np.datetime64(config.window_start.strftime("%Y-%m"), "M")
    return np.arange(start, start + config.months + 1).astype("datetime64[D]")


def _birth_dates(rng: np.random.Generator, n: int, config: GenerationConfig) -> np.ndarray:
    """Birth dates between 1920 and the end of the window; fewer people in the oldest cohorts."""
    last_year = config.window_start.year + config.window_years - 1
    years = np.arange(1920, last_year + 1)
    weights = np.where(years < 1950, 0.2 + 0.8 * (years - 1920) / 30, 1.0)
    year = rng.choice(years, size=n, p=weights / weights.sum())
    day_of_year = rng.integers(0, 365, size=n)
    return (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + day_of_year


def _assign_path_types(rng: np.random.Generator, birth_year: np.ndarray) -> np.ndarray:
    u = rng.random(birth_year.size)
    path = np.zeros(birth_year.size, dtype=np.int8)
    child = (birth_year >= 1992) & (birth_year <= 2002)
    path[child & (u < 0.3)] = 1
    multi = (birth_year >= 1955) & (birth_year <= 1990)
    path[multi & (u < 0.17)] = 3
    mental = (birth_year >= 1940) & (birth_year <= 1988) & (path == 0)
    path[mental & (u >= 0.17) & (u < 0.33)] = 2
    return path


class _Events:
    """Collects (person, month, code) triples of one chunk from Poisson rates per person-month."""

    def __init__(self, rng: np.random.Generator, age_years: np.ndarray, alive: np.ndarray) -> None:
        self.rng = rng
        self.age_years = age_years
        self.alive = alive
        self.persons: list[np.ndarray] = []
        self.months: list[np.ndarray] = []
        self.codes: list[np.ndarray] = []

    def add(self, who: np.ndarray, rates: np.ndarray, sector_codes: dict[str, list[str]]) -> None:
        """`rates[i, m]` is the expected number of contacts of person who[i] in month m."""
        if who.size == 0:
            return
        counts = self.rng.poisson(rates * self.alive[who])
        rows, months = np.nonzero(counts)
        repeat = counts[rows, months]
        persons = np.repeat(who[rows], repeat)
        months = np.repeat(months, repeat)
        age = self.age_years[persons, months]
        chosen = np.empty(persons.size, dtype=object)
        keep = np.ones(persons.size, dtype=bool)
        groups = (("preschool", age < 7), ("school", (age >= 7) & (age < 18)), ("adult", age >= 18))
        for age_group, mask in groups:
            if not sector_codes[age_group]:
                # No service of this sector at this age (employment services for a child): no contact.
                keep &= ~mask
                continue
            choices = np.array(sector_codes[age_group], dtype=object)
            chosen[mask] = choices[self.rng.integers(0, len(choices), size=int(mask.sum()))]
        persons, months, chosen = persons[keep], months[keep], chosen[keep]
        self.persons.append(persons)
        self.months.append(months)
        self.codes.append(chosen)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        persons = np.concatenate(self.persons) if self.persons else np.empty(0, dtype=np.int64)
        months = np.concatenate(self.months) if self.months else np.empty(0, dtype=np.int64)
        chosen = np.concatenate(self.codes) if self.codes else np.empty(0, dtype=object)
        return persons, months, chosen


def _codes(sector: str, *, only: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    result = {}
    for age_group in codes.AUDIENCES_BY_AGE_GROUP:
        available = codes.codes_in_sector(sector, age_group)
        if only is not None:
            available = [code for code in available if code in only]
        result[age_group] = available
    return result


def _window(months: int, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """A 0/1 matrix with ones where start[i] <= month < end[i]."""
    grid = np.arange(months)[None, :]
    return ((grid >= start[:, None]) & (grid < end[:, None])).astype(np.float64)


def _plant_events(
    rng: np.random.Generator,
    path: np.ndarray,
    age_years: np.ndarray,
    alive: np.ndarray,
    config: GenerationConfig,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    months = config.months
    scale = config.intensity * _CALIBRATION
    events = _Events(rng, age_years, alive)
    n = path.size
    everyone = np.arange(n)
    full = np.ones((n, months))

    light = everyone[path == 0]
    events.add(light, 0.04 * scale * full[light], _codes("health"))

    child = everyone[path == 1]
    if child.size:
        # A child-welfare episode starting in the first two years of the window and lasting 6–10 years,
        # with family social work alongside and early-childhood education while under school age.
        start = rng.integers(0, 24, size=child.size)
        episode = _window(months, start, start + rng.integers(72, 120, size=child.size))
        age = age_years[child]
        in_ecec = ((age >= 1.0) & (age < 6.5)).astype(float)
        events.add(child, scale * 1.8 * episode, _codes("child_welfare"))
        events.add(child, scale * 1.5 * in_ecec, _codes("early_childhood_education", only=("VK01", "VK04")))
        events.add(child, scale * 0.4 * episode, _codes("social_care", only=("SO06",)))
        events.add(child, scale * 0.1 * full[child], _codes("health"))

    mental = everyone[path == 2]
    if mental.size:
        # Light use until an onset 4–9 years into the window, continuing mental-health care after it.
        onset = rng.integers(48, 108, size=mental.size)
        before = _window(months, np.zeros(mental.size, dtype=int), onset)
        events.add(mental, scale * (0.04 * before + 0.3 * (1 - before)), _codes("health"))
        events.add(
            mental,
            scale * 2.0 * (1 - before),
            _codes("mental_health_substance", only=("MT01", "MT02", "MT03")),
        )

    multi = everyone[path == 3]
    if multi.size:
        # Some social care and employment services at first; from an escalation half a year to three
        # years in, heavy social care and employment services with episodes of substance-abuse care.
        escalation = rng.integers(6, 36, size=multi.size)
        before = _window(months, np.zeros(multi.size, dtype=int), escalation)
        after = 1 - before
        events.add(
            multi, scale * (0.3 * before + 1.5 * after), _codes("social_care", only=("SO01", "SO02", "SO03"))
        )
        events.add(multi, scale * (0.3 * before + 1.0 * after), _codes("employment"))
        events.add(multi, scale * 0.3 * full[multi], _codes("health", only=("TH01", "TH07")))
        events.add(
            multi, scale * 0.06 * after, _codes("mental_health_substance", only=("PA01", "PA02", "PA03"))
        )

    for sector in codes.SECTORS:
        events.add(everyone, config.noise_rate / len(codes.SECTORS) * full, _codes(sector))
    return events.arrays()


def _unit_names() -> tuple[list[str], dict[tuple[str, int], int]]:
    names: list[str] = []
    index: dict[tuple[str, int], int] = {}
    for sector in codes.SECTORS:
        for area_number, (_, genitive, _) in enumerate(AREAS):
            index[(sector, area_number)] = len(names)
            names.append(f"{genitive} {UNIT_KINDS[sector]}")
    return names, index


UNIT_NAMES, _UNIT_INDEX = _unit_names()
_UNIT_TABLE = np.array(
    [[_UNIT_INDEX[(sector, area)] for area in range(len(AREAS))] for sector in codes.SECTORS], dtype=np.int32
)
_SECTOR_NUMBER_BY_CODE = {code.code: codes.SECTORS.index(code.sector) for code in codes.SERVICE_CODES}


def _chunk(
    rng: np.random.Generator, n: int, config: GenerationConfig, allocator: hetu.CodeAllocator
) -> PopulationChunk:
    birth = _birth_dates(rng, n, config)
    birth_list = birth.astype(object).tolist()
    identity_codes = allocator.allocate(rng, birth_list)
    female = np.array([int(code[7:10]) % 2 == 0 for code in identity_codes])
    first_names = np.where(
        female,
        np.array(FEMALE_NAMES, dtype=object)[rng.integers(0, len(FEMALE_NAMES), n)],
        np.array(MALE_NAMES, dtype=object)[rng.integers(0, len(MALE_NAMES), n)],
    )
    last_names = np.array(SURNAMES, dtype=object)[rng.integers(0, len(SURNAMES), n)]
    area = rng.choice(len(AREAS), size=n, p=np.array(AREA_WEIGHTS) / sum(AREA_WEIGHTS))
    postal = [AREAS[a][2][i % len(AREAS[a][2])] for a, i in zip(area, rng.integers(0, 5, n), strict=True)]
    stems = rng.integers(0, len(STREET_STEMS), n)
    suffixes = rng.integers(0, len(STREET_SUFFIXES), n)
    house = rng.integers(1, 60, n)
    flat = rng.integers(0, 40, n)
    letters = rng.integers(0, 4, n)
    streets = [
        f"{STREET_STEMS[s]}{STREET_SUFFIXES[x]} {h}" + (f" {'ABCD'[letter]} {f}" if f else "")
        for s, x, h, f, letter in zip(stems, suffixes, house, flat, letters, strict=True)
    ]
    path = _assign_path_types(rng, birth.astype("datetime64[Y]").astype(int) + 1970)

    month_starts = _month_starts(config)
    days_since_birth = (month_starts[None, :-1] - birth[:, None]).astype(np.int64)
    age_years = days_since_birth / 365.25
    # A person can have contacts from the month after their birth on.
    alive = (month_starts[None, :-1] > birth[:, None]).astype(np.float64)
    persons, months, event_codes = _plant_events(rng, path, age_years, alive, config)

    days_in_month = (month_starts[1:] - month_starts[:-1]).astype(np.int64)
    day = (rng.random(persons.size) * days_in_month[months]).astype(np.int64)
    event_date = month_starts[:-1][months] + day
    order = np.lexsort((event_date, persons))
    persons, event_date, event_codes = persons[order], event_date[order], event_codes[order]
    sector_number = np.array([_SECTOR_NUMBER_BY_CODE[code] for code in event_codes], dtype=np.int32)
    units = _UNIT_TABLE[sector_number, area[persons]] if persons.size else np.empty(0, dtype=np.int32)

    hetu_series = pl.Series("hetu", identity_codes, dtype=pl.String)
    people = pl.DataFrame(
        {
            "hetu": hetu_series,
            "first_name": pl.Series(first_names.tolist(), dtype=pl.String),
            "last_name": pl.Series(last_names.tolist(), dtype=pl.String),
            "street_address": pl.Series(streets, dtype=pl.String),
            "postal_code": pl.Series(postal, dtype=pl.String),
            "home_area": pl.Series([AREAS[a][0] for a in area], dtype=pl.String),
            "birth_date": pl.Series(birth, dtype=pl.Date),
        }
    )
    events = pl.DataFrame(
        {
            "hetu": hetu_series.gather(persons),
            "event_date": pl.Series(event_date, dtype=pl.Date),
            "service_code": pl.Series(event_codes.tolist(), dtype=pl.String),
            "unit": pl.Series(UNIT_NAMES, dtype=pl.String).gather(units),
        }
    )
    truth = pl.DataFrame(
        {
            "hetu": hetu_series,
            "path_type": pl.Series([PATH_TYPES[p] for p in path], dtype=pl.String),
        }
    )
    return PopulationChunk(people=people, events=events, truth=truth)


def generate_chunks(config: GenerationConfig) -> Iterator[PopulationChunk]:
    """The population, chunk by chunk, each `config.chunk_size` people (the last may be smaller)."""
    if config.people < 1:
        raise ValueError("a population needs at least one person")
    n_chunks = -(-config.people // config.chunk_size)
    seeds = np.random.SeedSequence(config.seed).spawn(n_chunks)
    allocator = hetu.CodeAllocator()
    for index, seed in enumerate(seeds):
        first = index * config.chunk_size
        n = min(config.chunk_size, config.people - first)
        yield _chunk(np.random.default_rng(seed), n, config, allocator)


def write_population(
    config: GenerationConfig,
    out_dir: Path,
    *,
    file_format: str = "parquet",
    with_truth: bool = False,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write people.<fmt> and events.<fmt> (and truth.<fmt> on request) to out_dir; return row counts.

    `progress` is called with the number of people written after every chunk.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {"people": 0, "events": 0}
    with contextlib.ExitStack() as stack:
        people_writer = stack.enter_context(TableWriter(out_dir / f"people.{file_format}", file_format))
        events_writer = stack.enter_context(TableWriter(out_dir / f"events.{file_format}", file_format))
        truth_writer = (
            stack.enter_context(TableWriter(out_dir / f"truth.{file_format}", file_format))
            if with_truth
            else None
        )
        for chunk in generate_chunks(config):
            people_writer.write(chunk.people)
            events_writer.write(chunk.events)
            if truth_writer is not None:
                truth_writer.write(chunk.truth)
            counts["people"] += chunk.people.height
            counts["events"] += chunk.events.height
            if progress is not None:
                progress(chunk.people.height)
    return counts
