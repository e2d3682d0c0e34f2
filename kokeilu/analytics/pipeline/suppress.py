"""Small-cell suppression with secondary suppression, so that no published number identifies anyone.

Primary suppression hides every count of 1 … k−1 people (k = 5 unless configured), totals included. Zeros
are shown, as statistical offices do, unless `suppress_zeros` is set.

Secondary suppression hides further cells so that no hidden cell can be recomputed from the published
cells and totals. A table with its margins is a set of linear equations (each row of cells sums to its
row total, each column to its column total, the totals to the grand total). Drawn as a graph, with one
node per equation and one edge per cell between the two equations it appears in (a node for equations
that are not published at all, shared by every cell outside them), a hidden cell is determined by the
published numbers exactly when its edge is a bridge among the hidden cells' edges: when no cycle of
hidden cells runs through it. So while a hidden cell is a bridge, the cheapest path between its two ends
is hidden too (Dijkstra over cell values: hiding small cells loses least; totals cost ten times more;
zeros and cells that are public elsewhere are never used). Zero cells are never used as complements,
because a zero cannot move down and would pin its cycle from one side.

Linked tables (a group's state distribution and the transition tables whose margins are its rows) are
protected together: suppression in one is carried into the others until nothing changes, and the joint
system is then checked by linear algebra (`determined_cells`); if that check still finds a determined
cell, the linked tables are withheld. The same check is what the tests use as an attacker.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

DEFAULT_THRESHOLD = 5
MARGIN_COST_FACTOR = 10.0
METHOD = (
    "Counts of 1 to k-1 people are suppressed (primary); further cells are suppressed so that no suppressed "
    "cell can be recomputed from the published cells and totals (secondary, cycle-based)."
)


@dataclass
class Protected:
    """A 2-D table with its margins after suppression. `mask` marks hidden cells of the extended table.

    The extended table is (rows+1) × (columns+1): the last column holds row totals, the last row column
    totals and the corner the grand total; margins that are not published do not exist.
    """

    extended: np.ndarray
    exists: np.ndarray
    mask: np.ndarray
    primary: np.ndarray
    withheld: bool = False

    @property
    def rows(self) -> int:
        return self.extended.shape[0] - 1

    @property
    def columns(self) -> int:
        return self.extended.shape[1] - 1

    def published(self, r: int, c: int) -> int | None:
        if not self.exists[r, c] or self.mask[r, c] or self.withheld:
            return None
        return int(self.extended[r, c])

    @property
    def primary_count(self) -> int:
        return int((self.primary & self.exists).sum())

    @property
    def secondary_count(self) -> int:
        return int((self.mask & ~self.primary & self.exists).sum())


def extend(values: np.ndarray, *, row_totals: bool, column_totals: bool) -> tuple[np.ndarray, np.ndarray]:
    """The extended table (values with margins) and which of its cells exist."""
    values = np.asarray(values, dtype=np.int64)
    rows, columns = values.shape
    extended = np.zeros((rows + 1, columns + 1), dtype=np.int64)
    extended[:rows, :columns] = values
    extended[:rows, columns] = values.sum(axis=1)
    extended[rows, :columns] = values.sum(axis=0)
    extended[rows, columns] = values.sum()
    exists = np.zeros_like(extended, dtype=bool)
    exists[:rows, :columns] = True
    exists[:rows, columns] = row_totals
    exists[rows, :columns] = column_totals
    exists[rows, columns] = row_totals or column_totals
    return extended, exists


def primary_mask(
    extended: np.ndarray, exists: np.ndarray, threshold: int, suppress_zeros: bool = False
) -> np.ndarray:
    small = (extended > 0) & (extended < threshold)
    if suppress_zeros:
        small |= extended == 0
    return small & exists


def _constrained_nodes(exists: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which row equations and which column equations are published."""
    rows, columns = exists.shape[0] - 1, exists.shape[1] - 1
    row_totals = bool(exists[0, columns]) if rows else False
    column_totals = bool(exists[rows, 0]) if columns else False
    grand = bool(exists[rows, columns])
    row_nodes = np.array([row_totals] * rows + [column_totals and grand])
    column_nodes = np.array([column_totals] * columns + [row_totals and grand])
    return row_nodes, column_nodes


class _Graph:
    """Equations as nodes, cells of the extended table as edges; unpublished equations share node FREE."""

    def __init__(self, exists: np.ndarray) -> None:
        self.shape = exists.shape
        row_nodes, column_nodes = _constrained_nodes(exists)
        rows, columns = exists.shape
        self.free = rows + columns
        self.node_of_row = [r if row_nodes[r] else self.free for r in range(rows)]
        self.node_of_column = [rows + c if column_nodes[c] else self.free for c in range(columns)]
        self.edges: list[tuple[int, int, int, int]] = []  # (u, v, r, c)
        for r in range(rows):
            for c in range(columns):
                if exists[r, c]:
                    self.edges.append((self.node_of_row[r], self.node_of_column[c], r, c))
        self.nodes = rows + columns + 1

    def bridges(self, chosen: np.ndarray) -> list[int]:
        """Indices (into self.edges) of chosen edges that lie on no cycle of chosen edges."""
        adjacency: list[list[tuple[int, int]]] = [[] for _ in range(self.nodes)]
        for index, (u, v, r, c) in enumerate(self.edges):
            if chosen[r, c]:
                adjacency[u].append((v, index))
                adjacency[v].append((u, index))
        order = [-1] * self.nodes
        low = [0] * self.nodes
        counter = 0
        found: list[int] = []
        for root in range(self.nodes):
            if order[root] != -1 or not adjacency[root]:
                continue
            order[root] = low[root] = counter
            counter += 1
            stack = [(root, -1, iter(adjacency[root]))]
            while stack:
                node, via, neighbours = stack[-1]
                advanced = False
                for neighbour, edge in neighbours:
                    if edge == via:
                        continue
                    if order[neighbour] == -1:
                        order[neighbour] = low[neighbour] = counter
                        counter += 1
                        stack.append((neighbour, edge, iter(adjacency[neighbour])))
                        advanced = True
                        break
                    low[node] = min(low[node], order[neighbour])
                if advanced:
                    continue
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.append(via)
        # A self-loop on FREE (a cell in no published equation) is never determined.
        return [e for e in found if self.edges[e][0] != self.edges[e][1]]

    def cheapest_path(self, start: int, goal: int, skip: int, cost: np.ndarray) -> list[int] | None:
        """Edge indices of the cheapest start→goal path avoiding edge `skip`; None if there is none."""
        adjacency: list[list[tuple[int, int]]] = [[] for _ in range(self.nodes)]
        for index, (u, v, r, c) in enumerate(self.edges):
            if index != skip and np.isfinite(cost[r, c]):
                adjacency[u].append((v, index))
                adjacency[v].append((u, index))
        best = [np.inf] * self.nodes
        back: list[tuple[int, int] | None] = [None] * self.nodes
        best[start] = 0.0
        queue = [(0.0, start)]
        while queue:
            distance, node = heapq.heappop(queue)
            if distance > best[node]:
                continue
            if node == goal:
                break
            for neighbour, edge in adjacency[node]:
                _, _, r, c = self.edges[edge]
                candidate = distance + float(cost[r, c])
                if candidate < best[neighbour]:
                    best[neighbour] = candidate
                    back[neighbour] = (node, edge)
                    heapq.heappush(queue, (candidate, neighbour))
        if not np.isfinite(best[goal]):
            return None
        path = []
        node = goal
        while node != start:
            step = back[node]
            assert step is not None
            node, edge = step
            path.append(edge)
        return path


def secondary(
    extended: np.ndarray, exists: np.ndarray, mask: np.ndarray, locked: np.ndarray
) -> tuple[np.ndarray, bool]:
    """Add complementary suppressions until no hidden cell is a bridge; (mask, ok). `locked` cells are
    public elsewhere and are never hidden; ok is False when no complement can protect some cell."""
    mask = mask.copy()
    graph = _Graph(exists)
    rows, columns = extended.shape[0] - 1, extended.shape[1] - 1
    margin = np.zeros_like(exists)
    margin[rows, :] = True
    margin[:, columns] = True
    while True:
        bridges = graph.bridges(mask & exists)
        if not bridges:
            return mask, True
        u, v, _, _ = graph.edges[bridges[0]]
        cost = np.where(margin, extended * MARGIN_COST_FACTOR, extended).astype(np.float64)
        cost[mask] = 0.0
        cost[~mask & ((extended == 0) | locked)] = np.inf
        cost[~exists] = np.inf
        path = graph.cheapest_path(u, v, bridges[0], cost)
        if path is None:
            return mask, False
        for edge in path:
            _, _, r, c = graph.edges[edge]
            mask[r, c] = True


def protect(
    values: np.ndarray,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    row_totals: bool = True,
    column_totals: bool = True,
    locked: np.ndarray | None = None,
    presuppressed: np.ndarray | None = None,
    suppress_zeros: bool = False,
) -> Protected:
    """Suppress one table. `locked` (extended shape) marks numbers public elsewhere, which must stay shown;
    `presuppressed` (extended shape) marks numbers hidden elsewhere, which must stay hidden here."""
    extended, exists = extend(values, row_totals=row_totals, column_totals=column_totals)
    locked = np.zeros_like(exists) if locked is None else locked.astype(bool)
    primary = primary_mask(extended, exists, threshold, suppress_zeros)
    mask = primary | (presuppressed.astype(bool) if presuppressed is not None else False)
    mask &= exists
    if (mask & locked).any():
        return Protected(extended, exists, np.ones_like(exists), primary, withheld=True)
    mask, ok = secondary(extended, exists, mask, locked)
    if not ok:
        # Hide everything that may be hidden; if that still leaves a cell determined, withhold the table.
        mask = exists & ~locked
        if _Graph(exists).bridges(mask):
            return Protected(extended, exists, np.ones_like(exists), primary, withheld=True)
    return Protected(extended, exists, mask, primary)


# --- Linear-algebra check, for linked tables and for tests -------------------------------------------------


@dataclass
class LinearSystem:
    """Numbers and the linear equations a reader knows hold between them (Σ coefficient × value = 0)."""

    values: list[int] = field(default_factory=list)
    equations: list[list[tuple[int, float]]] = field(default_factory=list)

    def add_value(self, value: int) -> int:
        self.values.append(int(value))
        return len(self.values) - 1

    def add_equation(self, terms: Sequence[tuple[int, float]]) -> None:
        self.equations.append(list(terms))

    def add_table(self, protected: Protected, ids: np.ndarray | None = None) -> np.ndarray:
        """Register a table's numbers and equations; `ids` reuses numbers shared with other tables."""
        ext, exists = protected.extended, protected.exists
        grid = np.full(ext.shape, -1, dtype=np.int64) if ids is None else ids.copy()
        for r in range(ext.shape[0]):
            for c in range(ext.shape[1]):
                if exists[r, c] and grid[r, c] < 0:
                    grid[r, c] = self.add_value(int(ext[r, c]))
        rows, columns = protected.rows, protected.columns
        row_nodes, column_nodes = _constrained_nodes(exists)
        for r in range(rows + 1):
            if row_nodes[r]:
                self.add_equation(
                    [(int(grid[r, c]), 1.0) for c in range(columns) if exists[r, c]]
                    + [(int(grid[r, columns]), -1.0)]
                )
        for c in range(columns + 1):
            if column_nodes[c]:
                self.add_equation(
                    [(int(grid[r, c]), 1.0) for r in range(rows) if exists[r, c]]
                    + [(int(grid[rows, c]), -1.0)]
                )
        return grid


def determined_cells(system: LinearSystem, hidden: set[int], tolerance: float = 1e-9) -> set[int]:
    """The hidden numbers that the shown numbers and the equations determine exactly."""
    if not hidden:
        return set()
    hidden_list = sorted(hidden)
    position = {value_id: i for i, value_id in enumerate(hidden_list)}
    rows = []
    for equation in system.equations:
        row = np.zeros(len(hidden_list))
        touched = False
        for value_id, coefficient in equation:
            if value_id in position:
                row[position[value_id]] += coefficient
                touched = True
        if touched:
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > tolerance * max(1.0, singular.max(initial=0.0))).sum())
    null_space = vt[rank:].T  # (hidden, nullity)
    if null_space.shape[1] == 0:
        return set(hidden_list)
    norms = np.linalg.norm(null_space, axis=1)
    return {hidden_list[i] for i in range(len(hidden_list)) if norms[i] < 1e-7}
