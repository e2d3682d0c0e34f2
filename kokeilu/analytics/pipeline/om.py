"""Optimal matching (OM) distances between state sequences, as TraMineR's seqdist(method = "OM") defines them.

The distance between sequences a and b is the cheapest way to turn a into b with substitutions (cost
sm[x, y], zero when x == y) and insertions or deletions (cost indel[x] for the state x inserted or
deleted; a single number is the same for every state). It is computed by the Needleman–Wunsch dynamic
programme over (len(a) + 1) × (len(b) + 1) cells:

    D[i, 0] = D[i-1, 0] + indel[a_i]        D[0, j] = D[0, j-1] + indel[b_j]
    D[i, j] = min(D[i-1, j-1] + sm[a_i, b_j], D[i-1, j] + indel[a_i], D[i, j-1] + indel[b_j])

The kernels are compiled with numba and run pairs in parallel over all cores. Substitution costs are
"constant" (2 between different states, TraMineR's sm = "CONSTANT") or "trate" (2 − p(x→y) − p(y→x)
from the observed transition rates, TraMineR's sm = "TRATE"); indel "auto" is half the largest
substitution cost, as in TraMineR.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np

PARALLEL_CHUNKS_PER_THREAD = 16


@dataclass(frozen=True)
class OMCosts:
    substitution: np.ndarray  # (states, states) float64, zero diagonal
    indel: np.ndarray  # (states,) float64
    method: str

    @property
    def states(self) -> int:
        return int(self.substitution.shape[0])


def constant_costs(states: int, substitution: float = 2.0, indel: float | str = 1.0) -> OMCosts:
    matrix = np.full((states, states), float(substitution))
    np.fill_diagonal(matrix, 0.0)
    indel_cost = float(substitution) / 2 if indel == "auto" else float(indel)
    return OMCosts(
        matrix, np.full(states, indel_cost), f"constant substitution {substitution:g}, indel {indel_cost:g}"
    )


def transition_rate_costs(sequences: np.ndarray, states: int, indel: float | str = "auto") -> OMCosts:
    """TraMineR's TRATE: 2 − p(x→y) − p(y→x), p the transition rates between consecutive positions."""
    pairs = sequences[:, :-1].astype(np.int64) * states + sequences[:, 1:]
    counts = np.bincount(pairs.ravel(), minlength=states * states).reshape(states, states).astype(np.float64)
    from_totals = counts.sum(axis=1, keepdims=True)
    rates = np.divide(counts, from_totals, out=np.zeros_like(counts), where=from_totals > 0)
    matrix = 2.0 - rates - rates.T
    np.fill_diagonal(matrix, 0.0)
    indel_cost = matrix.max() / 2 if indel == "auto" else float(indel)
    return OMCosts(
        matrix, np.full(states, indel_cost), f"transition-rate substitution, indel {indel_cost:.3g}"
    )


@numba.njit(cache=True, nogil=True)
def _om(a, la, b, lb, sm, indel, previous, current, insert):  # type: ignore[no-untyped-def]
    previous[0] = 0.0
    for j in range(1, lb + 1):
        insert[j] = indel[b[j - 1]]
        previous[j] = previous[j - 1] + insert[j]
    for i in range(1, la + 1):
        ai = a[i - 1]
        substitute = sm[ai]
        delete = indel[ai]
        left = previous[0] + delete
        current[0] = left
        for j in range(1, lb + 1):
            best = previous[j - 1] + substitute[b[j - 1]]
            cost = previous[j] + delete
            if cost < best:
                best = cost
            cost = left + insert[j]
            if cost < best:
                best = cost
            current[j] = best
            left = best
        previous, current = current, previous
    return previous[lb]


@numba.njit(cache=True, parallel=True)
def _pairwise(sequences, lengths, sm, indel, chunks):  # type: ignore[no-untyped-def]
    n = sequences.shape[0]
    width = sequences.shape[1]
    out = np.zeros((n, n), dtype=np.float64)
    total = n * (n - 1) // 2
    per_chunk = (total + chunks - 1) // chunks
    for chunk in numba.prange(chunks):
        previous = np.empty(width + 1, dtype=np.float64)
        current = np.empty(width + 1, dtype=np.float64)
        insert = np.empty(width + 1, dtype=np.float64)
        start = chunk * per_chunk
        stop = min(total, start + per_chunk)
        if start >= stop:
            continue
        # Find the pair (i, j), i < j, with flat index `start` in row-major upper-triangle order.
        i = 0
        remaining = start
        while remaining >= n - 1 - i:
            remaining -= n - 1 - i
            i += 1
        j = i + 1 + remaining
        for _ in range(start, stop):
            d = _om(sequences[i], lengths[i], sequences[j], lengths[j], sm, indel, previous, current, insert)
            out[i, j] = d
            out[j, i] = d
            j += 1
            if j == n:
                i += 1
                j = i + 1
    return out


@numba.njit(cache=True, parallel=True)
def _cross(left, left_lengths, right, right_lengths, sm, indel, chunks):  # type: ignore[no-untyped-def]
    n = left.shape[0]
    m = right.shape[0]
    width = max(left.shape[1], right.shape[1])
    out = np.empty((n, m), dtype=np.float64)
    per_chunk = (n + chunks - 1) // chunks
    for chunk in numba.prange(chunks):
        previous = np.empty(width + 1, dtype=np.float64)
        current = np.empty(width + 1, dtype=np.float64)
        insert = np.empty(width + 1, dtype=np.float64)
        for i in range(chunk * per_chunk, min(n, (chunk + 1) * per_chunk)):
            for j in range(m):
                out[i, j] = _om(
                    left[i], left_lengths[i], right[j], right_lengths[j], sm, indel, previous, current, insert
                )
    return out


def _states(sequences: np.ndarray | list[list[int]]) -> np.ndarray:
    data = np.asarray(sequences)
    if data.size and (data.min() < 0 or data.max() > 255):
        raise ValueError("states must be numbered 0–255")
    return np.ascontiguousarray(data, dtype=np.uint8)


def _lengths(sequences: np.ndarray, lengths: np.ndarray | None) -> np.ndarray:
    if lengths is None:
        return np.full(sequences.shape[0], sequences.shape[1], dtype=np.int64)
    return np.asarray(lengths, dtype=np.int64)


def _chunks(work: int) -> int:
    return max(1, min(work, numba.get_num_threads() * PARALLEL_CHUNKS_PER_THREAD))


def pairwise_distances(
    sequences: np.ndarray, costs: OMCosts, lengths: np.ndarray | None = None
) -> np.ndarray:
    """The symmetric (n, n) OM distance matrix of the rows of `sequences` (states as small integers)."""
    data = _states(sequences)
    n = data.shape[0]
    return _pairwise(
        data, _lengths(data, lengths), costs.substitution, costs.indel, _chunks(n * (n - 1) // 2)
    )


def cross_distances(
    left: np.ndarray,
    right: np.ndarray,
    costs: OMCosts,
    left_lengths: np.ndarray | None = None,
    right_lengths: np.ndarray | None = None,
) -> np.ndarray:
    """The (len(left), len(right)) OM distances between every row of `left` and every row of `right`."""
    a = _states(left)
    b = _states(right)
    return _cross(
        a,
        _lengths(a, left_lengths),
        b,
        _lengths(b, right_lengths),
        costs.substitution,
        costs.indel,
        _chunks(a.shape[0]),
    )


def distance(a: list[int] | np.ndarray, b: list[int] | np.ndarray, costs: OMCosts) -> float:
    """The OM distance between two sequences of possibly different lengths."""
    width = max(len(a), len(b), 1)
    left = np.zeros((1, width), dtype=np.uint8)
    right = np.zeros((1, width), dtype=np.uint8)
    left[0, : len(a)] = a
    right[0, : len(b)] = b
    return float(cross_distances(left, right, costs, np.array([len(a)]), np.array([len(b)]))[0, 0])
