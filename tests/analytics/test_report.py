"""The run's report: suppressed aggregates only, each stating its method and threshold."""

import json

import pytest

from kokeilu.analytics.pipeline import report
from kokeilu.analytics.pipeline.runner import AnalysisParameters, StageTimer, run_analysis

from .conftest import fast_parameters


@pytest.fixture(scope="module")
def result(small_store):
    timer = StageTimer()
    data = run_analysis(small_store, fast_parameters(), timer=timer)
    assert set(timer.seconds) == {"sequences", "features", "groups", "early", "report"}
    return data


def _numbers(table):
    yield from (v for row in table["cells"] for v in row)
    yield from table["row_totals"] or []
    yield from table["column_totals"] or []
    yield table["grand_total"]


@pytest.mark.parametrize("threshold", [5, 11])
def test_every_number_in_every_table_is_zero_or_at_least_k(small_store, threshold):
    data = run_analysis(small_store, fast_parameters(threshold=threshold, method="features"))
    tables = report.all_tables(data)
    assert len(tables) > 5
    for table in tables:
        assert table["threshold"] == threshold
        assert "suppressed" in table["method"]
        assert all(v is None or v == 0 or v >= threshold for v in _numbers(table))
    assert all(group["size"] is None or group["size"] >= threshold for group in data["groups"])
    for item in data["early"]["bins"]:
        assert item["people"] >= threshold
        assert item["members"] == 0 or item["members"] >= threshold


def test_the_report_holds_no_individual_path_and_no_medoid(result):
    people = result["people"]
    assert "person_id" not in json.dumps(result)

    def walk(value):
        # Nothing is a list as long as the population (a row per person), and nothing is keyed as a
        # medoid, a label, a person or a sequence.
        if isinstance(value, list):
            assert len(value) < people
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            assert not {"medoids", "medoid", "labels", "person", "sequences", "states_matrix"} & set(value)
            for item in value.values():
                walk(item)

    walk(result)


def test_the_report_describes_its_groups_and_method(result):
    assert result["grouping"]["k"] == 4
    assert result["grouping"]["method"] == "optimal_matching"
    assert set(result["grouping"]["silhouettes"]) == {"2", "3", "4", "5", "6"}
    assert result["suppression_method"] == report.suppress.METHOD
    group = result["groups"][0]
    assert group["state_distribution"]["row_labels"][0] == "2002 Q1"
    assert len(group["sankey"]["stages"]) == 4
    shares = group["state_shares"]
    assert set(shares) == set(result["states"])
    assert sum(v["share"] for v in shares.values()) <= 1 + 1e-9
    if all(v["complete"] for v in shares.values()):
        assert sum(v["share"] for v in shares.values()) == pytest.approx(1)
    assert group["state_distribution"]["column_totals"] is None
    assert result["early"]["auc"] > 0.5


def test_csv_exports_state_method_and_threshold(result):
    table = result["groups"][0]["state_distribution"]
    text = report.table_csv(table)
    lines = text.splitlines()
    assert lines[0].startswith("# Group 1")
    assert "Method:" in lines[1] and "suppressed" in lines[1]
    assert lines[2] == "# Threshold: k = 5; suppressed cells are empty"
    assert lines[3].startswith(",no_contact,health")
    assert len(lines) == 4 + 60  # a row per period; no column totals (see report.py)


def test_parameters_are_checked():
    from kokeilu.analytics.pipeline.errors import PipelineError

    for bad in ({"method": "magic"}, {"k_min": 1}, {"threshold": 1}, {"horizon_years": 15}, {"costs": "x"}):
        with pytest.raises(PipelineError):
            AnalysisParameters(**bad)
    with pytest.raises(PipelineError):
        _ = AnalysisParameters(resolution="decade").window
    assert AnalysisParameters.from_json(AnalysisParameters().as_json()) == AnalysisParameters()
