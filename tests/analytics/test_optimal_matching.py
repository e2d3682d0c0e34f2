"""Optimal matching: hand-computed distances, TraMineR's cost definitions, and a reference implementation."""

import itertools

import numpy as np
import pytest

from kokeilu.analytics.pipeline import om

A, B, C = 0, 1, 2
CONSTANT = om.constant_costs(3)  # substitution 2, indel 1


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([A, A, A], [A, A, A], 0.0),
        ([A, B], [B, A], 2.0),  # one deletion and one insertion (1 + 1) beat two substitutions (2 + 2)
        ([A, A, A], [A, A, B], 2.0),  # one substitution (2) ties with a deletion and an insertion
        ([A, B, C], [A, C], 1.0),  # one deletion
        ([], [B, C], 2.0),  # two insertions
        ([A, B, C, A], [B, C, A, B], 2.0),  # delete the leading A, insert a trailing B
        ([A, A, B, B], [B, B, A, A], 4.0),  # shift by two: two deletions and two insertions
        ([A, B, A, B, A, B], [B, A, B, A, B, A], 2.0),
    ],
)
def test_distances_agree_with_hand_computed_cases(a, b, expected):
    assert om.distance(a, b, CONSTANT) == expected
    assert om.distance(b, a, CONSTANT) == expected


def test_substitution_cheaper_than_two_indels_is_used():
    costs = om.OMCosts(np.array([[0, 1.5, 2], [1.5, 0, 2], [2, 2, 0]]), np.full(3, 1.0), "test")
    assert om.distance([A, A, A], [A, B, A], costs) == 1.5
    assert om.distance([A, C, A], [A, B, A], costs) == 2.0


def test_state_dependent_indel_costs_charge_the_state_inserted_or_deleted():
    costs = om.OMCosts(np.full((3, 3), 10.0) - 10 * np.eye(3), np.array([1.0, 3.0, 0.5]), "test")
    assert om.distance([A, B], [A], costs) == 3.0  # delete B
    assert om.distance([A], [A, C], costs) == 0.5  # insert C
    assert om.distance([B], [C], costs) == 3.5  # cheaper than substituting (10)


def test_transition_rate_costs_follow_traminer():
    sequences = np.array([[0, 0, 1, 1], [0, 1, 1, 2], [2, 2, 0, 0]], dtype=np.uint8)
    costs = om.transition_rate_costs(sequences, 3)
    # Transitions from 0: 0→0 twice, 0→1 twice; from 1: 1→1 twice, 1→2 once; from 2: 2→2 once, 2→0 once.
    p = np.array([[2 / 4, 2 / 4, 0], [0, 2 / 3, 1 / 3], [1 / 2, 0, 1 / 2]])
    expected = 2 - p - p.T
    np.fill_diagonal(expected, 0)
    assert np.allclose(costs.substitution, expected)
    assert np.allclose(costs.indel, expected.max() / 2)


def _reference(a, b, costs):
    """The textbook dynamic programme, in plain Python."""
    d = [[0.0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        d[i][0] = d[i - 1][0] + costs.indel[a[i - 1]]
    for j in range(1, len(b) + 1):
        d[0][j] = d[0][j - 1] + costs.indel[b[j - 1]]
    for i, j in itertools.product(range(1, len(a) + 1), range(1, len(b) + 1)):
        d[i][j] = min(
            d[i - 1][j - 1] + costs.substitution[a[i - 1], b[j - 1]],
            d[i - 1][j] + costs.indel[a[i - 1]],
            d[i][j - 1] + costs.indel[b[j - 1]],
        )
    return d[len(a)][len(b)]


def test_the_parallel_matrices_equal_the_reference_programme():
    rng = np.random.default_rng(5)
    sequences = rng.integers(0, 4, size=(23, 9)).astype(np.uint8)
    costs = om.transition_rate_costs(sequences, 4)
    matrix = om.pairwise_distances(sequences, costs)
    for i, j in itertools.combinations(range(len(sequences)), 2):
        assert matrix[i, j] == pytest.approx(_reference(list(sequences[i]), list(sequences[j]), costs))
        assert matrix[j, i] == matrix[i, j]
    assert np.all(np.diag(matrix) == 0)
    cross = om.cross_distances(sequences[:5], sequences[5:], costs)
    assert np.allclose(cross, matrix[:5, 5:])
