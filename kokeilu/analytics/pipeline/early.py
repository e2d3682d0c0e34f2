"""Early identification: from the first years of a person's path, the probability of ending in a group.

The early path is the first `horizon_years` of each person's path in the window (from the window's start,
or from birth for people born during it); people whose path in the window is shorter are left out. Its
features are the periods spent in each state, the transitions between states and the age at its start.
A logistic regression on standardised features is fitted on a random 70 % of the people and evaluated
on the other 30 %, who played no part in fitting: ROC AUC, and a calibration table of predicted against
observed shares.

Calibration bins start as deciles of the predicted probability and are merged with their neighbours until
each holds at least k people with, among them, either no or at least k members and either no or at least
k non-members of the group, so the table and the ROC points drawn from it show no small cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import polars as pl
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

from . import codes
from .engine import Window
from .features import STATE_COUNT, path_counts

INITIAL_BINS = 10
SIGNALS_LISTED = 8


@dataclass
class EarlyResult:
    target_group: int
    horizon_years: int
    eligible_people: int
    train_people: int
    test_people: int
    test_members: int | None
    auc: float | None
    bins: list[dict[str, float | int]] = field(default_factory=list)
    signals: list[dict[str, object]] = field(default_factory=list)
    withheld_reason: str = ""


def multi_problem_group(states: np.ndarray, labels: np.ndarray, k: int) -> int:
    """The group whose members used the most different sectors besides health care, on average."""
    used = np.zeros((states.shape[0], STATE_COUNT), dtype=bool)
    used[np.repeat(np.arange(states.shape[0]), states.shape[1]), states.ravel()] = True
    health = codes.STATE_NUMBER["health"]
    breadth = used[:, 1:].sum(axis=1) - used[:, health]
    means = [float(breadth[labels == g].mean()) if np.any(labels == g) else -1.0 for g in range(k)]
    return int(np.argmax(means))


def _feature_names() -> list[tuple[str, ...]]:
    names: list[tuple[str, ...]] = [("periods", state) for state in codes.STATES]
    for a in range(STATE_COUNT):
        for b in range(STATE_COUNT):
            if a != b:
                names.append(("transitions", codes.STATES[a], codes.STATES[b]))
    names.append(("age_at_start",))
    return names


def early_features(
    states: np.ndarray, birth_dates: pl.Series, window: Window, horizon_years: int
) -> tuple[np.ndarray, np.ndarray]:
    """(eligible person indices, their early-path feature matrix)."""
    horizon = horizon_years * window.periods_per_year
    birth = birth_dates.to_numpy().astype("datetime64[M]").astype(np.int64)
    start_month = (window.start.year - 1970) * 12 + window.start.month - 1
    start = np.maximum(0, (birth - start_month) // window.months_per_period)
    eligible = np.flatnonzero(start + horizon <= window.periods)
    offsets = start[eligible][:, None] + np.arange(horizon)[None, :]
    early = states[eligible[:, None], offsets]
    counts = path_counts(early)
    off_diagonal = [a * STATE_COUNT + b for a in range(STATE_COUNT) for b in range(STATE_COUNT) if a != b]
    start_days = (window.start - date(1970, 1, 1)).days
    birth_days = birth_dates.cast(pl.Int32).to_numpy()[eligible].astype(np.float64)
    age = (start_days - birth_days) / 365.25 + start[eligible] / window.periods_per_year
    matrix = np.column_stack([counts.in_state, counts.changes[:, off_diagonal], age]).astype(np.float64)
    return eligible, matrix


def _merged_bins(scores: np.ndarray, members: np.ndarray, threshold: int) -> list[dict[str, float | int]]:
    edges = np.unique(np.quantile(scores, np.linspace(0, 1, INITIAL_BINS + 1)))
    which = np.clip(np.searchsorted(edges, scores, side="right") - 1, 0, max(len(edges) - 2, 0))
    raw = []
    for b in range(max(len(edges) - 1, 1)):
        mask = which == b
        if mask.any():
            raw.append(
                (mask.sum(), members[mask].sum(), scores[mask].sum(), scores[mask].min(), scores[mask].max())
            )

    def safe(n: int, positives: int) -> bool:
        negatives = n - positives
        return (
            n >= threshold
            and (positives == 0 or positives >= threshold)
            and (negatives == 0 or negatives >= threshold)
        )

    def combine(a: list[float], b: list[float]) -> list[float]:
        return [a[0] + b[0], a[1] + b[1], a[2] + b[2], min(a[3], b[3]), max(a[4], b[4])]

    empty = [0.0, 0.0, 0.0, np.inf, -np.inf]
    merged: list[list[float]] = []
    current = list(empty)
    for n, positives, total, low, high in raw:
        current = combine(current, [n, positives, total, low, high])
        if safe(int(current[0]), int(current[1])):
            merged.append(current)
            current = list(empty)
    if current[0]:
        if merged:
            current = combine(merged.pop(), current)
        if not safe(int(current[0]), int(current[1])):
            return []
        merged.append(current)
    return [
        {
            "people": int(n),
            "members": int(positives),
            "mean_predicted": float(total / n),
            "observed": float(positives / n),
            "score_low": float(low),
            "score_high": float(high),
        }
        for n, positives, total, low, high in merged
    ]


def early_identification(
    states: np.ndarray,
    birth_dates: pl.Series,
    window: Window,
    labels: np.ndarray,
    target_group: int,
    *,
    horizon_years: int = 3,
    seed: int = 0,
    threshold: int = 5,
    test_share: float = 0.3,
) -> EarlyResult:
    """Fit on 70 %, evaluate on the held-out 30 %: AUC, calibration bins, the most informative signals."""
    eligible, matrix = early_features(states, birth_dates, window, horizon_years)
    target = (labels[eligible] == target_group).astype(np.int64)
    result = EarlyResult(
        target_group=target_group,
        horizon_years=horizon_years,
        eligible_people=int(eligible.size),
        train_people=0,
        test_people=0,
        test_members=None,
        auc=None,
    )
    members_total = int(target.sum())
    if eligible.size < 4 * threshold or min(members_total, target.size - members_total) < 2 * threshold:
        result.withheld_reason = "too_few_people"
        return result
    order = np.random.default_rng(seed).permutation(eligible.size)
    test_count = round(test_share * eligible.size)
    test, train = order[:test_count], order[test_count:]
    if len(set(target[train])) < 2 or len(set(target[test])) < 2:
        result.withheld_reason = "one_class_only"
        return result
    scaler = StandardScaler().fit(matrix[train])
    model = LogisticRegression(max_iter=2000).fit(scaler.transform(matrix[train]), target[train])
    scores = model.predict_proba(scaler.transform(matrix[test]))[:, 1]
    result.train_people = int(train.size)
    result.test_people = int(test.size)
    members = int(target[test].sum())
    result.test_members = members if members >= threshold and test.size - members >= threshold else None
    result.auc = float(roc_auc_score(target[test], scores))
    result.bins = _merged_bins(scores, target[test], threshold)
    names = _feature_names()
    coefficients = model.coef_[0]
    for index in np.argsort(-np.abs(coefficients))[:SIGNALS_LISTED]:
        result.signals.append({"feature": list(names[index]), "coefficient": float(coefficients[index])})
    return result


def roc_points(bins: list[dict[str, float | int]]) -> list[tuple[float, float]]:
    """ROC points (false-positive rate, true-positive rate) at the bin boundaries, highest scores first."""
    members = sum(int(b["members"]) for b in bins)
    others = sum(int(b["people"]) - int(b["members"]) for b in bins)
    points = [(0.0, 0.0)]
    true_positives = false_positives = 0
    for b in sorted(bins, key=lambda item: -float(item["score_low"])):
        true_positives += int(b["members"])
        false_positives += int(b["people"]) - int(b["members"])
        points.append(
            (false_positives / others if others else 0.0, true_positives / members if members else 0.0)
        )
    return points
