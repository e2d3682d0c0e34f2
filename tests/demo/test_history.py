"""The demo's programme history (kokeilu.demo.history): five earlier years of calls, decisions, completed
experiments and published learnings, so the programme dashboards and the learnings library span years."""

import io
from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.calls.models import Call, Criterion
from kokeilu.dashboards.forms import default_years
from kokeilu.dashboards.numbers import HELSINKI, DashboardData, DashboardFilters
from kokeilu.dashboards.selectors import dashboard_data
from kokeilu.demo.data import iso_omena, kyky, staff_campaign
from kokeilu.demo.data.common import THEMES as COMMON_THEMES
from kokeilu.demo.data.history.calls import CALL_PLANS
from kokeilu.demo.data.history.programmes import PROGRAMMES
from kokeilu.demo.data.history.programmes import THEMES as HISTORY_THEMES
from kokeilu.demo.data.history.proposals import POOLS
from kokeilu.demo.data.history.topics import INTERNAL_LEARNINGS, TOPICS, TOPICS_BY_KEY
from kokeilu.demo.history import history_load
from kokeilu.evaluation.models import Decision, Review, ReviewStatus
from kokeilu.experiments.models import Experiment, ExperimentStatus
from kokeilu.funding.models import SpendLine
from kokeilu.proposals.models import Proposal
from kokeilu.reports.models import FinalReport, Learning, NextStep, ReportState, Visibility
from kokeilu.reports.selectors import published_learning_list, report_list_published

pytestmark = pytest.mark.django_db

HISTORY_YEARS = 5
CURRENT_CALLS = (staff_campaign.CALL.title.fi, iso_omena.CALL.title.fi, kyky.CALL.title.fi)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The whole demo, loaded once for this module in a transaction that is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        with translation.override("en"):
            call_command("load_demo", analytics_people=0, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _history_calls():
    return Call.objects.exclude(title_fi__in=CURRENT_CALLS)


def _history_years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year - HISTORY_YEARS, this_year))


def _dashboard(city_name: str) -> DashboardData:
    city = Organisation.objects.get(kind=OrganisationKind.CITY, name=city_name)
    return dashboard_data(city_id=city.pk, filters=DashboardFilters(*default_years()))


# --- The plan itself (no database) ---------------------------------------------------------------------


@pytest.mark.django_db(False)
def test_every_topic_is_selected_by_exactly_one_call_of_its_own_programme():
    selected = Counter(key for plan in CALL_PLANS for key in plan.topics)
    assert set(selected) == set(TOPICS_BY_KEY)
    assert set(selected.values()) == {1}
    for plan in CALL_PLANS:
        programme = PROGRAMMES[plan.programme]
        assert 1 <= plan.years_ago <= HISTORY_YEARS
        for key in plan.topics:
            topic = TOPICS_BY_KEY[key]
            assert topic.programme == plan.programme, key
            assert programme.duration_min_months <= topic.months <= programme.duration_max_months, key
            assert topic.applicant_kind in programme.eligibility, key
            assert (topic.budget is None) == (programme.funding_per_pilot == 0), key
    for key, pool in POOLS.items():
        assert all(entry.applicant_kind in PROGRAMMES[key].eligibility for entry in pool), key


@pytest.mark.django_db(False)
def test_the_learnings_are_distinct_and_use_known_themes():
    slugs = {theme.slug for theme in (*COMMON_THEMES, *HISTORY_THEMES)}
    learnings = [learning for topic in TOPICS for learning in topic.learnings]
    assert len(learnings) >= 60
    for language in ("fi", "sv", "en"):
        statements = [getattr(learning.statement, language) for learning in learnings]
        assert all(statements) and len(set(statements)) == len(statements), language
    assert {learning.theme for learning in learnings} <= slugs
    assert all(learning.evidence and learning.tags for learning in learnings)
    # A finished experiment reports; only cancelled ones have no learnings and no decision.
    assert all(bool(topic.learnings) == bool(topic.next_step) for topic in TOPICS)
    assert {topic.next_step for topic in TOPICS} == {"", *NextStep.values}


# --- The dashboards ------------------------------------------------------------------------------------


@pytest.mark.parametrize("city_name", ["Helsinki", "Espoo"])
def test_the_dashboard_shows_calls_proposals_decisions_and_completed_experiments_over_the_years(
    demo, city_name
):
    data = _dashboard(city_name)
    years = {row.year: row for row in data.years}
    full_years = [
        year
        for year in _history_years()
        if years[year].calls
        and years[year].proposals > years[year].selected > 0
        and years[year].decision_time.decisions == years[year].proposals
        and years[year].completed
        and years[year].adopted
    ]
    assert len(full_years) >= 4, {year: years[year] for year in _history_years()}
    funnel = {stage.key: stage.count for stage in data.funnel}
    assert funnel["needs"] >= 10 and funnel["calls"] >= 10
    assert funnel["proposals"] > funnel["selected"] > funnel["completed"] > funnel["adopted"] > 0


@pytest.mark.parametrize("city_name", ["Helsinki", "Espoo"])
def test_decisions_come_faster_over_the_years(demo, city_name):
    years = {row.year: row for row in _dashboard(city_name).years}
    first, last = _history_years()[0], _history_years()[-1]
    medians = [years[year].decision_time.median_days or 0.0 for year in _history_years()]
    assert all(14 <= median <= 90 for median in medians), medians
    assert medians[0] > medians[-1] + 10, (first, last, medians)


def test_helsinki_grants_and_spending_every_year_and_every_kind_of_applicant(demo):
    data = _dashboard("Helsinki")
    years = {row.year: row for row in data.years}
    for year in _history_years()[:-1]:
        row = years[year]
        assert row.granted > 0 and 0 < row.spent < row.granted, (year, row.granted, row.spent)
    kinds = {row.kind: row for row in data.kinds}
    assert all(kinds[kind].proposals > 0 for kind in ("company", "association", "school", "research"))
    assert (
        kinds["resident"].proposals > 0 and kinds["city_staff"].proposals > kinds["city_staff"].selected > 0
    )
    assert len([unit for unit in data.units if unit.unit]) >= 4


def test_the_helsinki_managers_dashboard_page_lists_the_years(demo):
    client = Client()
    client.force_login(User.objects.get(username="helsinki-manager"))
    with translation.override("fi"):
        url = reverse("dashboards:city", kwargs={"city_slug": "helsinki"})
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for year in _history_years():
        assert f"Henkilöstön kokeilukampanja {year}" in html


# --- The story is in order -----------------------------------------------------------------------------


def test_every_history_call_tells_its_story_in_order(demo):
    calls = list(_history_calls())
    assert len(calls) == len(CALL_PLANS)
    now = timezone.now()
    for call in calls:
        assert (
            call.published_at < call.opens_at < call.closes_at < call.review_ends_at < call.decision_ends_at
        )
        assert call.decision_ends_at < now
        assert Criterion.objects.filter(call=call).exists()
        proposals = Proposal.objects.filter(call=call)
        assert proposals.filter(submitted_at__gte=call.opens_at, submitted_at__lt=call.closes_at).count() == (
            proposals.count()
        )
        reviews = Review.objects.filter(proposal__call=call)
        assert reviews.count() == 2 * proposals.count()
        assert not reviews.exclude(status=ReviewStatus.SUBMITTED).exists()
        assert not reviews.exclude(
            submitted_at__gte=call.closes_at, submitted_at__lt=call.review_ends_at
        ).exists()
        decisions = Decision.objects.filter(proposal__call=call)
        assert decisions.count() == proposals.count()
        assert not decisions.exclude(
            decided_at__gte=call.review_ends_at, decided_at__lt=call.decision_ends_at
        ).exists()
        assert not proposals.filter(Q(created_at__gt=now) | Q(created_at__gt=call.closes_at)).exists()


def test_history_experiments_start_after_the_decision_and_report_after_they_end(demo):
    experiments = Experiment.objects.filter(call__in=_history_calls()).select_related("proposal__decision")
    assert experiments.count() == len(TOPICS)
    statuses = Counter(experiments.values_list("status", flat=True))
    assert statuses[ExperimentStatus.CANCELLED] == 2
    assert statuses[ExperimentStatus.COMPLETED] >= len(TOPICS) - 6
    now = timezone.now()
    for experiment in experiments:
        assert experiment.proposal is not None
        decided = experiment.proposal.decision.decided_at
        assert decided < experiment.created_at < now
        assert decided.astimezone(HELSINKI).date() < experiment.starts_on < experiment.ends_on
        lines = SpendLine.objects.filter(experiment=experiment)
        assert not lines.exclude(
            spent_on__gte=experiment.starts_on, spent_on__lte=experiment.ends_on
        ).exists()
    reports = FinalReport.objects.filter(experiment__in=experiments, state=ReportState.APPROVED)
    assert reports.count() >= len(TOPICS) - 8
    for report in reports.select_related("experiment"):
        assert report.submitted_at is not None and report.approved_at is not None
        ended = report.experiment.ends_on
        assert ended < report.submitted_at.astimezone(HELSINKI).date()
        assert report.submitted_at < report.approved_at < now
        assert not report.learnings.filter(created_at__gt=report.submitted_at).exists()
    assert set(reports.values_list("next_step", flat=True)) == set(NextStep.values)


# --- Published learnings -------------------------------------------------------------------------------


def test_published_learnings_in_finnish_swedish_and_english_over_several_years(demo):
    learnings = list(published_learning_list().filter(report__experiment__call__in=_history_calls()))
    by_year: dict[int, list[Learning]] = defaultdict(list)
    for learning in learnings:
        assert learning.report.approved_at is not None
        by_year[learning.report.approved_at.astimezone(HELSINKI).year].append(learning)
    assert len([year for year in by_year if year in _history_years()]) >= 4
    for year, items in by_year.items():
        for learning in items:
            assert learning.statement_fi and learning.statement_sv and learning.statement_en, (
                year,
                learning.pk,
            )
            assert learning.evidence and learning.theme_id and learning.tags
    for language in ("fi", "sv", "en"):
        assert len({getattr(learning, f"statement_{language}") for learning in learnings}) >= 60
    # The library's year filter (the approval year) finds learnings in each of those years.
    this_year = timezone.localdate().year
    approved_years = set(published_learning_list().values_list("report__approved_at__year", flat=True))
    assert len(approved_years & set(range(this_year - HISTORY_YEARS, this_year))) >= 4


def test_internal_learnings_of_approved_history_reports_are_never_published(demo):
    internal = Learning.objects.filter(
        visibility=Visibility.INTERNAL,
        report__state=ReportState.APPROVED,
        report__experiment__call__in=_history_calls(),
    ).select_related("report__experiment")
    assert internal.count() >= 5
    assert {learning.statement_fi for learning in internal} <= {
        statement for statement, _ in INTERNAL_LEARNINGS
    }
    published = set(published_learning_list().values_list("pk", flat=True))
    assert not published & set(internal.values_list("pk", flat=True))
    statements = {learning.statement_fi for learning in internal}
    for report in report_list_published().filter(experiment__call__in=_history_calls()):
        public = report.public_learnings  # type: ignore[attr-defined]
        assert not {learning.statement_fi for learning in public} & statements
    sample = internal.first()
    assert sample is not None
    with translation.override("fi"):
        url = reverse("reports:public", kwargs={"slug": sample.report.experiment.slug})
    response = Client().get(url)
    assert response.status_code == 200
    html = response.content.decode()
    public_learning = sample.report.learnings.filter(visibility=Visibility.PUBLIC).first()
    assert public_learning is not None and public_learning.statement_fi in html
    assert sample.statement_fi not in html


# --- Loading it again ----------------------------------------------------------------------------------


def test_loading_the_history_again_changes_nothing(demo):
    models = [Call, Proposal, Review, Decision, Experiment, SpendLine, FinalReport, Learning, User]
    before = {model.__name__: model.objects.count() for model in models}  # type: ignore[attr-defined]
    assert history_load(now=timezone.now()) is None
    assert {model.__name__: model.objects.count() for model in models} == before  # type: ignore[attr-defined]
