"""The small engine interface the event-scale work is written against, with a Polars and a Dask engine.

Sequences and features are computed from tens of millions of events by four steps: scan columns of the
store, turn a month number into a period number, keep a range of periods, and reduce values into a dense
person × key array (count, minimum or maximum per cell). Each engine implements exactly these;
sequences.py and features.py compose them and never touch an engine's own API, so the same code runs
embedded (Polars, streaming, one machine) or distributed (Dask; local mode here, a cluster is a scheduler
address away). The Dask engine reduces every partition to a partial array and combines the partials
pairwise, as a tree, so no step needs more than a few partial arrays at a time.

The arrays are person × period or person × state: 520,000 people by 60 quarters is 31 MB, so results fit
in memory even where the events do not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import numba
import numpy as np
import polars as pl

RESOLUTIONS = {"month": 12, "quarter": 4, "year": 1}
REDUCTIONS = ("count", "min", "max")
FIRST_MONTH_YEAR = 1900


def month_number(year: int, month: int) -> int:
    """Months since January 1900: the store's `month` column."""
    return (year - FIRST_MONTH_YEAR) * 12 + month - 1


@dataclass(frozen=True)
class Window:
    """The calendar window of the paths and the length of one period."""

    start: date = date(2002, 1, 1)
    years: int = 15
    resolution: str = "quarter"

    def __post_init__(self) -> None:
        if self.resolution not in RESOLUTIONS:
            raise ValueError(f"resolution must be one of {', '.join(RESOLUTIONS)}")
        if self.start.day != 1 or (self.start.month - 1) % (12 // RESOLUTIONS[self.resolution]):
            raise ValueError("the window must start on the first day of a period")
        if self.years < 1:
            raise ValueError("the window must be at least a year long")

    @property
    def periods_per_year(self) -> int:
        return RESOLUTIONS[self.resolution]

    @property
    def months_per_period(self) -> int:
        return 12 // self.periods_per_year

    @property
    def periods(self) -> int:
        return self.years * self.periods_per_year

    @property
    def first_month(self) -> int:
        return month_number(self.start.year, self.start.month)

    def period_label(self, period: int) -> str:
        months = self.start.month - 1 + period * self.months_per_period
        year = self.start.year + months // 12
        if self.resolution == "year":
            return str(year)
        if self.resolution == "quarter":
            return f"{year} Q{months % 12 // 3 + 1}"
        return f"{year}-{months % 12 + 1:02d}"

    def period_labels(self) -> list[str]:
        return [self.period_label(period) for period in range(self.periods)]


@dataclass(frozen=True)
class Reduction:
    """One dense array to fill: `how` ("count", "min" or "max") of `value` per (row, column) cell."""

    how: str
    value: str | None = None
    fill: int = 0
    dtype: str = "int64"

    def __post_init__(self) -> None:
        if self.how not in REDUCTIONS:
            raise ValueError(f"unknown reduction {self.how!r}")
        if self.how != "count" and self.value is None:
            raise ValueError("min and max need a value column")


@numba.njit(cache=True, nogil=True)
def _count_into(out, cells):  # type: ignore[no-untyped-def]
    for i in range(cells.size):
        out[cells[i]] += 1


@numba.njit(cache=True, nogil=True)
def _min_into(out, cells, values):  # type: ignore[no-untyped-def]
    for i in range(cells.size):
        if values[i] < out[cells[i]]:
            out[cells[i]] = values[i]


@numba.njit(cache=True, nogil=True)
def _max_into(out, cells, values):  # type: ignore[no-untyped-def]
    for i in range(cells.size):
        if values[i] > out[cells[i]]:
            out[cells[i]] = values[i]


def reduce_dense(index: np.ndarray, values: np.ndarray | None, reduction: Reduction, size: int) -> np.ndarray:
    """The flat dense array of one reduction over (flat cell index, value) pairs (one compiled pass)."""
    out = np.full(size, 0 if reduction.how == "count" else reduction.fill, dtype=reduction.dtype)
    cells = np.ascontiguousarray(index)
    if reduction.how == "count":
        _count_into(out, cells)
        return out
    assert values is not None
    typed = np.ascontiguousarray(values, dtype=reduction.dtype)
    (_min_into if reduction.how == "min" else _max_into)(out, cells, typed)
    return out


def combine_dense(left: np.ndarray, right: np.ndarray, reduction: Reduction) -> np.ndarray:
    if reduction.how == "count":
        return left + right
    return np.minimum(left, right) if reduction.how == "min" else np.maximum(left, right)


class Engine(Protocol):
    name: str

    def scan(self, path: Path, columns: Sequence[str]) -> Any: ...

    def with_period(self, frame: Any, *, month_column: str, window: Window, target: str) -> Any: ...

    def keep_range(self, frame: Any, *, column: str, low: int, high: int) -> Any: ...

    def dense(
        self,
        frame: Any,
        *,
        row: str,
        column: str,
        shape: tuple[int, int],
        reductions: Mapping[str, Reduction],
    ) -> dict[str, np.ndarray]: ...


class PolarsEngine:
    """Embedded: lazy Polars queries run by its streaming engine; the reduction itself is numpy's."""

    name = "polars"

    def scan(self, path: Path, columns: Sequence[str]) -> pl.LazyFrame:
        return pl.scan_parquet(path).select(list(columns))

    def with_period(
        self, frame: pl.LazyFrame, *, month_column: str, window: Window, target: str
    ) -> pl.LazyFrame:
        months = pl.col(month_column).cast(pl.Int32) - window.first_month
        return frame.with_columns((months // window.months_per_period).alias(target))

    def keep_range(self, frame: pl.LazyFrame, *, column: str, low: int, high: int) -> pl.LazyFrame:
        return frame.filter((pl.col(column) >= low) & (pl.col(column) < high))

    def dense(
        self,
        frame: pl.LazyFrame,
        *,
        row: str,
        column: str,
        shape: tuple[int, int],
        reductions: Mapping[str, Reduction],
    ) -> dict[str, np.ndarray]:
        values = sorted({r.value for r in reductions.values() if r.value is not None})
        cell_type = pl.Int32 if shape[0] * shape[1] < 2**31 else pl.Int64
        index = (pl.col(row).cast(cell_type) * shape[1] + pl.col(column).cast(cell_type)).alias("__cell")
        data = frame.select(index, *[pl.col(v).to_physical() for v in values]).collect(engine="streaming")
        cells = data.get_column("__cell").to_numpy()
        columns = {v: data.get_column(v).to_numpy() for v in values}
        size = shape[0] * shape[1]
        return {
            name: reduce_dense(cells, columns.get(r.value or ""), r, size).reshape(shape)
            for name, r in reductions.items()
        }


class DaskEngine:
    """Distributed: Dask DataFrames, one partition per Parquet row group; each partition is reduced to a
    partial array and the partials are combined pairwise.

    `scheduler` is anything dask.compute accepts: "threads" or "processes" on one machine, or a
    distributed Client for a cluster.
    """

    name = "dask"

    def __init__(self, scheduler: Any = "threads") -> None:
        self.scheduler = scheduler

    def scan(self, path: Path, columns: Sequence[str]) -> Any:
        import dask.dataframe as dd

        return dd.read_parquet(str(path), columns=list(columns), split_row_groups=True)

    def with_period(self, frame: Any, *, month_column: str, window: Window, target: str) -> Any:
        months = frame[month_column].astype("int32") - window.first_month
        return frame.assign(**{target: (months // window.months_per_period).astype("int32")})

    def keep_range(self, frame: Any, *, column: str, low: int, high: int) -> Any:
        return frame[(frame[column] >= low) & (frame[column] < high)]

    def dense(
        self,
        frame: Any,
        *,
        row: str,
        column: str,
        shape: tuple[int, int],
        reductions: Mapping[str, Reduction],
    ) -> dict[str, np.ndarray]:
        import dask

        size = shape[0] * shape[1]
        width = shape[1]

        def partial(part: Any) -> dict[str, np.ndarray]:
            cells = part[row].to_numpy(dtype=np.int64) * width + part[column].to_numpy(dtype=np.int64)
            result = {}
            for name, reduction in reductions.items():
                values = None
                if reduction.value is not None:
                    # Dates arrive as Arrow date32; their integer is the day number, as in Polars.
                    values = part[reduction.value].astype("int32[pyarrow]").to_numpy()
                result[name] = reduce_dense(cells, values, reduction, size)
            return result

        def combine(left: dict[str, np.ndarray], right: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
            return {name: combine_dense(left[name], right[name], r) for name, r in reductions.items()}

        nodes = [dask.delayed(partial)(part) for part in frame.to_delayed()]
        while len(nodes) > 1:
            paired = [dask.delayed(combine)(nodes[i], nodes[i + 1]) for i in range(0, len(nodes) - 1, 2)]
            nodes = paired + ([nodes[-1]] if len(nodes) % 2 else [])
        (result,) = dask.compute(nodes[0], scheduler=self.scheduler)
        return {name: array.reshape(shape) for name, array in result.items()}


def engine_named(name: str, **options: Any) -> Engine:
    if name == "polars":
        return PolarsEngine()
    if name == "dask":
        return DaskEngine(**options)
    raise ValueError(f"unknown engine {name!r}: polars or dask")
