"""Fixtures of the evaluation tests: a submitted proposal of the persona `applicant` to `call`, assignments
of the personas `reviewer` and `second_reviewer`, and helpers that move the call through its phases."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from kokeilu.accounts.models import Role
from kokeilu.evaluation import services
from kokeilu.evaluation.models import Recommendation
from tests.factories import MembershipFactory, ReviewAssignmentFactory, SubmittedProposalFactory, UserFactory


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the source language; pages follow their /en/ URLs anyway."""
    with translation.override("en"):
        yield


def move_to_review_phase(call):
    """Deadline passed yesterday; reviewing continues for a week; decisions may be recorded."""
    now = timezone.now()
    call.opens_at = now - timedelta(days=10)
    call.closes_at = now - timedelta(days=1)
    call.review_ends_at = now + timedelta(days=7)
    call.decision_ends_at = now + timedelta(days=14)
    call.save()
    return call


def end_review_period(call):
    """The review period ended yesterday; the call is in its decision phase."""
    now = timezone.now()
    call.opens_at = now - timedelta(days=20)
    call.closes_at = now - timedelta(days=10)
    call.review_ends_at = now - timedelta(days=1)
    call.decision_ends_at = now + timedelta(days=7)
    call.save()
    return call


@pytest.fixture
def criteria(call):
    """The call's two criteria in order: Impact (weight 2), Feasibility (weight 1)."""
    return list(call.criteria.order_by("position"))


@pytest.fixture
def proposal(call, applicant):
    return SubmittedProposalFactory(call=call, created_by=applicant, title="Asiointiavustaja palvelutorille")


@pytest.fixture
def assignment(proposal, reviewer, programme_manager):
    return ReviewAssignmentFactory(proposal=proposal, reviewer=reviewer, assigned_by=programme_manager)


@pytest.fixture
def second_assignment(proposal, second_reviewer, programme_manager):
    return ReviewAssignmentFactory(proposal=proposal, reviewer=second_reviewer, assigned_by=programme_manager)


@pytest.fixture
def third_reviewer(city):
    user = UserFactory(username="third_reviewer", last_name="Kolmas-Arvioija")
    MembershipFactory(user=user, organisation=city, role=Role.REVIEWER)
    return user


@pytest.fixture
def other_city_reviewer(other_city):
    user = UserFactory(username="other_city_reviewer", last_name="Helsingin-Arvioija")
    MembershipFactory(user=user, organisation=other_city, role=Role.REVIEWER)
    return user


def save_review(
    assignment, impact=None, feasibility=None, *, submit=True, recommendation=Recommendation.RECOMMEND
):
    """Review through the service: scores for the call's two criteria (None leaves one unscored)."""
    first, second = list(assignment.proposal.call.criteria.order_by("position"))
    scores = {}
    if impact is not None:
        scores[first.pk] = (impact, f"Vaikuttavuus {impact}")
    if feasibility is not None:
        scores[second.pk] = (feasibility, "")
    return services.review_save(
        assignment=assignment,
        reviewer=assignment.reviewer,
        scores=scores,
        recommendation=recommendation,
        comment="Hyvä ehdotus.",
        submit=submit,
    )


@pytest.fixture
def api_for():
    """Like `client_for`, asking the API for English (API paths carry no language prefix)."""

    def make(user):
        client = Client(headers={"Accept-Language": "en"})
        if user is not None:
            client.force_login(user)
        return client

    return make
