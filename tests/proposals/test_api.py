"""The proposals API: the same rules as the pages, answered as JSON."""

import pytest
from django.utils import timezone, translation

from kokeilu.evaluation.models import DecisionOutcome
from kokeilu.proposals.models import Attachment, CoApplicant, CoApplicantStatus, Proposal, ProposalStatus
from tests.factories import CallFactory, DecisionFactory, ProposalFactory, SubmittedProposalFactory

from .helpers import EXECUTABLE_BYTES, make_accepted_co_applicant, png_bytes, snapshot, upload

pytestmark = pytest.mark.django_db

BASE = "/api/v1/me/proposals/"


@pytest.fixture
def api_for(client_for):
    """A logged-in client whose messages come in English."""

    def make(user):
        client = client_for(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return make


def post_json(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def patch_json(client, path, data):
    return client.patch(path, data, content_type="application/json")


def test_create_a_draft_for_a_call(api_for, applicant, full_call):
    required_question, _ = full_call.questions.order_by("position")
    response = post_json(
        api_for(applicant),
        BASE,
        {
            "call": full_call.slug,
            "applicant_kind": "company",
            "title": "Robotti",
            "organisation_name": "Robotiikka Oy",
            "answers": [{"question": required_question.pk, "text": "Kävijät"}],
        },
    )
    assert response.status_code == 201
    body = response.json()
    proposal = Proposal.objects.get()
    assert body["id"] == proposal.pk
    assert (body["status"], body["submitted_at"], body["decision"]) == ("draft", None, None)
    assert (body["call"], body["title"], body["organisation_name"]) == (
        full_call.slug,
        "Robotti",
        "Robotiikka Oy",
    )
    assert body["answers"] == [{"question": required_question.pk, "text": "Kävijät"}]
    assert (body["can_edit"], body["can_withdraw"]) == (True, True)
    assert proposal.created_by == applicant


def test_create_refusals_name_their_field(api_for, applicant, call, closed_call):
    client = api_for(applicant)
    call.eligibility = ["school"]
    call.save()
    unknown = post_json(client, BASE, {"call": "no-such-call", "applicant_kind": "resident", "title": "Idea"})
    assert (unknown.status_code, unknown.json()) == (400, {"call": ["There is no such call."]})
    ineligible = post_json(client, BASE, {"call": call.slug, "applicant_kind": "resident", "title": "Idea"})
    assert ineligible.status_code == 400
    assert ineligible.json() == {
        "applicant_kind": [
            "This call does not accept proposals from this kind of applicant. Who may apply: School."
        ]
    }
    late = post_json(client, BASE, {"call": closed_call.slug, "applicant_kind": "resident", "title": "Idea"})
    assert late.status_code == 400
    assert late.json() == {
        "detail": "The deadline for proposals was Jan. 15, 2026, 4 p.m. (Finnish time). "
        "Proposals to this call can no longer be created or changed.",
        "code": "call_not_open",
    }
    assert Proposal.objects.count() == 0


def test_patch_changes_fields_and_answers(api_for, applicant, full_call):
    required_question, optional_question = full_call.questions.order_by("position")
    proposal = ProposalFactory(call=full_call, created_by=applicant)
    response = patch_json(
        api_for(applicant),
        f"{BASE}{proposal.pk}/",
        {
            "team": "Kolme hoitajaa",
            "budget": "1500.50",
            "answers": [
                {"question": required_question.pk, "text": "Mittari"},
                {"question": optional_question.pk, "text": "Lisätietoa"},
            ],
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["team"], body["budget"]) == ("Kolme hoitajaa", "1500.50")
    assert sorted(body["answers"], key=lambda answer: answer["question"]) == [
        {"question": required_question.pk, "text": "Mittari"},
        {"question": optional_question.pk, "text": "Lisätietoa"},
    ]


def test_patch_reports_each_answer_under_its_question(api_for, applicant, full_call):
    required_question, _ = full_call.questions.order_by("position")
    proposal = ProposalFactory(call=full_call, created_by=applicant)
    before = snapshot(proposal)
    response = patch_json(
        api_for(applicant),
        f"{BASE}{proposal.pk}/",
        {"title": "Muutos", "answers": [{"question": required_question.pk, "text": "x" * 60}]},
    )
    assert response.status_code == 400
    assert response.json() == {
        f"question_{required_question.pk}": ["The answer can be at most 50 characters long (it has 60)."]
    }
    assert snapshot(proposal) == before


def test_submit_lists_every_missing_field_then_succeeds(api_for, applicant, full_call):
    required_question, _ = full_call.questions.order_by("position")
    client = api_for(applicant)
    proposal = ProposalFactory(
        call=full_call, created_by=applicant, applicant_kind="resident", problem="Ongelma"
    )
    refused = post_json(client, f"{BASE}{proposal.pk}/submit/")
    assert refused.status_code == 400
    required = ["This is required to submit the proposal."]
    assert refused.json() == {
        "solution": required,
        "team": required,
        "schedule": required,
        "budget": required,
        "duration_months": ["The pilot must last from 2 to 6 months."],
        f"question_{required_question.pk}": ["Answer this question to submit the proposal."],
    }
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT
    patch_json(
        client,
        f"{BASE}{proposal.pk}/",
        {
            "solution": "Ratkaisu",
            "team": "Tiimi",
            "schedule": "Syksy",
            "budget": "0",
            "duration_months": 2,
            "answers": [{"question": required_question.pk, "text": "Mittari"}],
        },
    )
    response = post_json(client, f"{BASE}{proposal.pk}/submit/")
    assert response.status_code == 200
    body = response.json()
    proposal.refresh_from_db()
    assert body["status"] == "submitted"
    assert body["submitted_at"] == timezone.localtime(proposal.submitted_at).isoformat()


def test_list_shows_own_and_co_applied_proposals_with_their_decisions(
    api_for, applicant, other_applicant, call, django_assert_max_num_queries
):
    own = SubmittedProposalFactory(call=call, created_by=applicant, title="Oma")
    DecisionFactory(proposal=own, outcome=DecisionOutcome.REJECTED, reason="Ei vastaa tarpeeseen.")
    shared = ProposalFactory(call=CallFactory(), created_by=other_applicant, title="Yhteinen")
    make_accepted_co_applicant(shared, applicant)
    for number in range(3):
        SubmittedProposalFactory(call=call, created_by=applicant, title=f"Lisä {number}")
    ProposalFactory(call=call, created_by=other_applicant, title="Vieras")
    client = api_for(applicant)
    with django_assert_max_num_queries(4):
        response = client.get(BASE)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    by_title = {item["title"]: item for item in body["results"]}
    assert set(by_title) == {"Oma", "Yhteinen", "Lisä 0", "Lisä 1", "Lisä 2"}
    assert by_title["Oma"]["decision"] == {
        "outcome": "rejected",
        "outcome_display": "Not selected",
        "reason": "Ei vastaa tarpeeseen.",
    }
    assert by_title["Yhteinen"]["decision"] is None
    assert by_title["Yhteinen"]["status"] == "draft"


def test_withdraw_until_a_decision_exists(api_for, applicant, submitted, programme_manager):
    client = api_for(applicant)
    other = SubmittedProposalFactory(call=submitted.call, created_by=applicant)
    DecisionFactory(proposal=other, decided_by=programme_manager)
    assert client.get(f"{BASE}{other.pk}/").json()["can_withdraw"] is False
    refused = post_json(client, f"{BASE}{other.pk}/withdraw/")
    assert refused.status_code == 400
    assert refused.json()["code"] == "decided"
    assert Proposal.objects.get(pk=other.pk).status == ProposalStatus.SUBMITTED
    response = post_json(client, f"{BASE}{submitted.pk}/withdraw/")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    reopened = post_json(client, f"{BASE}{submitted.pk}/reopen/")
    assert (reopened.status_code, reopened.json()["status"]) == (200, "draft")


def test_attachments_upload_list_download_delete(api_for, applicant, draft, private_media):
    client = api_for(applicant)
    path = f"{BASE}{draft.pk}/attachments/"
    created = client.post(path, {"file": upload("kuva.png", png_bytes(), "image/png")})
    assert created.status_code == 201
    attachment = Attachment.objects.get()
    assert created.json() == {
        "id": attachment.pk,
        "original_name": "kuva.png",
        "content_type": "image/png",
        "size": len(png_bytes()),
        "created_at": timezone.localtime(attachment.created_at).isoformat(),
        "download_url": f"{path}{attachment.pk}/download/",
    }
    assert [item["id"] for item in client.get(path).json()] == [attachment.pk]
    download = client.get(f"{path}{attachment.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="kuva.png"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content) == png_bytes()
    deleted = client.delete(f"{path}{attachment.pk}/")
    assert deleted.status_code == 204
    assert Attachment.objects.count() == 0


def test_a_disguised_executable_is_refused(api_for, applicant, draft, private_media):
    response = api_for(applicant).post(
        f"{BASE}{draft.pk}/attachments/", {"file": upload("hakemus.pdf", EXECUTABLE_BYTES, "application/pdf")}
    )
    assert response.status_code == 400
    assert response.json() == {
        "file": ["The content of the file does not match its type (.pdf), so it was not accepted."]
    }
    assert Attachment.objects.count() == 0
    assert not private_media.exists() or not any(path.is_file() for path in private_media.rglob("*"))


def test_invite_accept_and_work_together(
    api_for, applicant, co_applicant, draft, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invited = post_json(
            api_for(applicant), f"{BASE}{draft.pk}/co-applicants/", {"email": "co@example.test"}
        )
    assert invited.status_code == 201
    assert (invited.json()["email"], invited.json()["status"]) == ("co@example.test", "invited")
    invitation = CoApplicant.objects.get()
    assert len(mailoutbox) == 1
    # The API request's language (English) is the e-mail's language.
    assert mailoutbox[0].subject == "You are invited to co-write a proposal: Palveluopas robotti"

    guest = api_for(co_applicant)
    assert guest.get(f"{BASE}{draft.pk}/").status_code == 404
    accepted = post_json(guest, f"/api/v1/invitations/{invitation.token}/accept/")
    assert accepted.status_code == 200
    assert accepted.json() == {
        "proposal": draft.pk,
        "proposal_title": "Palveluopas robotti",
        "status": "accepted",
    }
    detail = guest.get(f"{BASE}{draft.pk}/").json()
    assert (detail["can_edit"], detail["can_withdraw"]) == (True, False)
    assert [item["id"] for item in guest.get(BASE).json()["results"]] == [draft.pk]
    again = post_json(guest, f"/api/v1/invitations/{invitation.token}/accept/")
    assert again.status_code == 400
    assert post_json(guest, "/api/v1/invitations/no-such-token/accept/").status_code == 404


def test_decline_and_revoke(api_for, applicant, co_applicant, draft):
    invitation = CoApplicant.objects.create(proposal=draft, email="co@example.test", invited_by=applicant)
    declined = post_json(api_for(co_applicant), f"/api/v1/invitations/{invitation.token}/decline/")
    assert (declined.status_code, declined.json()["status"]) == (200, "declined")
    membership = make_accepted_co_applicant(draft, co_applicant)
    revoked = post_json(api_for(applicant), f"{BASE}{draft.pk}/co-applicants/{membership.pk}/revoke/")
    assert (revoked.status_code, revoked.json()["status"]) == (200, "revoked")
    assert CoApplicant.objects.get(pk=membership.pk).status == CoApplicantStatus.REVOKED


def test_anonymous_requests_are_refused(resident_client, submitted):
    assert resident_client.get(BASE).status_code == 403
    assert resident_client.get(f"{BASE}{submitted.pk}/").status_code == 403


def test_the_deadline_message_follows_the_requests_language(client_for, applicant, closed_call):
    proposal = ProposalFactory(call=closed_call, created_by=applicant)
    client = client_for(applicant)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fi"
    response = patch_json(client, f"{BASE}{proposal.pk}/", {"title": "Myöhässä"})
    assert response.status_code == 400
    with translation.override("fi"):
        assert "15. tammikuuta 2026 kello 16.00" in response.json()["detail"]
    assert Proposal.objects.get(pk=proposal.pk).title == proposal.title
