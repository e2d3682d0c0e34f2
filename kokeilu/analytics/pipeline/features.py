"""Features of each path: time in each state, transitions, n-grams, use and first contact per sector.

Two parts: the event-scale aggregation (events and first contact per person and sector) goes through the
engine interface, so it runs on Polars or Dask alike; the rest is computed from the state sequences with
numpy over the runs of each path (a run is a stretch of periods in one state), so the work grows with
the number of changes of state rather than with the number of periods.

Columns (one row per person of the store, in store order):
- age_at_start: age in years at the start of the window (negative for people born later);
- periods_<state>: periods spent in each state, no contact included;
- transitions_<from>_to_<to>: changes of state between consecutive periods;
- ngram_<a>_<b>_<c>: occurrences of the most common three-state subsequences of distinct successive
  states (the path with repeats collapsed), NGRAM_COUNT of them, chosen by how many people have them;
- events_<sector>: contacts with the sector within the window;
- first_contact_age_<sector>: age in years at the first contact with the sector in the window (null if none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numba
import numpy as np
import polars as pl

from . import codes
from .engine import Engine, Reduction, Window
from .sequences import StateSequences, events_in_window, people_count

NGRAM_LENGTH = 3
NGRAM_COUNT = 20
STATE_COUNT = len(codes.STATES)
DAYS_PER_YEAR = 365.25
NO_DAY = int(np.iinfo(np.int32).max)


@dataclass
class SectorUse:
    """Per person and state: events in the window, and the day number (days since 1970) of the first."""

    events: np.ndarray  # (people, states) int64
    first_day: np.ndarray  # (people, states) int32, NO_DAY where there was no contact


def sector_use(engine: Engine, store: Path, window: Window) -> SectorUse:
    """Events and first contact per person and sector within the window."""
    events = events_in_window(engine, store, window, ["event_date"])
    arrays = engine.dense(
        events,
        row="person",
        column="state",
        shape=(people_count(store), STATE_COUNT),
        reductions={
            "events": Reduction("count"),
            "first_day": Reduction("min", "event_date", fill=NO_DAY, dtype="int32"),
        },
    )
    return SectorUse(events=arrays["events"], first_day=arrays["first_day"])


@numba.njit(cache=True)
def _walk_paths(states, n_states, length):  # type: ignore[no-untyped-def]
    """One pass over every path: periods per state, changes per pair of states, and how many people hold
    each n-gram of distinct successive states."""
    people, periods = states.shape
    in_state = np.zeros((people, n_states), dtype=np.int32)
    changes = np.zeros((people, n_states * n_states), dtype=np.int32)
    alphabet = n_states**length
    holders = np.zeros(alphabet, dtype=np.int64)
    last_holder = np.full(alphabet, -1, dtype=np.int64)
    recent = np.zeros(length, dtype=np.int64)
    for person in range(people):
        previous = -1
        distinct = 0
        for period in range(periods):
            state = states[person, period]
            in_state[person, state] += 1
            if state == previous:
                continue
            if previous >= 0:
                changes[person, previous * n_states + state] += 1
            previous = state
            for i in range(length - 1):
                recent[i] = recent[i + 1]
            recent[length - 1] = state
            distinct += 1
            if distinct >= length:
                code = 0
                for i in range(length):
                    code = code * n_states + recent[i]
                if last_holder[code] != person:
                    last_holder[code] = person
                    holders[code] += 1
    return in_state, changes, holders


@numba.njit(cache=True)
def _count_ngrams(states, n_states, length, rank, chosen):  # type: ignore[no-untyped-def]
    """Per person, occurrences of the chosen n-grams (rank[code] is the column, −1 if not chosen)."""
    people, periods = states.shape
    counts = np.zeros((people, chosen), dtype=np.int32)
    recent = np.zeros(length, dtype=np.int64)
    for person in range(people):
        previous = -1
        distinct = 0
        for period in range(periods):
            state = states[person, period]
            if state == previous:
                continue
            previous = state
            for i in range(length - 1):
                recent[i] = recent[i + 1]
            recent[length - 1] = state
            distinct += 1
            if distinct >= length:
                code = 0
                for i in range(length):
                    code = code * n_states + recent[i]
                column = rank[code]
                if column >= 0:
                    counts[person, column] += 1
    return counts


@dataclass
class PathCounts:
    in_state: np.ndarray  # (people, states) periods in each state
    changes: np.ndarray  # (people, states × states) changes from a to b at a*S+b; zero diagonal
    holders: np.ndarray  # (states ** NGRAM_LENGTH,) people holding each n-gram


def path_counts(states: np.ndarray, length: int = NGRAM_LENGTH) -> PathCounts:
    in_state, changes, holders = _walk_paths(
        np.ascontiguousarray(states, dtype=np.uint8), STATE_COUNT, length
    )
    return PathCounts(in_state, changes, holders)


def time_in_state(states: np.ndarray) -> np.ndarray:
    """(people, states): how many periods each person spent in each state."""
    return path_counts(states).in_state


def transition_counts(states: np.ndarray) -> np.ndarray:
    """(people, states × states): changes from state a to state b between consecutive periods, at a*S+b
    (the diagonal, staying in a state, is zero)."""
    return path_counts(states).changes


def ngram_counts(
    states: np.ndarray, length: int = NGRAM_LENGTH, top: int = NGRAM_COUNT, counts: PathCounts | None = None
) -> tuple[list[tuple[int, ...]], np.ndarray]:
    """The `top` n-grams of distinct successive states held by most people, and each person's counts."""
    counts = counts or path_counts(states, length)
    holders = counts.holders
    # Most widely held first; ties broken by the code itself so the choice is deterministic.
    order = np.lexsort((np.arange(holders.size), -holders))
    chosen = [int(c) for c in order[:top] if holders[c] > 0]
    rank = np.full(holders.size, -1, dtype=np.int64)
    rank[chosen] = np.arange(len(chosen))
    per_person = _count_ngrams(
        np.ascontiguousarray(states, dtype=np.uint8), STATE_COUNT, length, rank, len(chosen)
    )
    grams = []
    for c in chosen:
        digits = []
        for _ in range(length):
            digits.append(c % STATE_COUNT)
            c //= STATE_COUNT
        grams.append(tuple(reversed(digits)))
    return grams, per_person


@dataclass
class FeatureTable:
    frame: pl.DataFrame

    def columns_starting(self, prefix: str) -> list[str]:
        return [name for name in self.frame.columns if name.startswith(prefix)]


def compute_features(sequences: StateSequences, use: SectorUse, birth_dates: pl.Series) -> FeatureTable:
    """The feature table from the sequences, the per-sector use and the (coarsened) dates of birth."""
    states = sequences.states
    people = sequences.people
    names = codes.STATES
    counts = path_counts(states)
    birth_days = birth_dates.cast(pl.Int32).to_numpy().astype(np.float64)
    start_days = float((sequences.window.start - date(1970, 1, 1)).days)
    columns: dict[str, pl.Series | np.ndarray] = {
        "person": np.arange(people, dtype=np.int32),
        "age_at_start": (start_days - birth_days) / DAYS_PER_YEAR,
    }
    for state, column in zip(names, counts.in_state.T, strict=True):
        columns[f"periods_{state}"] = column
    transitions = counts.changes
    for a in range(STATE_COUNT):
        for b in range(STATE_COUNT):
            if a != b:
                columns[f"transitions_{names[a]}_to_{names[b]}"] = transitions[:, a * STATE_COUNT + b]
    grams, gram_counts = ngram_counts(states, counts=counts)
    for gram, column in zip(grams, gram_counts.T, strict=True):
        columns["ngram_" + "_".join(names[s] for s in gram)] = column
    for number, sector in enumerate(names):
        if number == 0:
            continue
        columns[f"events_{sector}"] = use.events[:, number].astype(np.int32)
        first = use.first_day[:, number]
        age = np.where(first == NO_DAY, np.nan, (first - birth_days) / DAYS_PER_YEAR)
        columns[f"first_contact_age_{sector}"] = pl.Series(age, nan_to_null=True)
    frame = pl.DataFrame(
        {
            name: (value if isinstance(value, pl.Series) else pl.Series(value))
            for name, value in columns.items()
        }
    )
    return FeatureTable(frame=frame)


def birth_dates(store: Path) -> pl.Series:
    """Dates of birth of the store's people, in person order."""
    return (
        pl.read_parquet(store / "people.parquet", columns=["person", "birth_date"])
        .sort("person")
        .get_column("birth_date")
    )
