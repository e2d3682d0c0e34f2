"""Customer groups: fast feature-based clustering for everyone, and optimal matching with CLARA.

Feature-based: each person's time-in-state profile (the share of the window's periods spent in each state)
is clustered with MiniBatchKMeans for each candidate number of groups; the average silhouette on a sample
picks the number. Shares are on one scale already, so they are not standardised: standardising would
give rare states (child welfare) the weight of common ones and blur the groups.

Sequence-based (CLARA, Kaufman & Rousseeuw): several random samples of people; for each, the OM distance
matrix and PAM (k-medoids: BUILD, then SWAP until no swap lowers the total distance) for each candidate
number of groups. Each sample's medoids are scored by the total distance of an evaluation sample to its
nearest medoid, and the best set per number of groups is kept; the average silhouette (on the first
sample's distance matrix) picks the number. Everyone is then assigned to the nearest medoid.

Either way, groups smaller than `min_group_size` are dissolved into their members' next-nearest group, so
that every group can be shown under the small-cell threshold, and groups are numbered by size, largest
first. Medoids are people: they are used for assignment only and never leave this module's caller.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numba
import numpy as np
from sklearn.cluster import MiniBatchKMeans
from sklearn.metrics import silhouette_score

from . import om
from .features import time_in_state

SILHOUETTE_SAMPLE = 5_000
ASSIGN_BATCH = 50_000


@dataclass
class Grouping:
    labels: np.ndarray  # (people,) group number 0..k-1, largest group first
    k: int
    method: str
    silhouettes: dict[int, float]
    details: dict[str, object] = field(default_factory=dict)
    dissolved_groups: int = 0


def time_in_state_profile(states: np.ndarray) -> np.ndarray:
    """(people, states): the share of the periods each person spent in each state."""
    return time_in_state(states) / states.shape[1]


def _renumber_by_size(labels: np.ndarray, k: int) -> np.ndarray:
    sizes = np.bincount(labels, minlength=k)
    order = np.lexsort((np.arange(k), -sizes))
    new_number = np.empty(k, dtype=np.int64)
    new_number[order] = np.arange(k)
    return new_number[labels]


def _dissolve_small(labels: np.ndarray, distances: np.ndarray, min_size: int) -> tuple[np.ndarray, int]:
    """Move members of groups smaller than min_size to their nearest remaining group.

    `distances` is (people, k): each person's distance to each group's centre or medoid.
    """
    k = distances.shape[1]
    alive = np.ones(k, dtype=bool)
    dissolved = 0
    while True:
        sizes = np.bincount(labels, minlength=k)
        small = [g for g in range(k) if alive[g] and 0 < sizes[g] < min_size]
        empty = [g for g in range(k) if alive[g] and sizes[g] == 0]
        for g in empty:
            alive[g] = False
        if not small or alive.sum() <= 1:
            break
        smallest = min(small, key=lambda g: (sizes[g], g))
        alive[smallest] = False
        dissolved += 1
        masked = np.where(alive[None, :], distances, np.inf)
        labels = np.argmin(masked, axis=1)
    kept = np.flatnonzero(alive)
    remap = np.full(k, -1, dtype=np.int64)
    remap[kept] = np.arange(kept.size)
    return remap[labels], dissolved


def feature_groups(
    matrix: np.ndarray,
    k_values: Sequence[int],
    *,
    seed: int,
    min_group_size: int = 1,
    progress: Callable[[float], None] | None = None,
) -> Grouping:
    """MiniBatchKMeans on the feature matrix for each k; the k with the best average silhouette wins."""
    scaled = np.nan_to_num(matrix.astype(np.float64))
    rng = np.random.default_rng(seed)
    sample = rng.choice(scaled.shape[0], size=min(SILHOUETTE_SAMPLE, scaled.shape[0]), replace=False)
    silhouettes: dict[int, float] = {}
    models: dict[int, MiniBatchKMeans] = {}
    for step, k in enumerate(k_values):
        model = MiniBatchKMeans(
            n_clusters=k, random_state=seed, n_init=3, batch_size=8192, max_no_improvement=20
        )
        model.fit(scaled)
        labels = model.predict(scaled[sample])
        silhouettes[k] = float(silhouette_score(scaled[sample], labels)) if len(set(labels)) > 1 else -1.0
        models[k] = model
        if progress is not None:
            progress((step + 1) / (len(k_values) + 1))
    best_k = max(silhouettes, key=lambda k: (silhouettes[k], -k))
    model = models[best_k]
    distances = model.transform(scaled)
    labels = np.argmin(distances, axis=1)
    labels, dissolved = _dissolve_small(labels, distances, min_group_size)
    k = int(labels.max()) + 1
    if progress is not None:
        progress(1.0)
    return Grouping(
        labels=_renumber_by_size(labels, k),
        k=k,
        method="features",
        silhouettes=silhouettes,
        details={"algorithm": "MiniBatchKMeans on the time-in-state profile", "chosen_k": best_k},
        dissolved_groups=dissolved,
    )


@numba.njit(cache=True)
def _pam(distances, k, max_iterations):  # type: ignore[no-untyped-def]
    """PAM on a distance matrix: BUILD then SWAP; returns the medoid indices."""
    n = distances.shape[0]
    medoids = np.empty(k, dtype=np.int64)
    nearest = np.full(n, np.inf)
    is_medoid = np.zeros(n, dtype=np.bool_)
    for m in range(k):
        best_gain = -1.0
        best = -1
        for candidate in range(n):
            if is_medoid[candidate]:
                continue
            gain = 0.0
            for j in range(n):
                d = distances[candidate, j]
                if m == 0:
                    gain -= d
                elif d < nearest[j]:
                    gain += nearest[j] - d
            if best == -1 or gain > best_gain:
                best_gain = gain
                best = candidate
        medoids[m] = best
        is_medoid[best] = True
        for j in range(n):
            if distances[best, j] < nearest[j]:
                nearest[j] = distances[best, j]
    for _ in range(max_iterations):
        # Nearest and second-nearest medoid distance of every point.
        first = np.full(n, np.inf)
        second = np.full(n, np.inf)
        first_of = np.zeros(n, dtype=np.int64)
        for j in range(n):
            for m in range(k):
                d = distances[medoids[m], j]
                if d < first[j]:
                    second[j] = first[j]
                    first[j] = d
                    first_of[j] = m
                elif d < second[j]:
                    second[j] = d
        best_change = 0.0
        best_m = -1
        best_h = -1
        for h in range(n):
            if is_medoid[h]:
                continue
            for m in range(k):
                change = 0.0
                for j in range(n):
                    d_h = distances[h, j]
                    if first_of[j] == m:
                        change += min(d_h, second[j]) - first[j]
                    elif d_h < first[j]:
                        change += d_h - first[j]
                if change < best_change - 1e-12:
                    best_change = change
                    best_m = m
                    best_h = h
        if best_m < 0:
            break
        is_medoid[medoids[best_m]] = False
        medoids[best_m] = best_h
        is_medoid[best_h] = True
    return medoids


def pam(distances: np.ndarray, k: int, max_iterations: int = 100) -> np.ndarray:
    """Indices of k medoids of the points whose pairwise distances are given."""
    if not 1 <= k <= distances.shape[0]:
        raise ValueError("k must be between 1 and the number of points")
    return _pam(np.ascontiguousarray(distances, dtype=np.float64), k, max_iterations)


def nearest_medoid(
    sequences: np.ndarray, medoid_sequences: np.ndarray, costs: om.OMCosts
) -> tuple[np.ndarray, np.ndarray]:
    distances = om.cross_distances(sequences, medoid_sequences, costs)
    return np.argmin(distances, axis=1), distances


def om_groups(
    sequences: np.ndarray,
    k_values: Sequence[int],
    *,
    costs: om.OMCosts,
    seed: int,
    samples: int = 5,
    sample_size: int = 400,
    evaluation_size: int = 2_000,
    min_group_size: int = 1,
    progress: Callable[[float], None] | None = None,
) -> Grouping:
    """CLARA with optimal-matching distances: PAM on samples, everyone assigned to the nearest medoid."""
    people = sequences.shape[0]
    rng = np.random.default_rng(seed)
    evaluation = sequences[rng.choice(people, size=min(evaluation_size, people), replace=False)]
    best: dict[int, tuple[float, np.ndarray]] = {}
    first_sample: np.ndarray | None = None
    first_distances: np.ndarray | None = None
    steps = samples + 1
    for s in range(samples):
        index = rng.choice(people, size=min(sample_size, people), replace=False)
        distances = om.pairwise_distances(sequences[index], costs)
        if first_sample is None:
            first_sample, first_distances = index, distances
        for k in k_values:
            if k > index.size:
                continue
            medoids = index[pam(distances, k)]
            cost = float(om.cross_distances(evaluation, sequences[medoids], costs).min(axis=1).sum())
            if k not in best or cost < best[k][0]:
                best[k] = (cost, medoids)
        if progress is not None:
            progress((s + 1) / steps)
    assert first_sample is not None and first_distances is not None
    silhouettes: dict[int, float] = {}
    for k, (_, medoids) in best.items():
        labels = np.argmin(om.cross_distances(sequences[first_sample], sequences[medoids], costs), axis=1)
        silhouettes[k] = (
            float(silhouette_score(first_distances, labels, metric="precomputed"))
            if len(set(labels)) > 1
            else -1.0
        )
    best_k = max(silhouettes, key=lambda k: (silhouettes[k], -k))
    medoids = best[best_k][1]
    labels = np.empty(people, dtype=np.int64)
    distances = np.empty((people, medoids.size))
    for start in range(0, people, ASSIGN_BATCH):
        stop = min(people, start + ASSIGN_BATCH)
        labels[start:stop], distances[start:stop] = nearest_medoid(
            sequences[start:stop], sequences[medoids], costs
        )
        if progress is not None:
            progress((samples + stop / people) / steps)
    labels, dissolved = _dissolve_small(labels, distances, min_group_size)
    k = int(labels.max()) + 1
    return Grouping(
        labels=_renumber_by_size(labels, k),
        k=k,
        method="optimal_matching",
        silhouettes=silhouettes,
        details={
            "algorithm": "CLARA: PAM on optimal-matching distances of samples, all to the nearest medoid",
            "costs": costs.method,
            "samples": samples,
            "sample_size": int(min(sample_size, people)),
            "evaluation_size": int(evaluation.shape[0]),
            "chosen_k": best_k,
        },
        dissolved_groups=dissolved,
    )
