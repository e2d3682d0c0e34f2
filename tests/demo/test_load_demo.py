"""`load_demo` fills an empty database with a consistent story and can be run again safely."""

import io
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kokeilu.accounts.models import Membership, Organisation, User
from kokeilu.calls.models import Call, CallPhase, CallQuestion, Criterion
from kokeilu.catalogue.demo.data import PRODUCERS as CATALOGUE_PRODUCERS
from kokeilu.demo.data import iso_omena, kyky, staff_campaign
from kokeilu.demo.data.people import PERSONAS
from kokeilu.evaluation.models import (
    ConflictOfInterest,
    CriterionScore,
    Decision,
    DecisionOutcome,
    Review,
    ReviewAssignment,
    ReviewStatus,
)
from kokeilu.platforms.models import DevelopmentNeed, Platform, Theme
from kokeilu.proposals.models import Proposal, ProposalStatus

PASSWORD = "demo-password-for-tests"


pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo, loaded once for this module inside a transaction that is rolled back at the end.

    Loading goes through every service and takes a couple of seconds, so the tests share one load; each
    test still runs in its own savepoint within that transaction and leaves nothing behind.
    """
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch, transaction.atomic():
        patch.setenv("KOKEILU_DEMO_PASSWORD", PASSWORD)
        out = io.StringIO()
        with translation.override("en"):
            call_command("load_demo", analytics_people=300, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _call(spec) -> Call:
    return Call.objects.get(title_fi=spec.title.fi)


def _expected_weighted_score(review: Review) -> Decimal:
    scores = list(CriterionScore.objects.filter(review=review).select_related("criterion"))
    total = sum(score.criterion.weight * score.score for score in scores)
    weights = sum(score.criterion.weight for score in scores)
    return (Decimal(total) / Decimal(weights)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def test_prints_a_login_for_every_persona_and_leaves_the_email_backend_alone(demo_output):
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    lines = demo_output.splitlines()
    header = next(line for line in lines if "username" in line)
    assert re.search(r"role\s+· username\s+· password", header)
    for persona in PERSONAS:
        row = next(line for line in lines if f" {persona.username} " in line)
        assert row.split("·")[2].strip() == PASSWORD
        assert User.objects.get(username=persona.username).check_password(PASSWORD)
    assert User.objects.get(username="site-admin").is_superuser


def test_only_invented_people_with_reserved_email_domains(demo_output):
    emails = list(User.objects.values_list("email", flat=True))
    assert emails
    assert all(email.endswith("@example.test") for email in emails)
    # People other than the personas cannot sign in.
    persona_names = {persona.username for persona in PERSONAS}
    # The catalogue demo's feedback handlers sign in too.
    persona_names |= {producer.handler[0] for producer in CATALOGUE_PRODUCERS}
    others = User.objects.exclude(username__in=persona_names)
    assert others.exists()
    assert not any(user.has_usable_password() for user in others)


def test_every_text_a_city_writes_exists_in_finnish_swedish_and_english(demo_output):
    translated = {
        Theme: ["name"],
        Platform: ["name", "description"],
        DevelopmentNeed: ["title", "description"],
        Call: ["title", "description"],
        Criterion: ["name", "description"],
        CallQuestion: ["text", "help"],
    }
    for model, names in translated.items():
        rows = list(model.objects.all())  # type: ignore[attr-defined]
        assert rows, model
        for row in rows:
            for name in names:
                for language in ("fi", "sv", "en"):
                    assert getattr(row, f"{name}_{language}").strip(), (
                        model.__name__,
                        row.pk,
                        name,
                        language,
                    )


def test_iso_omena_call_is_past_with_four_selected_pilots_and_a_story_in_order(demo_output):
    call = _call(iso_omena.CALL)
    platform = call.platform
    assert platform.kind == "service_centre"
    assert platform.city.name == "Espoo"
    assert sorted(platform.member_organisations.values_list("name", flat=True)) == sorted(
        Organisation.objects.filter(platform_memberships=platform).values_list("name", flat=True)
    )
    assert {need.title_en for need in call.needs.all()} == {
        "Cooperation between the units",
        "Robotics in customer service",
        "Signage and wayfinding",
    }
    assert all(need.status == "published" for need in platform.needs.all())
    assert call.phase == CallPhase.CLOSED
    assert call.funding_per_pilot == Decimal("10000")
    assert (call.duration_min_months, call.duration_max_months) == (1, 3)
    assert set(call.eligibility) == {"company", "association", "school", "resident", "research"}
    assert call.proposal_mode == "full"
    assert call.questions.count() == 2
    assert len({criterion.weight for criterion in call.criteria.all()}) > 1

    proposals = Proposal.objects.filter(call=call)
    assert proposals.count() == len(iso_omena.PROPOSALS)
    assert not proposals.exclude(status=ProposalStatus.SUBMITTED).exists()
    outcomes = dict(
        Decision.objects.filter(proposal__call=call)
        .values_list("outcome")
        .annotate(count=Count("id"))
        .values_list("outcome", "count")
    )
    assert outcomes == {DecisionOutcome.SELECTED: 4, DecisionOutcome.RESERVE: 3, DecisionOutcome.REJECTED: 5}
    assert ConflictOfInterest.objects.filter(proposal__call=call).count() == 1

    # Submitted before the deadline, reviewed in the review period, decided before the decision date.
    assert not proposals.filter(submitted_at__gte=call.closes_at).exists()
    assert not proposals.filter(submitted_at__lt=call.opens_at).exists()
    reviews = Review.objects.filter(proposal__call=call)
    assert reviews.count() == 3 * len(iso_omena.PROPOSALS) - 1
    assert not reviews.filter(submitted_at__lt=call.closes_at).exists()
    assert not reviews.filter(submitted_at__gte=call.review_ends_at).exists()
    decisions = Decision.objects.filter(proposal__call=call)
    assert not decisions.filter(decided_at__lt=call.review_ends_at).exists()
    assert not decisions.filter(decided_at__gte=call.decision_ends_at).exists()
    assert call.published_at is not None and call.published_at < call.opens_at


def test_public_call_page_lists_the_four_selected_pilots_in_finnish(demo_output):
    call = _call(iso_omena.CALL)
    with translation.override("fi"):
        url = reverse("calls:detail", kwargs={"slug": call.slug})
    assert url.startswith("/fi/")
    response = Client().get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert call.title_fi in html
    selected = html[html.index('id="selected-pilots"') :]
    selected = selected[: selected.index("</ul>")]
    titles = re.findall(r"<h3>(.*?)</h3>", selected)
    expected = [spec.title for spec in iso_omena.PROPOSALS if spec.outcome == DecisionOutcome.SELECTED]
    assert sorted(titles) == sorted(expected)
    assert len(titles) == 4


def test_staff_campaign_has_22_proposals_and_9_selected_each_with_a_reason(demo_output):
    call = _call(staff_campaign.CALL)
    assert call.platform.kind == "staff"
    assert call.platform.city.name == "Helsinki"
    assert call.proposal_mode == "low_threshold"
    assert call.eligibility == ["city_staff"]
    assert call.funding_per_pilot == Decimal("10000")
    assert call.phase == CallPhase.CLOSED

    proposals = Proposal.objects.filter(call=call)
    assert proposals.count() == 22
    assert proposals.filter(status=ProposalStatus.SUBMITTED).count() == 22
    assert not proposals.exclude(applicant_kind="city_staff").exists()
    # Every author is staff of Helsinki (a membership in the city or one of its units).
    helsinki = call.platform.city
    for proposal in proposals.select_related("created_by"):
        assert Membership.objects.filter(user=proposal.created_by, organisation__city=helsinki).exists()
    selected = Decision.objects.filter(proposal__call=call, outcome=DecisionOutcome.SELECTED)
    assert selected.count() == 9
    assert Decision.objects.filter(proposal__call=call).count() == 22
    assert all(decision.reason.strip() for decision in Decision.objects.filter(proposal__call=call))

    criteria = list(call.criteria.all())
    for proposal in proposals.annotate(review_count=Count("reviews")):
        assert proposal.review_count in (2, 3)
    for review in Review.objects.filter(proposal__call=call):
        assert review.status == ReviewStatus.SUBMITTED
        assert review.submitted_at is not None
        assert review.scores.count() == len(criteria)
        assert review.weighted_score == _expected_weighted_score(review)


def test_the_kyky_call_is_open_now_with_reviewer_work_waiting(demo_output):
    call = _call(kyky.CALL)
    assert call.platform.kind == "schools"
    assert call.phase == CallPhase.OPEN
    assert call.closes_at > timezone.now()
    assert Proposal.objects.filter(call=call, status=ProposalStatus.SUBMITTED).count() == 2
    reviewer = User.objects.get(username="espoo-reviewer")
    assert ReviewAssignment.objects.filter(proposal__call=call, reviewer=reviewer).count() == 2
    assert not Review.objects.filter(proposal__call=call).exists()


def test_running_it_twice_changes_nothing_but_the_passwords(demo_output, monkeypatch):
    models = [User, Organisation, Platform, Call, Proposal, ReviewAssignment, Review, Decision, Theme]
    before = {model.__name__: model.objects.count() for model in models}  # type: ignore[attr-defined]
    monkeypatch.setenv("KOKEILU_DEMO_PASSWORD", "another-password")
    out = io.StringIO()
    with translation.override("en"):
        call_command("load_demo", analytics_people=300, stdout=out)
    assert "already loaded" in out.getvalue()
    assert {model.__name__: model.objects.count() for model in models} == before  # type: ignore[attr-defined]
    assert User.objects.get(username="espoo-manager").check_password("another-password")


@pytest.mark.parametrize(
    ("username", "spec"), [("espoo-manager", iso_omena.CALL), ("helsinki-manager", staff_campaign.CALL)]
)
def test_each_city_manager_can_open_their_calls_proposals_and_ranking(demo_output, username, spec):
    client = Client()
    client.force_login(User.objects.get(username=username))
    call = _call(spec)
    with translation.override("fi"):
        urls = [
            reverse(name, kwargs={"slug": call.slug})
            for name in ("evaluation:call_proposals", "evaluation:ranking")
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert spec.proposals[0].title in response.content.decode()


def test_koestamo_and_nine_helsinki_staff_experiments_with_people_and_groups(demo_output):
    from kokeilu.experiments.models import Experiment, ExperimentMember

    koestamo = Experiment.objects.get(title_fi__startswith="Koestamo")
    assert koestamo.city.name == "Espoo" and koestamo.is_public and koestamo.status == "running"
    assert koestamo.title_sv and koestamo.title_en and koestamo.summary_fi and koestamo.summary_sv
    assert ExperimentMember.objects.get(experiment=koestamo, user__username="applicant").role == "lead"
    assert ExperimentMember.objects.get(experiment=koestamo, user__username="participant").role == "tester"
    assert {group.name_en for group in koestamo.groups.all()} == {"Testers", "Service centre staff"}
    # The staff campaign's experiments (the programme history adds earlier years' experiments).
    helsinki = Experiment.objects.filter(city__name="Helsinki", call__title_fi=staff_campaign.CALL.title.fi)
    assert helsinki.count() == 9
    assert (
        sorted(helsinki.values_list("status", flat=True)) == ["completed"] * 3 + ["planned"] + ["running"] * 5
    )
    assert all(experiment.proposal_id and experiment.granted_amount > 0 for experiment in helsinki)
    # Every demo experiment reads in all three languages.
    for experiment in Experiment.objects.all():
        assert experiment.title_fi and experiment.title_sv and experiment.title_en, experiment.slug
        assert experiment.summary_fi and experiment.summary_sv and experiment.summary_en, experiment.slug


def test_the_koestamo_workspace_opens_for_its_lead_and_tester_and_publicly(demo_output):
    from kokeilu.experiments.models import Experiment

    koestamo = Experiment.objects.get(title_fi__startswith="Koestamo")
    url = reverse("experiments:detail", kwargs={"slug": koestamo.slug})
    for username in ("applicant", "participant", "espoo-manager"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        assert client.get(url).status_code == 200, username
        assert client.get(reverse("experiments:people", kwargs={"slug": koestamo.slug})).status_code == 200
    assert Client().get(url).status_code == 200
