"""Small-cell suppression: nothing under k is shown, and an attacker cannot recompute what is hidden.

The attacker is written here independently of suppress.py: it takes only what a report publishes, writes
down every equation a reader knows (rows sum to row totals, columns to column totals, totals to the grand
total, and for linked tables the shared margins), and asks a linear programme for the smallest and the
largest value each hidden cell can take given the shown numbers and non-negativity. A hidden cell is
recomputed when the two coincide.
"""

import numpy as np
import pytest
from scipy.optimize import linprog

from kokeilu.analytics.pipeline import report, suppress
from kokeilu.analytics.pipeline.engine import Window


class Attacker:
    def __init__(self) -> None:
        self.known: dict[str, float] = {}
        self.unknown: list[str] = []
        self.equations: list[list[str]] = []  # each: names whose values sum to zero with the sign prefix

    def number(self, name: str, value: int | None) -> str:
        if value is None:
            if name not in self.unknown:
                self.unknown.append(name)
        else:
            self.known[name] = float(value)
        return name

    def equation(self, plus: list[str], minus: list[str]) -> None:
        self.equations.append([f"+{n}" for n in plus] + [f"-{n}" for n in minus])

    def table(
        self, table: dict, prefix: str, *, row_total_names=None, column_total_names=None, grand_name=None
    ):
        cells = [
            [self.number(f"{prefix}[{r},{c}]", v) for c, v in enumerate(row)]
            for r, row in enumerate(table["cells"])
        ]
        rows, columns = len(cells), len(cells[0])
        grand = None
        if table["grand_total"] is not None or (
            table["row_totals"] is not None and table["column_totals"] is not None
        ):
            grand = grand_name or self.number(f"{prefix}[total]", table["grand_total"])
        if table["row_totals"] is not None:
            totals = row_total_names or [
                self.number(f"{prefix}[{r},total]", v) for r, v in enumerate(table["row_totals"])
            ]
            for r in range(rows):
                self.equation(cells[r], [totals[r]])
            if grand is not None:
                self.equation(totals, [grand])
        if table["column_totals"] is not None:
            totals = column_total_names or [
                self.number(f"{prefix}[total,{c}]", v) for c, v in enumerate(table["column_totals"])
            ]
            for c in range(columns):
                self.equation([cells[r][c] for r in range(rows)], [totals[c]])
            if grand is not None:
                self.equation(totals, [grand])
        return cells

    def intervals(self) -> dict[str, tuple[float, float]]:
        index = {name: i for i, name in enumerate(self.unknown)}
        a_eq, b_eq = [], []
        for equation in self.equations:
            row = np.zeros(len(self.unknown))
            constant = 0.0
            for term in equation:
                sign = 1.0 if term[0] == "+" else -1.0
                name = term[1:]
                if name in index:
                    row[index[name]] += sign
                else:
                    constant -= sign * self.known[name]
            if row.any():
                a_eq.append(row)
                b_eq.append(constant)
        result = {}
        for name, i in index.items():
            objective = np.zeros(len(self.unknown))
            objective[i] = 1.0
            low = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=(0, None))
            high = linprog(-objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=(0, None))
            upper = np.inf if high.status == 3 else -high.fun
            result[name] = (low.fun, upper)
        return result


def _published(protected, key="t"):
    return report._table(protected, key=key, title=key, row_labels=[], column_labels=[], threshold=0)


def _assert_nothing_small_is_shown(table: dict, k: int) -> None:
    values = [v for row in table["cells"] for v in row]
    values += list(table["row_totals"] or []) + list(table["column_totals"] or []) + [table["grand_total"]]
    assert all(v is None or v == 0 or v >= k for v in values)


def _random_table(rng, rows, columns):
    # Mostly large counts with a sprinkling of small ones and zeros, like a state distribution.
    values = rng.poisson(rng.choice([0.5, 3, 40], size=(rows, columns), p=[0.2, 0.3, 0.5]))
    return values.astype(np.int64)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("k", [3, 5, 10])
def test_no_cell_under_k_is_shown_and_no_hidden_cell_can_be_recomputed(seed, k):
    rng = np.random.default_rng(seed)
    values = _random_table(rng, int(rng.integers(2, 9)), int(rng.integers(2, 8)))
    protected = suppress.protect(values, threshold=k)
    table = _published(protected)
    _assert_nothing_small_is_shown(table, k)
    attacker = Attacker()
    attacker.table(table, "t")
    for name, (low, high) in attacker.intervals().items():
        assert high - low >= 1 - 1e-6, f"{name} is pinned to {low}"


def test_the_attacker_recomputes_a_cell_hidden_without_secondary_suppression():
    values = np.array([[20, 3, 30], [25, 40, 35]])
    extended, exists = suppress.extend(values, row_totals=True, column_totals=True)
    primary_only = suppress.Protected(
        extended, exists, suppress.primary_mask(extended, exists, 5), np.zeros_like(exists)
    )
    attacker = Attacker()
    attacker.table(_published(primary_only), "t")
    assert attacker.intervals() == {"t[0,1]": (pytest.approx(3.0), pytest.approx(3.0))}
    # With secondary suppression the same cell is safe.
    protected = suppress.protect(values, threshold=5)
    attacker = Attacker()
    attacker.table(_published(protected), "t")
    intervals = attacker.intervals()
    assert "t[0,1]" in intervals and intervals["t[0,1]"][1] - intervals["t[0,1]"][0] >= 1
    assert protected.primary_count == 1 and protected.secondary_count == 3


def test_a_list_with_its_total_hides_a_second_count():
    sizes = np.array([[120], [3], [40], [75]])
    protected = suppress.protect(sizes, threshold=5, row_totals=False, column_totals=True)
    table = _published(protected)
    assert [row[0] for row in table["cells"]] == [120, None, None, 75]
    assert table["column_totals"] == [238]
    attacker = Attacker()
    attacker.table(table, "t")
    assert all(high - low >= 1 for low, high in attacker.intervals().values())


def test_zeros_are_shown_unless_asked_and_never_used_as_complements():
    values = np.array([[0, 3, 30], [0, 40, 35], [12, 9, 0]])
    protected = suppress.protect(values, threshold=5)
    table = _published(protected)
    assert table["cells"][0][0] == 0 and table["cells"][1][0] == 0
    hidden = [(r, c) for r in range(3) for c in range(3) if table["cells"][r][c] is None]
    assert all(values[r, c] > 0 for r, c in hidden)
    strict = _published(suppress.protect(values, threshold=5, suppress_zeros=True))
    assert strict["cells"][0][0] is None


def test_a_table_that_cannot_be_protected_is_withheld():
    # One small cell, and the only possible complements are public elsewhere.
    values = np.array([[3, 40]])
    extended_shape = (2, 3)
    locked = np.ones(extended_shape, dtype=bool)
    locked[0, 0] = False
    protected = suppress.protect(values, threshold=5, locked=locked)
    assert protected.withheld
    table = _published(protected)
    assert all(v is None for row in table["cells"] for v in row)


def test_the_linear_check_agrees_with_the_attacker():
    rng = np.random.default_rng(99)
    for _ in range(20):
        values = _random_table(rng, 4, 5)
        extended, exists = suppress.extend(values, row_totals=True, column_totals=True)
        mask = suppress.primary_mask(extended, exists, 5)
        system = suppress.LinearSystem()
        grid = system.add_table(suppress.Protected(extended, exists, mask, mask))
        hidden = {int(grid[r, c]) for r, c in zip(*np.nonzero(mask), strict=True)}
        determined = suppress.determined_cells(system, hidden)
        attacker = Attacker()
        attacker.table(_published(suppress.Protected(extended, exists, mask, mask)), "t")
        pinned = {name for name, (low, high) in attacker.intervals().items() if high - low < 1e-6}
        assert len(determined) == len(pinned)


@pytest.mark.parametrize("seed", range(4))
def test_linked_state_and_flow_tables_cannot_be_recomputed_jointly(seed):
    """A small group's state distribution and its Sankey flows share margins; attack them together."""
    rng = np.random.default_rng(seed)
    window = Window(years=3, resolution="year")
    people = int(rng.integers(15, 60))
    states = rng.choice(7, size=(people, window.periods), p=[0.5, 0.2, 0.02, 0.08, 0.1, 0.05, 0.05]).astype(
        np.uint8
    )
    table, flows = report.protect_group(states, window, threshold=5)
    published = _published(table, "states")
    _assert_nothing_small_is_shown(published, 5)
    attacker = Attacker()
    size_name = attacker.number("size", people)  # the group size is public
    state_cells = attacker.table(published, "states", row_total_names=[size_name] * window.periods)
    for index, (a, b, flow) in enumerate(flows):
        if flow is None:
            continue
        flow_table = _published(flow, f"flow{index}")
        _assert_nothing_small_is_shown(flow_table, 5)
        attacker.table(
            flow_table,
            f"flow{index}",
            row_total_names=state_cells[a],
            column_total_names=state_cells[b],
            grand_name=size_name,
        )
    for name, (low, high) in attacker.intervals().items():
        assert high - low >= 1 - 1e-6, f"{name} is pinned"
