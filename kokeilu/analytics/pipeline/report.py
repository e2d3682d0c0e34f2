"""The report of a run: every number in it has passed small-cell suppression (suppress.py).

What is published:
- group sizes (groups are never smaller than k: smaller ones are dissolved before this);
- per group, the state distribution: people in each state in each period, with the group size as row
  total. This is the group's typical path, shown as a distribution (TraMineR's seqdplot); no medoid and
  no individual sequence is ever published. Column totals (person-periods per state) are deliberately
  not published: they would tie every period's row to every other and force far more suppression in
  small groups; the share of time in each state is summed from the published cells instead, and marked
  as a lower bound where a cell of that state is suppressed;
- per group, a transition Sankey: for stages spread over the window, people moving from each state at
  one stage to each state at the next; its margins are rows of the state distribution, so both are
  protected together and checked jointly;
- early identification: AUC and the held-out counts, and calibration bins built so that no count in them
  is small (early.py).

Each table states the threshold and the method. `table_csv` writes one with those lines on top.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict
from typing import Any

import numpy as np

from . import codes, suppress
from .cluster import Grouping
from .early import EarlyResult, roc_points
from .engine import Window
from .report_tables import all_tables, table_csv  # noqa: F401 - part of this module's interface

REPORT_VERSION = 1
SANKEY_STAGES = 4


def _table(
    protected: suppress.Protected,
    *,
    key: str,
    title: str,
    row_labels: list[str],
    column_labels: list[str],
    threshold: int,
) -> dict[str, Any]:
    rows, columns = protected.rows, protected.columns
    exists = protected.exists
    return {
        "key": key,
        "title": title,
        "row_labels": row_labels,
        "column_labels": column_labels,
        "cells": [[protected.published(r, c) for c in range(columns)] for r in range(rows)],
        "row_totals": [protected.published(r, columns) for r in range(rows)] if exists[0, columns] else None,
        "column_totals": [protected.published(rows, c) for c in range(columns)] if exists[rows, 0] else None,
        "grand_total": protected.published(rows, columns) if exists[rows, columns] else None,
        "suppressed_primary": protected.primary_count,
        "suppressed_secondary": protected.secondary_count,
        "withheld": protected.withheld,
        "threshold": threshold,
        "method": suppress.METHOD,
    }


def state_counts(states: np.ndarray) -> np.ndarray:
    """(periods, states): how many of the given people were in each state in each period."""
    periods = states.shape[1]
    offsets = np.arange(periods, dtype=np.int64)[None, :] * len(codes.STATES)
    flat = (offsets + states).ravel()
    return np.bincount(flat, minlength=periods * len(codes.STATES)).reshape(periods, len(codes.STATES))


def sankey_stages(window: Window) -> list[int]:
    """Periods at which the Sankey takes its snapshots: the first, the last and evenly between."""
    last = window.periods - 1
    return sorted({round(i * last / (SANKEY_STAGES - 1)) for i in range(SANKEY_STAGES)})


def flow_counts(states: np.ndarray, a: int, b: int) -> np.ndarray:
    """(states, states): people in state x at period a and state y at period b."""
    size = len(codes.STATES)
    pairs = states[:, a].astype(np.int64) * size + states[:, b]
    return np.bincount(pairs, minlength=size * size).reshape(size, size)


def protect_group(
    states: np.ndarray, window: Window, threshold: int, suppress_zeros: bool = False
) -> tuple[suppress.Protected, list[tuple[int, int, suppress.Protected | None]]]:
    """The group's state distribution and Sankey flow tables, protected jointly."""
    counts = state_counts(states)
    periods, size = counts.shape
    locked = np.zeros((periods + 1, size + 1), dtype=bool)
    locked[:, size] = True  # the group size in every period, and its multiple as grand total: public
    stages = sankey_stages(window)
    pairs = list(itertools.pairwise(stages))
    flows = {pair: flow_counts(states, *pair) for pair in pairs}
    hidden_elsewhere = np.zeros_like(locked)
    withheld_flows: set[tuple[int, int]] = set()
    while True:
        table = suppress.protect(
            counts,
            threshold=threshold,
            column_totals=False,
            locked=locked,
            presuppressed=hidden_elsewhere,
            suppress_zeros=suppress_zeros,
        )
        if table.withheld:
            return table, []
        protected_flows: dict[tuple[int, int], suppress.Protected] = {}
        changed = False
        for a, b in pairs:
            if (a, b) in withheld_flows:
                continue
            margins = np.zeros((size + 1, size + 1), dtype=bool)
            margins[:size, size] = table.mask[a, :size]
            margins[size, :size] = table.mask[b, :size]
            flow_locked = np.zeros_like(margins)
            flow_locked[size, size] = True
            flow = suppress.protect(
                flows[(a, b)],
                threshold=threshold,
                locked=flow_locked,
                presuppressed=margins,
                suppress_zeros=suppress_zeros,
            )
            if flow.withheld:
                withheld_flows.add((a, b))
                continue
            for state in range(size):
                for period, hidden in ((a, flow.mask[state, size]), (b, flow.mask[size, state])):
                    if hidden and not table.mask[period, state]:
                        hidden_elsewhere[period, state] = True
                        changed = True
            protected_flows[(a, b)] = flow
        if not changed:
            break
    if _jointly_determined(table, protected_flows, pairs=pairs):
        protected_flows = {}
    return table, [(a, b, protected_flows.get((a, b))) for a, b in pairs]


def _jointly_determined(
    table: suppress.Protected, flows: dict[tuple[int, int], suppress.Protected], pairs: list[tuple[int, int]]
) -> bool:
    system = suppress.LinearSystem()
    grid = system.add_table(table)
    hidden = {int(grid[r, c]) for r, c in zip(*np.nonzero(table.mask & table.exists), strict=True)}
    size = table.columns
    for a, b in pairs:
        flow = flows.get((a, b))
        if flow is None:
            continue
        ids = np.full(flow.extended.shape, -1, dtype=np.int64)
        ids[:size, size] = grid[a, :size]
        ids[size, :size] = grid[b, :size]
        ids[size, size] = grid[a, size]
        flow_grid = system.add_table(flow, ids)
        hidden |= {int(flow_grid[r, c]) for r, c in zip(*np.nonzero(flow.mask & flow.exists), strict=True)}
    return bool(suppress.determined_cells(system, hidden))


def _state_shares(table: dict[str, Any], person_periods: int) -> dict[str, dict[str, Any]]:
    """Each state's share of the group's time, from the published cells only; where a cell of the state is
    suppressed the share is a lower bound ("complete": False)."""
    shares = {}
    for index, state in enumerate(table["column_labels"]):
        column = [row[index] for row in table["cells"]]
        shown = sum(v for v in column if v is not None)
        shares[state] = {"share": shown / person_periods, "complete": all(v is not None for v in column)}
    return shares


def build_report(
    *,
    states: np.ndarray,
    window: Window,
    grouping: Grouping,
    early: EarlyResult | None,
    threshold: int,
    parameters: dict[str, Any],
    suppress_zeros: bool = False,
) -> dict[str, Any]:
    """The run's report: only suppressed aggregates, each with its method and threshold."""
    labels = grouping.labels
    people = states.shape[0]
    sizes = np.bincount(labels, minlength=grouping.k)
    size_table = suppress.protect(
        sizes.reshape(-1, 1),
        threshold=threshold,
        row_totals=False,
        column_totals=True,
        suppress_zeros=suppress_zeros,
    )
    state_labels = list(codes.STATES)
    period_labels = window.period_labels()
    groups = []
    for g in range(grouping.k):
        number = g + 1
        shown = size_table.published(g, 0) is not None
        entry: dict[str, Any] = {"number": number, "size": size_table.published(g, 0)}
        if shown:
            table, flows = protect_group(states[labels == g], window, threshold, suppress_zeros)
            entry["state_distribution"] = _table(
                table,
                key=f"group-{number}-states",
                title=f"Group {number}: people in each state by period",
                row_labels=period_labels,
                column_labels=state_labels,
                threshold=threshold,
            )
            entry["state_shares"] = _state_shares(entry["state_distribution"], int(sizes[g]) * window.periods)
            entry["sankey"] = {
                "stages": [period_labels[p] for p in sankey_stages(window)],
                "flows": [
                    None
                    if flow is None
                    else _table(
                        flow,
                        key=f"group-{number}-flows-{i + 1}",
                        title=f"Group {number}: from {period_labels[a]} to {period_labels[b]}",
                        row_labels=state_labels,
                        column_labels=state_labels,
                        threshold=threshold,
                    )
                    for i, (a, b, flow) in enumerate(flows)
                ],
            }
        groups.append(entry)
    report: dict[str, Any] = {
        "version": REPORT_VERSION,
        "threshold": threshold,
        "suppress_zeros": suppress_zeros,
        "suppression_method": suppress.METHOD,
        "parameters": parameters,
        "window": {
            "start": window.start.isoformat(),
            "years": window.years,
            "resolution": window.resolution,
            "period_labels": period_labels,
        },
        "states": state_labels,
        "people": people if people >= threshold else None,
        "grouping": {
            "method": grouping.method,
            "k": grouping.k,
            "silhouettes": {str(k): v for k, v in grouping.silhouettes.items()},
            "details": grouping.details,
            "dissolved_groups": grouping.dissolved_groups,
        },
        "group_sizes": _table(
            size_table,
            key="group-sizes",
            title="People in each group",
            row_labels=[f"Group {g + 1}" for g in range(grouping.k)],
            column_labels=["people"],
            threshold=threshold,
        ),
        "groups": groups,
        "early": _early(early, threshold),
    }
    return report


def _early(early: EarlyResult | None, threshold: int) -> dict[str, Any] | None:
    if early is None:
        return None
    data = asdict(early)
    data["target_group"] = early.target_group + 1
    data["threshold"] = threshold
    data["method"] = (
        "Logistic regression on the first years of each path, fitted on 70 % of the people and evaluated "
        "on the held-out 30 %; calibration bins merged until no count in them is below k."
    )
    data["roc"] = [list(point) for point in roc_points(early.bins)] if early.bins else []
    return data
