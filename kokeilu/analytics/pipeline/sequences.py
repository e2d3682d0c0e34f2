"""Per person, the service path as a sequence of states at the window's resolution.

The state of a period is the highest-ranked sector with any contact in it (codes.py explains the ranking),
or 0 for no contact. Sequences are a dense matrix, one row per person of the store and one column per
period: 520,000 people over 60 quarters take 31 MB.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from .engine import Engine, Reduction, Window


@dataclass
class StateSequences:
    states: np.ndarray  # (people, periods) uint8
    window: Window

    @property
    def people(self) -> int:
        return int(self.states.shape[0])

    @property
    def periods(self) -> int:
        return int(self.states.shape[1])


def events_in_window(engine: Engine, store: Path, window: Window, columns: list[str]) -> Any:
    """The store's events within the window, with their period number (an engine frame)."""
    events = engine.scan(store / "events.parquet", ["person", "month", "state", *columns])
    events = engine.with_period(events, month_column="month", window=window, target="period")
    return engine.keep_range(events, column="period", low=0, high=window.periods)


def people_count(store: Path) -> int:
    return pl.scan_parquet(store / "people.parquet").select(pl.len()).collect().item()


def build_sequences(engine: Engine, store: Path, window: Window) -> StateSequences:
    """The state sequences of everyone in the store."""
    events = events_in_window(engine, store, window, [])
    arrays = engine.dense(
        events,
        row="person",
        column="period",
        shape=(people_count(store), window.periods),
        reductions={"states": Reduction("max", "state", fill=0, dtype="uint8")},
    )
    return StateSequences(states=arrays["states"], window=window)
