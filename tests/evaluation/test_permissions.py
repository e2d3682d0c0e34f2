"""Who may do what in review and selection: every page and API endpoint × every persona.

The call is in its review phase (deadline passed, reviewing still open), so every action is allowed for
someone. `applicant` owns the proposal, `reviewer` is assigned to it, `second_reviewer` is a reviewer of
the same city without an assignment. Denied attempts must leave every row as it was and send no e-mail.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from kokeilu.calls.models import Call, Criterion
from kokeilu.evaluation.models import ConflictOfInterest, CriterionScore, Decision, Review, ReviewAssignment
from kokeilu.proposals.models import Proposal

from .conftest import move_to_review_phase

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "applicant",
    "other_applicant",
    "reviewer",
    "unassigned_reviewer",
    "programme_manager",
    "other_city_manager",
    "site_admin",
]
LOGIN = "login"  # an HTML page sends an anonymous visitor to log in


@dataclass
class World:
    call: Call
    proposal: Proposal
    assignment: ReviewAssignment
    criteria: list[Criterion]
    second_reviewer_id: int


@pytest.fixture
def world(call, proposal, assignment, criteria, second_reviewer):
    move_to_review_phase(call)
    return World(
        call=call,
        proposal=proposal,
        assignment=assignment,
        criteria=criteria,
        second_reviewer_id=second_reviewer.pk,
    )


def persona_user(request, persona):
    if persona == "anonymous":
        return None
    if persona == "unassigned_reviewer":
        return request.getfixturevalue("second_reviewer")
    return request.getfixturevalue(persona)


def expect(default: Any, **overrides: Any) -> dict[str, Any]:
    return {persona: overrides.get(persona, default) for persona in PERSONAS}


def snapshot() -> tuple:
    return (
        sorted(ReviewAssignment.objects.values_list("id", "proposal_id", "reviewer_id")),
        sorted(Review.objects.values_list("id", "status", "weighted_score", "recommendation", "comment")),
        sorted(CriterionScore.objects.values_list("id", "criterion_id", "score", "comment")),
        sorted(ConflictOfInterest.objects.values_list("id", "proposal_id", "reviewer_id", "reason")),
        sorted(
            Decision.objects.values_list(
                "id", "outcome", "reason", "decided_by_id", "decided_at", "notified_at"
            )
        ),
    )


def assert_status(response, expected) -> None:
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, response.content[:500]


MANAGERS_ONLY = expect(404, anonymous=LOGIN, programme_manager=200, site_admin=200)
ASSIGNED_REVIEWER_ONLY = expect(404, anonymous=LOGIN, reviewer=200, programme_manager=403, site_admin=403)


# --- HTML pages --------------------------------------------------------------------------------------

PAGES = {
    "my_assignments": (lambda w: reverse("evaluation:my_assignments"), expect(200, anonymous=LOGIN)),
    "call_proposals": (
        lambda w: reverse("evaluation:call_proposals", kwargs={"slug": w.call.slug}),
        MANAGERS_ONLY,
    ),
    "ranking": (lambda w: reverse("evaluation:ranking", kwargs={"slug": w.call.slug}), MANAGERS_ONLY),
    "ranking_csv": (lambda w: reverse("evaluation:ranking_csv", kwargs={"slug": w.call.slug}), MANAGERS_ONLY),
    "review": (
        lambda w: reverse("evaluation:review", kwargs={"pk": w.assignment.pk}),
        ASSIGNED_REVIEWER_ONLY,
    ),
    "conflict": (
        lambda w: reverse("evaluation:conflict", kwargs={"pk": w.assignment.pk}),
        ASSIGNED_REVIEWER_ONLY,
    ),
    "proposal_reviews": (
        lambda w: reverse("evaluation:proposal_reviews", kwargs={"pk": w.proposal.pk}),
        MANAGERS_ONLY,
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", list(PAGES))
def test_pages(request, world, client_for, persona, page):
    url, expected = PAGES[page]
    response = client_for(persona_user(request, persona)).get(url(world))
    assert_status(response, expected[persona])
    if expected[persona] == 200 and page != "my_assignments":
        assert world.proposal.title in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS[1:])
def test_my_assignments_shows_only_the_assigned_reviewer_the_proposal(request, world, client_for, persona):
    page = (
        client_for(persona_user(request, persona)).get(reverse("evaluation:my_assignments")).content.decode()
    )
    assert (world.proposal.title in page) is (persona == "reviewer")


def test_pages_of_a_missing_object_are_404(client_for, world, programme_manager, reviewer):
    assert client_for(reviewer).get(reverse("evaluation:review", kwargs={"pk": 999999})).status_code == 404
    for name, kwargs in [
        ("evaluation:proposal_reviews", {"pk": 999999}),
        ("evaluation:ranking", {"slug": "no-such-call"}),
        ("evaluation:call_proposals", {"slug": "no-such-call"}),
    ]:
        assert client_for(programme_manager).get(reverse(name, kwargs=kwargs)).status_code == 404


def test_a_draft_proposal_is_not_in_the_managers_evaluation(client_for, world, programme_manager):
    from tests.factories import ProposalFactory

    draft = ProposalFactory(call=world.call)
    response = client_for(programme_manager).get(
        reverse("evaluation:proposal_reviews", kwargs={"pk": draft.pk})
    )
    assert response.status_code == 404


# --- HTML writes -------------------------------------------------------------------------------------


def _review_post(w: World) -> dict:
    impact, _feasibility = w.criteria
    return {f"score_{impact.pk}": "3", "comment": "Luonnos", "action": "draft"}


HTML_WRITES = {
    "decide": (
        lambda w: reverse("evaluation:decide", kwargs={"pk": w.proposal.pk}),
        lambda w: {"outcome": "selected", "reason": "Paras."},
        expect(404, anonymous=LOGIN, programme_manager=302, site_admin=302),
        lambda w: Decision.objects.filter(proposal=w.proposal, outcome="selected").count() == 1,
    ),
    "assign": (
        lambda w: reverse("evaluation:assign", kwargs={"pk": w.proposal.pk}),
        lambda w: {"reviewer": w.second_reviewer_id},
        expect(404, anonymous=LOGIN, programme_manager=302, site_admin=302),
        lambda w: ReviewAssignment.objects.filter(reviewer_id=w.second_reviewer_id).count() == 1,
    ),
    "bulk_assign": (
        lambda w: reverse("evaluation:call_proposals", kwargs={"slug": w.call.slug}),
        lambda w: {"proposals": [w.proposal.pk], "reviewers": [w.second_reviewer_id]},
        expect(404, anonymous=LOGIN, programme_manager=302, site_admin=302),
        lambda w: ReviewAssignment.objects.filter(reviewer_id=w.second_reviewer_id).count() == 1,
    ),
    "assignment_delete": (
        lambda w: reverse("evaluation:assignment_delete", kwargs={"pk": w.assignment.pk}),
        lambda w: {},
        expect(404, anonymous=LOGIN, reviewer=403, programme_manager=302, site_admin=302),
        lambda w: not ReviewAssignment.objects.filter(pk=w.assignment.pk).exists(),
    ),
    "review": (
        lambda w: reverse("evaluation:review", kwargs={"pk": w.assignment.pk}),
        _review_post,
        expect(404, anonymous=LOGIN, reviewer=302, programme_manager=403, site_admin=403),
        lambda w: Review.objects.filter(assignment=w.assignment, comment="Luonnos").count() == 1,
    ),
    "conflict": (
        lambda w: reverse("evaluation:conflict", kwargs={"pk": w.assignment.pk}),
        lambda w: {"reason": "Jäävi"},
        expect(404, anonymous=LOGIN, reviewer=302, programme_manager=403, site_admin=403),
        lambda w: ConflictOfInterest.objects.filter(proposal=w.proposal, reason="Jäävi").count() == 1,
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(HTML_WRITES))
def test_html_writes(request, world, client_for, persona, action):
    url, data, expected, happened = HTML_WRITES[action]
    before = snapshot()
    response = client_for(persona_user(request, persona)).post(url(world), data(world))
    assert_status(response, expected[persona])
    if expected[persona] == 302:
        assert happened(world)
    else:
        assert snapshot() == before
    assert mail.outbox == []


# --- API ---------------------------------------------------------------------------------------------


def _review_put(w: World) -> dict:
    impact, _feasibility = w.criteria
    return {"scores": [{"criterion": impact.pk, "score": 3, "comment": ""}], "comment": "Luonnos"}


API_READS = {
    "my_assignments": (lambda w: "/api/v1/me/assignments/", expect(200, anonymous=403)),
    "my_assignment": (
        lambda w: f"/api/v1/me/assignments/{w.assignment.pk}/",
        expect(404, anonymous=403, reviewer=200),
    ),
    "my_assignment_reviews": (
        lambda w: f"/api/v1/me/assignments/{w.assignment.pk}/reviews/",
        expect(404, anonymous=403, reviewer=200),
    ),
    "ranking": (
        lambda w: f"/api/v1/calls/{w.call.slug}/ranking/",
        expect(404, anonymous=403, programme_manager=200, site_admin=200),
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", list(API_READS))
def test_api_reads(request, world, api_for, persona, endpoint):
    url, expected = API_READS[endpoint]
    response = api_for(persona_user(request, persona)).get(url(world))
    assert response.status_code == expected[persona]
    if endpoint == "my_assignments" and response.status_code == 200:
        ids = [row["id"] for row in response.json()["results"]]
        assert ids == ([world.assignment.pk] if persona == "reviewer" else [])
    if endpoint == "ranking" and response.status_code == 200:
        assert [row["proposal"] for row in response.json()["proposals"]] == [world.proposal.pk]


API_WRITES = {
    "review_save": (
        "put",
        lambda w: f"/api/v1/me/assignments/{w.assignment.pk}/review/",
        _review_put,
        expect(404, anonymous=403, reviewer=200),
        lambda w: Review.objects.filter(assignment=w.assignment, comment="Luonnos").count() == 1,
    ),
    "conflict_declare": (
        "post",
        lambda w: f"/api/v1/me/assignments/{w.assignment.pk}/conflict/",
        lambda w: {"reason": "Jäävi"},
        expect(404, anonymous=403, reviewer=201),
        lambda w: ConflictOfInterest.objects.filter(proposal=w.proposal).count() == 1,
    ),
    "bulk_assign": (
        "post",
        lambda w: f"/api/v1/calls/{w.call.slug}/assignments/",
        lambda w: {"proposals": [w.proposal.pk], "reviewers": [w.second_reviewer_id]},
        expect(404, anonymous=403, programme_manager=201, site_admin=201),
        lambda w: ReviewAssignment.objects.filter(reviewer_id=w.second_reviewer_id).count() == 1,
    ),
    "assignment_delete": (
        "delete",
        lambda w: f"/api/v1/assignments/{w.assignment.pk}/",
        lambda w: None,
        expect(404, anonymous=403, reviewer=403, programme_manager=204, site_admin=204),
        lambda w: not ReviewAssignment.objects.filter(pk=w.assignment.pk).exists(),
    ),
    "decision_record": (
        "post",
        lambda w: f"/api/v1/proposals/{w.proposal.pk}/decision/",
        lambda w: {"outcome": "rejected", "reason": "Ei valittu."},
        expect(404, anonymous=403, programme_manager=200, site_admin=200),
        lambda w: Decision.objects.filter(proposal=w.proposal, outcome="rejected").count() == 1,
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", list(API_WRITES))
def test_api_writes(request, world, api_for, persona, endpoint):
    method, url, data, expected, happened = API_WRITES[endpoint]
    before = snapshot()
    client = api_for(persona_user(request, persona))
    body = data(world)
    if body is None:
        response = getattr(client, method)(url(world))
    else:
        response = getattr(client, method)(url(world), body, content_type="application/json")
    assert response.status_code == expected[persona], response.content[:500]
    if expected[persona] in (200, 201, 204):
        assert happened(world)
    else:
        assert snapshot() == before
    assert mail.outbox == []
