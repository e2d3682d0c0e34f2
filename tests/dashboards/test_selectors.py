"""The dashboard's numbers for the hand-built programme in conftest.py, asserted exactly, on SQLite (the
Python quartiles) and on PostgreSQL (percentile_cont)."""

from decimal import Decimal

import pytest
from django.db import connection

from kokeilu.dashboards.numbers import DecisionTime, compute_dashboard
from kokeilu.dashboards.selectors import (
    DashboardFilters,
    adopted_experiment_ids,
    dashboard_call_choices,
    dashboard_city_get,
    dashboard_city_list,
    dashboard_data,
    dashboard_data_version,
)
from kokeilu.funding.models import SpendLine
from tests.factories import ExperimentFactory, SubmittedProposalFactory

pytestmark = pytest.mark.django_db


def _filters(programme, **kwargs):
    return DashboardFilters(programme.year_b - 9, programme.year_b, **kwargs)


def _data(city, programme, **kwargs):
    return dashboard_data(city_id=city.pk, filters=_filters(programme, **kwargs))


def _funnel(data):
    return [(stage.key, stage.count) for stage in data.funnel]


def test_funnel_counts(city, programme):
    assert _funnel(_data(city, programme)) == [
        ("needs", 3),
        ("calls", 2),
        ("proposals", 6),
        ("selected", 3),
        ("running", 1),
        ("completed", 1),
        ("adopted", 0),
    ]


def test_time_from_submission_to_decision_overall_per_call_and_per_year(city, programme):
    data = _data(city, programme)
    # Waits of 5, 7, 10, 20 and 40 days; quartiles interpolated as percentile_cont does.
    assert data.decision_time == DecisionTime(5, 7.0, 10.0, 20.0)
    by_call = {row.slug: row.decision_time for row in data.calls}
    assert by_call == {
        "call-two": DecisionTime(2, 5.5, 6.0, 6.5),
        "call-one": DecisionTime(3, 15.0, 20.0, 30.0),
    }
    by_year = {row.year: row.decision_time for row in data.years}
    assert by_year[programme.year_a] == DecisionTime(3, 15.0, 20.0, 30.0)
    assert by_year[programme.year_b] == DecisionTime(2, 5.5, 6.0, 6.5)
    assert by_year[programme.year_b - 5] == DecisionTime()


def test_granted_against_spent_per_year_and_per_call(city, programme):
    data = _data(city, programme)
    assert (data.granted, data.spent) == (Decimal("25000.00"), Decimal("5300.25"))
    by_year = {row.year: (row.granted, row.spent) for row in data.years}
    assert by_year[programme.year_a] == (Decimal("10000.00"), Decimal("4000.25"))
    assert by_year[programme.year_b] == (Decimal("15000.00"), Decimal("1300.00"))
    by_call = {row.slug: (row.granted, row.spent, row.experiments) for row in data.calls}
    assert by_call == {
        "call-one": (Decimal("10000.00"), Decimal("4000.25"), 1),
        "call-two": (Decimal("13000.00"), Decimal("1000.00"), 2),
    }


def test_money_is_in_cents_on_every_database(city, programme):
    # SQLite adds decimals as floating point: without rounding, 0.10 + 0.20 comes back with 15 digits.
    experiment = SpendLine.objects.filter(experiment__city=city).first().experiment
    for amount in ("0.10", "0.20", "1234.56"):
        SpendLine.objects.create(
            experiment=experiment,
            spent_on=experiment.starts_on,
            purpose="Tarvikkeet",
            amount=Decimal(amount),
            recorded_by=experiment.created_by,
        )
    data = _data(city, programme)
    amounts = [data.granted, data.spent]
    for row in [*data.years, *data.calls, *data.units]:
        amounts.extend([row.granted, row.spent])
    assert {amount.as_tuple().exponent for amount in amounts} == {-2}
    assert data.spent == Decimal("5300.25") + Decimal("1234.86")


def test_rows_per_year_cover_the_range_and_count_in_the_right_year(city, programme):
    data = _data(city, programme)
    assert [row.year for row in data.years] == list(range(programme.year_b - 9, programme.year_b + 1))
    a = next(row for row in data.years if row.year == programme.year_a)
    b = next(row for row in data.years if row.year == programme.year_b)
    # Call 1 opens at 00:30 on 1 January in Helsinki (still the previous year in UTC): it counts in A.
    assert (a.needs, a.calls, a.proposals, a.selected, a.experiments, a.running, a.completed) == (
        1, 1, 4, 1, 1, 0, 1,
    )  # fmt: skip
    assert (b.needs, b.calls, b.proposals, b.selected, b.experiments, b.running, b.completed) == (
        2, 1, 2, 2, 3, 1, 0,
    )  # fmt: skip


def test_per_call_rows(city, programme):
    rows = {row.slug: row for row in _data(city, programme).calls}
    assert list(rows) == ["call-two", "call-one"]  # newest first
    one, two = rows["call-one"], rows["call-two"]
    assert (one.year, one.needs, one.proposals, one.selected, one.completed) == (programme.year_a, 2, 4, 1, 1)
    assert (two.year, two.needs, two.proposals, two.selected, two.running) == (programme.year_b, 0, 2, 2, 1)


def test_participation_by_organisation_kind_and_unit(city, programme, city_unit):
    data = _data(city, programme)
    kinds = {row.kind: (row.proposals, row.selected) for row in data.kinds}
    assert kinds == {
        "company": (3, 2),
        "association": (1, 0),
        "school": (1, 0),
        "research": (0, 0),
        "resident": (1, 1),
        "city_staff": (0, 0),
    }
    units = [(row.unit, row.experiments, row.granted, row.spent) for row in data.units]
    assert units == [
        (city_unit.name, 2, Decimal("12000.00"), Decimal("4300.25")),
        ("", 2, Decimal("13000.00"), Decimal("1000.00")),
    ]


def test_the_call_filter_narrows_every_stage_to_the_call(city, programme):
    data = _data(city, programme, call_id=programme.call_1.pk, call_slug="call-one")
    assert _funnel(data) == [
        ("needs", 2),
        ("calls", 1),
        ("proposals", 4),
        ("selected", 1),
        ("running", 0),
        ("completed", 1),
        ("adopted", 0),
    ]
    assert data.decision_time == DecisionTime(3, 15.0, 20.0, 30.0)
    assert (data.granted, data.spent) == (Decimal("10000.00"), Decimal("4000.25"))
    # The years are those of the call's own items: its round (A) and a need it answers written in B.
    assert [(row.year, row.needs, row.proposals) for row in data.years] == [
        (programme.year_a, 1, 4),
        (programme.year_b, 1, 0),
    ]


def test_the_year_range_leaves_out_other_years(city, programme):
    data = dashboard_data(city_id=city.pk, filters=DashboardFilters(programme.year_b, programme.year_b))
    assert _funnel(data)[:4] == [("needs", 2), ("calls", 1), ("proposals", 2), ("selected", 2)]
    assert (data.granted, data.spent) == (Decimal("15000.00"), Decimal("1300.00"))
    assert [row.slug for row in data.calls] == ["call-two"]


def test_other_cities_data_is_never_included(city, other_city, programme):
    data = _data(city, programme)
    assert "other-call" not in {row.slug for row in data.calls}
    other = dashboard_data(city_id=other_city.pk, filters=_filters(programme))
    assert _funnel(other) == [
        ("needs", 1),
        ("calls", 1),
        ("proposals", 1),
        ("selected", 1),
        ("running", 1),
        ("completed", 0),
        ("adopted", 0),
    ]
    assert (other.granted, other.spent) == (Decimal("99999.00"), Decimal("500.00"))
    assert [row.slug for row in other.calls] == ["other-call"]


def test_adopted_are_experiments_whose_approved_report_adopts_or_scales(city, programme):
    from django.utils import timezone

    from kokeilu.reports.models import FinalReport

    e1 = programme.call_1.experiments.get()
    assert adopted_experiment_ids(city.pk, None) == set()

    def report(state: str, next_step: str) -> FinalReport:
        return FinalReport.objects.create(
            experiment=e1,
            summary_fi="Yhteenveto",
            next_step=next_step,
            next_step_owner_name="Palvelualue",
            next_step_reason="Toimi hyvin.",
            state=state,
            created_by=e1.created_by,
            submitted_at=timezone.now(),
            approved_at=timezone.now() if state == "approved" else None,
        )

    draft = report("submitted", "adopt")
    assert adopted_experiment_ids(city.pk, None) == set()  # not approved yet
    draft.delete()
    approved = report("approved", "scale")
    year = e1.starts_on.year
    assert adopted_experiment_ids(city.pk, None) == {e1.pk}
    assert adopted_experiment_ids(city.pk, (year, year)) == {e1.pk}
    assert adopted_experiment_ids(city.pk, (year + 1, year + 2)) == set()
    FinalReport.objects.filter(pk=approved.pk).update(next_step="stop")
    assert adopted_experiment_ids(city.pk, None) == set()


def test_adopted_experiments_are_counted_in_their_year_and_call(city, programme):
    e1 = programme.call_1.experiments.get()
    data = compute_dashboard(city.pk, _filters(programme), adopted={e1.pk})
    assert _funnel(data)[-1] == ("adopted", 1)
    assert {row.slug: row.adopted for row in data.calls} == {"call-one": 1, "call-two": 0}
    assert next(row for row in data.years if row.year == programme.year_a).adopted == 1


def test_the_data_version_changes_with_the_data(city, programme, django_assert_num_queries):
    with django_assert_num_queries(1):
        before = dashboard_data_version(city_id=city.pk)
    SpendLine.objects.filter(experiment__city=city).first().delete()
    after_delete = dashboard_data_version(city_id=city.pk)
    assert after_delete != before
    ExperimentFactory(city=city)
    assert dashboard_data_version(city_id=city.pk) != after_delete


def test_cached_numbers_are_replaced_when_the_data_changes(city, programme):
    assert _funnel(_data(city, programme))[2] == ("proposals", 6)
    proposal = SubmittedProposalFactory(call=programme.call_2)
    # The services bump the call's activity version on every submission; do what they do.
    from kokeilu.calls.services import call_activity_touch

    call_activity_touch(call_id=proposal.call_id)
    assert _funnel(_data(city, programme))[2] == ("proposals", 7)


def test_an_empty_city_has_zeros(city):
    data = dashboard_data(city_id=city.pk, filters=DashboardFilters(2020, 2021))
    assert [stage.count for stage in data.funnel] == [0] * 7
    assert data.decision_time == DecisionTime()
    assert (data.granted, data.spent) == (Decimal("0.00"), Decimal("0.00"))
    assert [row.year for row in data.years] == [2020, 2021]


def test_who_may_see_which_city(
    city, other_city, programme_manager, other_city_manager, site_admin, reviewer
):
    assert list(dashboard_city_list(user=programme_manager)) == [city]
    assert list(dashboard_city_list(user=other_city_manager)) == [other_city]
    assert set(dashboard_city_list(user=site_admin)) == {city, other_city}
    assert list(dashboard_city_list(user=reviewer)) == []
    assert dashboard_city_get(user=programme_manager, slug=city.slug) == city
    assert dashboard_city_get(user=programme_manager, slug=other_city.slug) is None
    assert dashboard_city_get(user=reviewer, slug=city.slug) is None
    assert dashboard_city_get(user=site_admin, slug=other_city.slug) == other_city


def test_call_choices_are_the_citys_published_calls(city, programme):
    assert [choice.slug for choice in dashboard_call_choices(city_id=city.pk)] == ["call-two", "call-one"]


def test_quartiles_come_from_the_database_on_postgresql(city, programme, django_assert_max_num_queries):
    """On PostgreSQL the durations are not fetched row by row: a fixed number of grouped queries."""
    if connection.vendor != "postgresql":
        pytest.skip("percentile_cont is PostgreSQL's")
    with django_assert_max_num_queries(9):
        compute_dashboard(city.pk, _filters(programme), adopted=set())
