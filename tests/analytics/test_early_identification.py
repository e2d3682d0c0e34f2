"""Early identification: honest held-out evaluation, calibration bins without small counts."""

import itertools
from datetime import date

import numpy as np
import polars as pl

from kokeilu.analytics.pipeline import cluster, early, features, om, sequences
from kokeilu.analytics.pipeline.engine import PolarsEngine, Window


def test_the_multi_problem_group_is_predicted_from_the_early_years(small_store):
    window = Window()
    states = sequences.build_sequences(PolarsEngine(), small_store, window).states
    grouping = cluster.om_groups(
        states, range(4, 5), costs=om.transition_rate_costs(states, 7), seed=1, samples=2, sample_size=200
    )
    target = early.multi_problem_group(states, grouping.labels, grouping.k)
    # The multi-problem group is mostly in social care.
    members = states[grouping.labels == target]
    assert np.bincount(members.ravel(), minlength=7).argmax() == 4
    result = early.early_identification(
        states,
        features.birth_dates(small_store),
        window,
        grouping.labels,
        target,
        horizon_years=3,
        threshold=5,
    )
    assert result.auc is not None and result.auc > 0.8
    assert result.train_people + result.test_people == result.eligible_people
    assert abs(result.test_people - 0.3 * result.eligible_people) <= 1
    assert sum(b["people"] for b in result.bins) == result.test_people
    for b in result.bins:
        assert b["people"] >= 5
        assert b["members"] == 0 or b["members"] >= 5
        assert b["people"] - b["members"] == 0 or b["people"] - b["members"] >= 5
    points = early.roc_points(result.bins)
    assert points[0] == (0.0, 0.0) and points[-1] == (1.0, 1.0)
    assert all(b[0] >= a[0] and b[1] >= a[1] for a, b in itertools.pairwise(points))
    assert result.signals and all(len(s["feature"]) >= 1 for s in result.signals)


def test_a_random_target_gives_no_better_than_chance():
    rng = np.random.default_rng(3)
    people, periods = 3_000, 60
    states = rng.integers(0, 7, size=(people, periods)).astype(np.uint8)
    labels = rng.integers(0, 2, size=people)
    births = pl.Series([date(1970, 1, 1)] * people)
    result = early.early_identification(states, births, Window(), labels, 1, threshold=5)
    assert result.auc is not None and abs(result.auc - 0.5) < 0.07


def test_too_few_members_withholds_the_evaluation():
    states = np.zeros((200, 60), dtype=np.uint8)
    labels = np.zeros(200, dtype=np.int64)
    labels[:6] = 1
    result = early.early_identification(
        states, pl.Series([date(1970, 1, 1)] * 200), Window(), labels, 1, threshold=5
    )
    assert result.auc is None and result.bins == [] and result.withheld_reason == "too_few_people"


def test_people_born_late_in_the_window_are_left_out():
    births = pl.Series([date(1970, 1, 1), date(2015, 6, 1)] * 100)
    eligible, matrix = early.early_features(np.zeros((200, 60), dtype=np.uint8), births, Window(), 3)
    assert eligible.tolist() == list(range(0, 200, 2))
    assert matrix.shape == (100, 7 + 42 + 1)
