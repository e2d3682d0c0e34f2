"""Customer groups: PAM, CLARA with optimal matching, k-means on features; recovery of planted groups."""

import time

import numpy as np
import polars as pl
import pytest
from sklearn.metrics import adjusted_rand_score

from kokeilu.analytics.pipeline import cluster, ingest, om, sequences
from kokeilu.analytics.pipeline.engine import PolarsEngine, Window

from .conftest import make_extract


def test_pam_finds_the_centres_of_separated_points():
    points = np.array([0.0, 0.1, 0.2, 10.0, 10.1, 10.3, 20.0, 20.2, 19.9])
    distances = np.abs(points[:, None] - points[None, :])
    medoids = sorted(cluster.pam(distances, 3).tolist())
    assert medoids == [1, 4, 6]


def test_pam_swap_improves_on_build():
    rng = np.random.default_rng(1)
    points = rng.normal(size=(60, 2))
    distances = np.linalg.norm(points[:, None] - points[None, :], axis=2)
    medoids = cluster.pam(distances, 4)
    cost = distances[:, medoids].min(axis=1).sum()
    # No single swap of a medoid for a non-medoid lowers the cost any further.
    for m in range(4):
        for h in set(range(60)) - set(medoids.tolist()):
            trial = medoids.copy()
            trial[m] = h
            assert distances[:, trial].min(axis=1).sum() >= cost - 1e-9


def test_small_groups_are_dissolved_into_the_nearest_other_group():
    labels = np.array([0, 0, 0, 1, 1, 1, 1, 2])
    distances = np.array([[0, 5, 9]] * 3 + [[5, 0, 9]] * 4 + [[7, 3, 0]], dtype=float)
    dissolved, count = cluster._dissolve_small(labels, distances, min_size=2)
    assert count == 1
    assert dissolved.tolist() == [0, 0, 0, 1, 1, 1, 1, 1]


def _planted(store, extract):
    people = pl.read_parquet(store / "people.parquet", columns=["person", "person_id"])
    truth = people.join(extract.truth(), on="person_id").sort("person")
    assert truth.height == people.height
    return truth.get_column("path_type").to_numpy()


def test_both_methods_recover_the_planted_groups_of_a_small_population(small_store, small_extract):
    planted = _planted(small_store, small_extract)
    states = sequences.build_sequences(PolarsEngine(), small_store, Window()).states
    grouping = cluster.om_groups(
        states,
        range(2, 7),
        costs=om.transition_rate_costs(states, 7),
        seed=1,
        samples=3,
        sample_size=250,
        min_group_size=5,
    )
    assert grouping.k == 4
    assert adjusted_rand_score(planted, grouping.labels) >= 0.8
    assert max(grouping.silhouettes, key=grouping.silhouettes.get) == 4
    by_features = cluster.feature_groups(
        cluster.time_in_state_profile(states), range(2, 7), seed=1, min_group_size=5
    )
    assert by_features.k == 4
    assert adjusted_rand_score(planted, by_features.labels) >= 0.8
    sizes = np.bincount(grouping.labels)
    assert list(sizes) == sorted(sizes, reverse=True)


def test_recovery_at_20000_people(tmp_path, capsys):
    """The acceptance case of issue 5: ARI ≥ 0.8 at 20,000 people, with the number of groups chosen by
    silhouette. About 15 s of the suite; the timings are printed (run with -s to see them)."""
    started = time.perf_counter()
    extract = make_extract(tmp_path, 20_000, seed=5, encrypt=False)
    store = tmp_path / "store"
    ingest.ingest_extract(extract_dir=extract.transfer, store_dir=store)
    planted = _planted(store, extract)
    states = sequences.build_sequences(PolarsEngine(), store, Window()).states
    prepared = time.perf_counter()
    by_om = cluster.om_groups(
        states, range(2, 9), costs=om.transition_rate_costs(states, 7), seed=1, min_group_size=5
    )
    om_done = time.perf_counter()
    by_features = cluster.feature_groups(
        cluster.time_in_state_profile(states), range(2, 9), seed=1, min_group_size=5
    )
    done = time.perf_counter()
    om_ari = adjusted_rand_score(planted, by_om.labels)
    feature_ari = adjusted_rand_score(planted, by_features.labels)
    with capsys.disabled():
        print(
            f"\n20,000 people: data {prepared - started:.1f} s, OM/CLARA {om_done - prepared:.1f} s "
            f"(k={by_om.k}, ARI {om_ari:.3f}), "
            f"features {done - om_done:.1f} s (k={by_features.k}, ARI {feature_ari:.3f})"
        )
    assert by_om.k == 4 and om_ari >= 0.8
    assert by_features.k == 4 and feature_ari >= 0.8


def test_pam_needs_a_sensible_k():
    with pytest.raises(ValueError):
        cluster.pam(np.zeros((3, 3)), 4)
