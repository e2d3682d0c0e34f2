"""Sequences and features from a hand-made store, checked value by value."""

from datetime import date

import numpy as np
import polars as pl
import pytest

from kokeilu.analytics.pipeline import codes, features, ingest, sequences
from kokeilu.analytics.pipeline.engine import PolarsEngine, Window

N, H, E, W, S, M, C = range(
    7
)  # state numbers: no contact, health, ECEC, employment, social, mental, child welfare


@pytest.fixture
def store(tmp_path):
    """Three people over a two-year window: events chosen so every feature has a known value."""
    people = pl.DataFrame(
        {
            "person": pl.Series([0, 1, 2], dtype=pl.Int32),
            "person_id": ["a" * 32, "b" * 32, "c" * 32],
            "birth_date": [date(1980, 1, 1), date(2000, 7, 1), date(2002, 9, 1)],
            "home_area": ["Tapiola"] * 3,
        }
    )
    rows = [
        # person 0: health in Q1 2002, social care and health in Q2 (social wins), then mental health.
        (0, date(2002, 1, 15), "TH01"),
        (0, date(2002, 4, 2), "TH02"),
        (0, date(2002, 5, 2), "SO01"),
        (0, date(2002, 5, 9), "SO02"),
        (0, date(2003, 10, 1), "MT01"),
        (0, date(2001, 12, 31), "TH01"),  # before the window: ignored
        (0, date(2004, 1, 1), "TH01"),  # after the window: ignored
        # person 1: child welfare Q1, ECEC Q2, child welfare again Q3 and Q4 of 2002.
        (1, date(2002, 2, 1), "LS03"),
        (1, date(2002, 6, 1), "VK01"),
        (1, date(2002, 7, 1), "LS04"),
        (1, date(2002, 10, 1), "LS04"),
        (1, date(2002, 10, 2), "VK01"),
        # person 2: no contact at all in the window.
    ]
    events = ingest.with_derived_columns(
        pl.DataFrame(
            {
                "person": pl.Series([r[0] for r in rows], dtype=pl.Int32),
                "event_date": [r[1] for r in rows],
                "service_code": [r[2] for r in rows],
                "unit": ["x"] * len(rows),
            }
        )
    )
    people.write_parquet(tmp_path / "people.parquet")
    events.write_parquet(tmp_path / "events.parquet")
    return tmp_path


WINDOW = Window(start=date(2002, 1, 1), years=2, resolution="quarter")


def test_the_state_of_a_period_is_its_highest_ranked_sector(store):
    seq = sequences.build_sequences(PolarsEngine(), store, WINDOW)
    assert seq.states.tolist() == [
        [H, S, N, N, N, N, N, M],
        [C, E, C, C, N, N, N, N],
        [N] * 8,
    ]
    assert WINDOW.period_labels()[:2] == ["2002 Q1", "2002 Q2"]


@pytest.mark.parametrize(
    ("resolution", "expected"),
    [
        ("year", [[S, M], [C, N], [N, N]]),
        (
            "month",
            [[H, N, N, H, S] + [N] * 16 + [M, N, N], [N, C, N, N, N, E, C, N, N, C] + [N] * 14, [N] * 24],
        ),
    ],
)
def test_every_resolution(store, resolution, expected):
    seq = sequences.build_sequences(
        PolarsEngine(), store, Window(start=date(2002, 1, 1), years=2, resolution=resolution)
    )
    assert seq.states.tolist() == expected


def test_features_have_the_hand_computed_values(store):
    engine = PolarsEngine()
    seq = sequences.build_sequences(engine, store, WINDOW)
    table = features.compute_features(
        seq, features.sector_use(engine, store, WINDOW), features.birth_dates(store)
    )
    rows = table.frame.rows(named=True)
    first, second, third = rows
    assert first["periods_no_contact"] == 5
    assert first["periods_health"] == 1 and first["periods_social_care"] == 1
    assert first["periods_mental_health_substance"] == 1
    assert first["transitions_health_to_social_care"] == 1
    assert first["transitions_social_care_to_no_contact"] == 1
    assert first["transitions_no_contact_to_mental_health_substance"] == 1
    assert sum(v for k, v in first.items() if k.startswith("transitions_")) == 3
    assert first["events_health"] == 2 and first["events_social_care"] == 2
    assert first["events_mental_health_substance"] == 1
    assert first["age_at_start"] == pytest.approx(22.0, abs=0.01)
    assert first["first_contact_age_health"] == pytest.approx(
        (date(2002, 1, 15) - date(1980, 1, 1)).days / 365.25
    )
    assert first["first_contact_age_child_welfare"] is None
    assert second["periods_child_welfare"] == 3
    assert second["transitions_child_welfare_to_early_childhood_education"] == 1
    assert second["transitions_early_childhood_education_to_child_welfare"] == 1
    assert second["events_early_childhood_education"] == 2 and second["events_child_welfare"] == 3
    assert second["first_contact_age_child_welfare"] == pytest.approx(
        (date(2002, 2, 1) - date(2000, 7, 1)).days / 365.25
    )
    assert third["periods_no_contact"] == 8
    assert third["age_at_start"] < 0
    assert all(third[f"events_{sector}"] == 0 for sector in codes.SECTORS)


def test_the_store_derives_month_and_state_once():
    events = ingest.with_derived_columns(
        pl.DataFrame({"event_date": [date(1900, 1, 1), date(2002, 4, 2)], "service_code": ["TH01", "LS03"]})
    )
    assert events.get_column("month").to_list() == [0, 102 * 12 + 3]
    assert events.get_column("state").to_list() == [H, C]


def test_runs_give_time_in_state_and_transitions():
    states = np.array([[H, H, S, S, N, M], [C, C, C, C, C, C]], dtype=np.uint8)
    in_state = features.time_in_state(states)
    assert in_state.tolist() == [[1, 2, 0, 0, 2, 1, 0], [0, 0, 0, 0, 0, 0, 6]]
    transitions = features.transition_counts(states)
    assert (
        transitions[0, H * 7 + S] == 1 and transitions[0, S * 7 + N] == 1 and transitions[0, N * 7 + M] == 1
    )
    assert transitions.sum() == 3


def test_ngrams_count_distinct_successive_states():
    states = np.array([[H, H, S, S, N, M], [C, E, C, C, N, N], [N, N, N, N, N, N]], dtype=np.uint8)
    grams, counts = features.ngram_counts(states, length=3, top=10)
    by_gram = {gram: counts[:, i].tolist() for i, gram in enumerate(grams)}
    # Person 0 collapses to H S N M, person 1 to C E C N, person 2 to N.
    assert set(by_gram) == {(H, S, N), (S, N, M), (C, E, C), (E, C, N)}
    assert by_gram[(H, S, N)] == [1, 0, 0]
    assert by_gram[(E, C, N)] == [0, 1, 0]
