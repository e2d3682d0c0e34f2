"""The evaluation API under /api/v1/: reviewers' own assignments, and the managers' operations."""

from decimal import Decimal

import pytest
from django.core import mail

from kokeilu.evaluation.models import ConflictOfInterest, Decision, DecisionOutcome, Review, ReviewAssignment
from kokeilu.proposals.models import Attachment, ProposalAnswer
from tests.factories import (
    CallQuestionFactory,
    CriterionFactory,
    DecisionFactory,
    ProposalFactory,
    ReviewAssignmentFactory,
    SubmittedProposalFactory,
)

from .conftest import end_review_period, move_to_review_phase, save_review

pytestmark = pytest.mark.django_db


def score_list(criteria, *values, comment=""):
    return [
        {"criterion": criterion.pk, "score": value, "comment": comment}
        for criterion, value in zip(criteria, values, strict=False)
    ]


# --- Reviewer ----------------------------------------------------------------------------------------


def test_my_assignments(api_for, reviewer, assignment, second_assignment, call):
    save_review(assignment, 2, submit=False)
    response = api_for(reviewer).get("/api/v1/me/assignments/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (row,) = body["results"]
    assert row["id"] == assignment.pk
    assert row["proposal"] == assignment.proposal_id
    assert row["proposal_title"] == assignment.proposal.title
    assert row["proposal_status"] == "submitted"
    assert row["call"]["slug"] == call.slug
    assert row["review_status"] == "draft"


def test_assignment_detail_has_the_proposal_the_criteria_and_my_review(
    api_for, reviewer, assignment, criteria, call
):
    question = CallQuestionFactory(call=call, text_en="Who benefits?")
    ProposalAnswer.objects.create(proposal=assignment.proposal, question=question, text="Asukkaat")
    attachment = Attachment.objects.create(
        proposal=assignment.proposal,
        file="proposals/1/abcdef",
        original_name="liite.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=assignment.proposal.created_by,
    )
    client = api_for(reviewer)
    body = client.get(f"/api/v1/me/assignments/{assignment.pk}/").json()
    assert body["review"] is None
    assert [(c["id"], c["name"], c["weight"]) for c in body["criteria"]] == [
        (criteria[0].pk, "Impact", 2),
        (criteria[1].pk, "Feasibility", 1),
    ]
    assert body["proposal"]["title"] == assignment.proposal.title
    assert body["proposal"]["answers"] == [
        {"question": question.pk, "question_text": "Who benefits?", "text": "Asukkaat"}
    ]
    assert body["proposal"]["attachments"] == [
        {"id": attachment.pk, "name": "liite.pdf", "content_type": "application/pdf", "size": 10}
    ]
    save_review(assignment, 4, submit=False)
    review = client.get(f"/api/v1/me/assignments/{assignment.pk}/").json()["review"]
    assert review["status"] == "draft"
    assert review["is_own"] is True
    assert review["scores"] == [{"criterion": criteria[0].pk, "score": 4, "comment": "Vaikuttavuus 4"}]


def test_saving_a_draft_then_submitting(api_for, reviewer, assignment, criteria):
    client = api_for(reviewer)
    url = f"/api/v1/me/assignments/{assignment.pk}/review/"
    draft = client.put(
        url, {"scores": score_list(criteria, 3), "comment": "Alustava"}, content_type="application/json"
    )
    assert draft.status_code == 200
    assert (draft.json()["status"], draft.json()["weighted_score"]) == ("draft", None)

    submitted = client.put(
        url,
        {
            "scores": score_list(criteria, 5, 4, comment="Perustelu"),
            "recommendation": "recommend",
            "comment": "Valmis",
            "submit": True,
        },
        content_type="application/json",
    )
    assert submitted.status_code == 200
    body = submitted.json()
    assert (body["status"], body["weighted_score"], body["recommendation"]) == (
        "submitted",
        "4.667",
        "recommend",
    )
    assert [score["score"] for score in body["scores"]] == [5, 4]

    again = client.put(url, {"scores": score_list(criteria, 0, 0)}, content_type="application/json")
    assert again.status_code == 400
    assert again.json() == {
        "detail": "Your review has been submitted and is final.",
        "code": "review_submitted",
    }
    assert Review.objects.get().weighted_score == Decimal("4.667")


def test_review_validation_errors(api_for, reviewer, assignment, criteria):
    client = api_for(reviewer)
    url = f"/api/v1/me/assignments/{assignment.pk}/review/"

    incomplete = client.put(
        url,
        {"scores": score_list(criteria, 5), "recommendation": "recommend", "submit": True},
        content_type="application/json",
    )
    assert incomplete.status_code == 400
    assert incomplete.json() == {
        "scores": ["Score every criterion before submitting. Not scored: Feasibility."]
    }

    out_of_range = client.put(url, {"scores": score_list(criteria, 6)}, content_type="application/json")
    assert out_of_range.status_code == 400
    assert out_of_range.json() == {"scores": ["The score for “Impact” must be a whole number from 0 to 5."]}

    foreign = CriterionFactory()
    other_call = client.put(
        url, {"scores": [{"criterion": foreign.pk, "score": 1}]}, content_type="application/json"
    )
    assert other_call.json() == {"scores": ["Score only the criteria of this call."]}

    duplicate = client.put(
        url,
        {"scores": [{"criterion": criteria[0].pk, "score": 1}, {"criterion": criteria[0].pk, "score": 2}]},
        content_type="application/json",
    )
    assert duplicate.status_code == 400
    assert duplicate.json() == {"scores": ["Each criterion may appear only once."]}

    unknown = client.put(url, {"scores": [], "recommendation": "maybe"}, content_type="application/json")
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["recommendation"]
    assert Review.objects.count() == 0


def test_review_after_the_period_is_refused(api_for, reviewer, assignment, criteria, call):
    end_review_period(call)
    response = api_for(reviewer).put(
        f"/api/v1/me/assignments/{assignment.pk}/review/",
        {"scores": score_list(criteria, 5, 4), "recommendation": "recommend", "submit": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "review_period_ended"
    assert Review.objects.count() == 0


def test_declaring_a_conflict(api_for, reviewer, assignment):
    save_review(assignment, 3, 3)
    response = api_for(reviewer).post(
        f"/api/v1/me/assignments/{assignment.pk}/conflict/",
        {"reason": "Entinen työnantaja"},
        content_type="application/json",
    )
    assert response.status_code == 201
    conflict = ConflictOfInterest.objects.get()
    assert response.json() == {
        "id": conflict.pk,
        "proposal": assignment.proposal_id,
        "reason": "Entinen työnantaja",
        "created_at": response.json()["created_at"],
    }
    assert ReviewAssignment.objects.count() == 0
    assert Review.objects.count() == 0
    assert api_for(reviewer).get(f"/api/v1/me/assignments/{assignment.pk}/").status_code == 404


def test_a_conflict_needs_a_reason(api_for, reviewer, assignment):
    response = api_for(reviewer).post(
        f"/api/v1/me/assignments/{assignment.pk}/conflict/", {"reason": ""}, content_type="application/json"
    )
    assert response.status_code == 400
    assert ConflictOfInterest.objects.count() == 0
    assert ReviewAssignment.objects.count() == 1


def test_sealed_reviews(api_for, reviewer, second_reviewer, assignment, second_assignment):
    save_review(second_assignment, 1, 1)
    client = api_for(reviewer)
    url = f"/api/v1/me/assignments/{assignment.pk}/reviews/"
    assert client.get(url).json() == []
    save_review(assignment, 4, submit=False)
    assert [(r["reviewer"], r["status"], r["is_own"]) for r in client.get(url).json()] == [
        (str(reviewer), "draft", True)
    ]
    save_review(assignment, 4, 4)
    assert [(r["reviewer"], r["status"], r["is_own"]) for r in client.get(url).json()] == [
        (str(second_reviewer), "submitted", False),
        (str(reviewer), "submitted", True),
    ]


# --- Manager -----------------------------------------------------------------------------------------


def test_bulk_assignment(api_for, programme_manager, call, proposal, reviewer, second_reviewer):
    other = SubmittedProposalFactory(call=call)
    existing = ReviewAssignmentFactory(proposal=proposal, reviewer=reviewer)
    response = api_for(programme_manager).post(
        f"/api/v1/calls/{call.slug}/assignments/",
        {"proposals": [proposal.pk, other.pk], "reviewers": [reviewer.pk, second_reviewer.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["created_count"], body["skipped_count"]) == (3, 1)
    assert body["skipped"] == [
        {
            "proposal": proposal.pk,
            "reviewer": reviewer.pk,
            "reason": "already_assigned",
            "reason_label": "already assigned",
        }
    ]
    created = set(
        ReviewAssignment.objects.exclude(pk=existing.pk).values_list("id", "proposal_id", "reviewer_id")
    )
    assert {(row["id"], row["proposal"], row["reviewer"]) for row in body["created"]} == created


def test_bulk_assignment_refuses_proposals_of_other_calls_and_drafts(
    api_for, programme_manager, call, proposal, reviewer
):
    elsewhere = SubmittedProposalFactory()
    draft = ProposalFactory(call=call)
    for ids in ([proposal.pk, elsewhere.pk], [draft.pk]):
        response = api_for(programme_manager).post(
            f"/api/v1/calls/{call.slug}/assignments/",
            {"proposals": ids, "reviewers": [reviewer.pk]},
            content_type="application/json",
        )
        assert response.status_code == 400
        assert list(response.json()) == ["proposals"]
    unknown = api_for(programme_manager).post(
        f"/api/v1/calls/{call.slug}/assignments/",
        {"proposals": [proposal.pk], "reviewers": [reviewer.pk, 999999]},
        content_type="application/json",
    )
    assert unknown.status_code == 400
    assert unknown.json() == {"reviewers": ["Unknown user: 999999"]}
    assert ReviewAssignment.objects.count() == 0


def test_deleting_an_assignment(api_for, programme_manager, assignment, second_assignment):
    client = api_for(programme_manager)
    assert client.delete(f"/api/v1/assignments/{assignment.pk}/").status_code == 204
    assert list(ReviewAssignment.objects.values_list("pk", flat=True)) == [second_assignment.pk]
    save_review(second_assignment, 3, 3)
    refused = client.delete(f"/api/v1/assignments/{second_assignment.pk}/")
    assert refused.status_code == 400
    assert refused.json()["code"] == "review_submitted"
    assert ReviewAssignment.objects.count() == 1


def test_ranking(api_for, programme_manager, call, criteria, proposal, assignment, second_assignment):
    save_review(assignment, 5, 4)
    save_review(second_assignment, 2, 3)
    unreviewed = SubmittedProposalFactory(call=call, title="Arvioimaton")
    DecisionFactory(proposal=unreviewed, outcome=DecisionOutcome.REJECTED, decided_by=programme_manager)
    response = api_for(programme_manager).get(f"/api/v1/calls/{call.slug}/ranking/")
    assert response.status_code == 200
    body = response.json()
    assert body["call"] == call.slug
    assert [criterion["id"] for criterion in body["criteria"]] == [criterion.pk for criterion in criteria]
    first, second = body["proposals"]
    assert first == {
        "rank": 1,
        "proposal": proposal.pk,
        "title": proposal.title,
        "applicant_kind": "company",
        "organisation_name": proposal.organisation_name,
        "review_count": 2,
        "assignment_count": 2,
        "score_mean": "3.500",
        "score_min": "2.333",
        "score_max": "4.667",
        "score_spread": "2.334",
        "score_stddev": "1.167",
        "criterion_means": [
            {"criterion": criteria[0].pk, "mean": "3.50"},
            {"criterion": criteria[1].pk, "mean": "3.50"},
        ],
        "decision_outcome": None,
    }
    assert (second["rank"], second["proposal"], second["review_count"], second["score_mean"]) == (
        2,
        unreviewed.pk,
        0,
        None,
    )
    assert second["decision_outcome"] == "rejected"
    assert second["criterion_means"] == [
        {"criterion": criteria[0].pk, "mean": None},
        {"criterion": criteria[1].pk, "mean": None},
    ]


def test_recording_a_decision(
    api_for, programme_manager, call, proposal, applicant, django_capture_on_commit_callbacks
):
    move_to_review_phase(call)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(programme_manager).post(
            f"/api/v1/proposals/{proposal.pk}/decision/",
            {"outcome": "reserve", "reason": "Hyvä, mutta budjetti ei riitä."},
            content_type="application/json",
        )
    assert response.status_code == 200
    body = response.json()
    assert (body["proposal"], body["outcome"], body["reason"], body["decided_by"]) == (
        proposal.pk,
        "reserve",
        "Hyvä, mutta budjetti ei riitä.",
        str(programme_manager),
    )
    assert body["notified_at"] is None  # sent after the response's transaction committed
    assert Decision.objects.get().notified_at is not None
    assert [message.to for message in mail.outbox] == [[applicant.email]]


def test_a_decision_before_the_deadline_is_refused(api_for, programme_manager, proposal):
    response = api_for(programme_manager).post(
        f"/api/v1/proposals/{proposal.pk}/decision/",
        {"outcome": "selected", "reason": "Liian aikaisin."},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Decisions can be recorded only after the deadline for proposals.",
        "code": "call_not_closed",
    }
    assert Decision.objects.count() == 0
