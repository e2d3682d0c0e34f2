"""The applicant's pages: the proposal form in both modes, saving and submitting, the deadline, the
decision, attachments and invitations. Pages are requested in English (/en/) so assertions read the
source strings."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kokeilu.calls.models import ApplicantKind
from kokeilu.evaluation.models import DecisionOutcome
from kokeilu.proposals.forms import proposal_form_data
from kokeilu.proposals.models import Attachment, CoApplicant, CoApplicantStatus, Proposal, ProposalStatus
from tests.factories import CallFactory, DecisionFactory, ProposalFactory, SubmittedProposalFactory

from .helpers import HTML_BYTES, make_accepted_co_applicant, pdf_bytes, snapshot, upload

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"proposals:{name}", kwargs=kwargs)


def text(response) -> str:
    return response.content.decode()


def field_error(response, field: str) -> str:
    """The error text shown next to a field (tied to it by id for screen readers)."""
    match = re.search(
        rf'<div class="hds-[a-z-]+__error-text" id="id_{field}_error">(.*?)</div>', text(response)
    )
    assert match, f"no error shown for {field}"
    return match.group(1)


# --- the form ------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_first(resident_client, call):
    response = resident_client.get(url("create", slug=call.slug))
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next=/en/proposals/new/{call.slug}/"


def test_low_threshold_form_asks_only_the_essentials(client_for, applicant, low_threshold_call):
    response = client_for(applicant).get(url("create", slug=low_threshold_call.slug))
    assert response.status_code == 200
    page = text(response)
    for name in ("applicant_kind", "organisation_name", "title", "problem"):
        assert f'name="{name}"' in page
    for name in ("solution", "team", "budget", "duration_months", "schedule"):
        assert f'name="{name}"' not in page
    assert '<button type="submit" name="save" value="1"' in page
    assert "Save draft" in page
    assert "Submit proposal" in page
    deadline = timezone.localtime(low_threshold_call.closes_at)
    assert f'<time datetime="{deadline.isoformat()}">' in page


def test_full_form_has_a_field_per_question_labelled_with_it_and_help_below(client_for, applicant, full_call):
    required_question, optional_question = full_call.questions.order_by("position")
    page = text(client_for(applicant).get(url("create", slug=full_call.slug)))
    for name in ("solution", "team", "partner", "budget", "duration_months", "schedule"):
        assert f'name="{name}"' in page
    field_id = f"id_question_{required_question.pk}"
    label = re.search(rf'<label for="{field_id}" class="hds-text-input__label">(.*?)<', page)
    assert label and label.group(1) == "How will the experiment be measured?"
    help_text = re.search(
        rf'<div class="hds-text-input__helper-text" id="{field_id}_helptext">(.*?)</div>', page
    )
    assert help_text and help_text.group(1) == "Name the measures. Required to submit. At most 50 characters."
    assert f'aria-describedby="{field_id}_helptext"' in page
    assert (
        f'<label for="id_question_{optional_question.pk}" class="hds-text-input__label">Anything else?<'
        in page
    )
    # The form only offers the kinds the call accepts.
    assert '<option value="company">Company</option>' in page


def test_saving_a_draft_keeps_it_incomplete_and_returns_to_the_form(client_for, applicant, full_call):
    response = client_for(applicant).post(
        url("create", slug=full_call.slug),
        {"applicant_kind": "resident", "title": "Keskeneräinen idea", "solution": "Robotti", "save": "1"},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("edit", pk=proposal.pk)
    assert (proposal.status, proposal.title, proposal.solution, proposal.problem) == (
        ProposalStatus.DRAFT,
        "Keskeneräinen idea",
        "Robotti",
        "",
    )
    assert proposal.created_by == applicant


def test_an_invalid_form_saves_nothing_and_keeps_what_was_typed(client_for, applicant, full_call):
    response = client_for(applicant).post(
        url("create", slug=full_call.slug),
        {
            "applicant_kind": "resident",
            "title": "",
            "problem": "Kirjoitettu ongelma",
            "budget": "-5",
            "save": "1",
        },
    )
    assert response.status_code == 200
    assert Proposal.objects.count() == 0
    assert field_error(response, "title") == "This field is required."
    assert "Kirjoitettu ongelma</textarea>" in text(response)
    assert 'value="-5"' in text(response)


def test_failed_submission_saves_the_draft_and_marks_each_missing_field(client_for, applicant, full_call):
    required_question, _ = full_call.questions.order_by("position")
    response = client_for(applicant).post(
        url("create", slug=full_call.slug),
        {
            "applicant_kind": "company",
            "title": "Robotti opastaa",
            "problem": "Asiakkaat eksyvät.",
            "solution": "Opastava robotti",
            "budget": "9000",
            "duration_months": "12",
            "submit": "1",
        },
    )
    assert response.status_code == 200
    proposal = Proposal.objects.get()
    assert (proposal.status, proposal.title, proposal.solution, proposal.budget) == (
        ProposalStatus.DRAFT,
        "Robotti opastaa",
        "Opastava robotti",
        9000,
    )
    page = text(response)
    assert 'id="not-submitted"' in page
    assert f'action="{url("edit", pk=proposal.pk)}"' in page
    assert field_error(response, "team") == "This is required to submit the proposal."
    assert field_error(response, "duration_months") == "The pilot must last from 2 to 6 months."
    assert (
        field_error(response, f"question_{required_question.pk}")
        == "Answer this question to submit the proposal."
    )
    assert field_error(response, "organisation_name") == (
        "Give the name of your organisation (required for the type “Company”)."
    )
    assert "Opastava robotti</textarea>" in page
    assert 'value="12"' in page


def test_a_complete_proposal_is_submitted_from_the_form(
    client_for, applicant, low_threshold_call, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(applicant).post(
            url("create", slug=low_threshold_call.slug),
            {"applicant_kind": "resident", "title": "Idea", "problem": "Jonot.", "submit": "1"},
        )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", pk=proposal.pk)
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.submitted_at is not None
    assert [message.to for message in mailoutbox] == [["applicant@example.test"]]


def test_a_submitted_proposal_is_edited_with_save_changes_and_stays_submitted(
    client_for, applicant, submitted
):
    client = client_for(applicant)
    page = text(client.get(url("edit", pk=submitted.pk)))
    assert "Save changes" in page
    assert 'id="submit-proposal"' not in page
    data = proposal_form_data(submitted, {}) | {"title": "Uusi otsikko", "save": "1"}
    response = client.post(url("edit", pk=submitted.pk), data)
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.title, submitted.status) == ("Uusi otsikko", ProposalStatus.SUBMITTED)
    # Emptying a field a submitted proposal needs is refused and changes nothing.
    before = snapshot(submitted)
    response = client.post(url("edit", pk=submitted.pk), data | {"team": ""})
    assert response.status_code == 200
    assert field_error(response, "team") == "This is required to submit the proposal."
    assert snapshot(submitted) == before


def test_the_submit_button_on_the_page_shows_what_is_missing(client_for, applicant, low_threshold_call):
    proposal = ProposalFactory(call=low_threshold_call, created_by=applicant, problem="")
    response = client_for(applicant).post(url("submit", pk=proposal.pk))
    assert response.status_code == 200
    assert field_error(response, "problem") == "Describe the problem before you submit the proposal."
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT


def test_after_the_deadline_pages_explain_why_instead_of_showing_the_form(client_for, applicant, closed_call):
    proposal = ProposalFactory(call=closed_call, created_by=applicant, title="Myöhästynyt")
    client = client_for(applicant)
    expected = (
        "The deadline for proposals was Jan. 15, 2026, 4 p.m. (Finnish time). "
        "Proposals to this call can no longer be created or changed."
    )
    for page_url in (url("create", slug=closed_call.slug), url("edit", pk=proposal.pk)):
        response = client.get(page_url)
        assert response.status_code == 200
        assert 'id="closed-reason"' in text(response)
        assert expected in text(response)
        assert 'name="title"' not in text(response)
    before = snapshot(proposal)
    client.post(url("edit", pk=proposal.pk), {"applicant_kind": "company", "title": "Muutettu", "save": "1"})
    client.post(
        url("create", slug=closed_call.slug), {"applicant_kind": "resident", "title": "Uusi", "save": "1"}
    )
    client.post(url("submit", pk=proposal.pk))
    assert snapshot(proposal) == before
    assert Proposal.objects.count() == 1


# --- the proposal page and my proposals ---------------------------------------------------------------


def test_the_applicant_sees_the_decision_on_the_page_and_in_my_proposals(client_for, applicant, submitted):
    DecisionFactory(
        proposal=submitted, outcome=DecisionOutcome.RESERVE, reason="Hyvä, mutta rahat loppuivat."
    )
    client = client_for(applicant)
    detail = text(client.get(url("detail", pk=submitted.pk)))
    assert "Decision: Reserve" in detail
    assert "Hyvä, mutta rahat loppuivat." in detail
    # With a decision made, withdrawing is no longer offered.
    assert url("withdraw", pk=submitted.pk) not in detail
    mine = text(client.get(url("mine")))
    assert "Reserve</span>" in mine
    assert "Hyvä, mutta rahat loppuivat." in mine


def test_my_proposals_lists_own_and_co_applied_without_extra_queries(
    client_for, applicant, other_applicant, call, django_assert_max_num_queries
):
    for number in range(4):
        proposal = SubmittedProposalFactory(call=call, created_by=applicant, title=f"Oma {number}")
        DecisionFactory(proposal=proposal)
    for number in range(3):
        make_accepted_co_applicant(
            ProposalFactory(call=CallFactory(), created_by=other_applicant, title=f"Yhteinen {number}"),
            applicant,
        )
    ProposalFactory(call=call, created_by=other_applicant, title="Vieras")
    client = client_for(applicant)
    # Session, user, the base template's role check and one query for the whole list, whatever its size.
    with django_assert_max_num_queries(5):
        response = client.get(url("mine"))
    page = text(response)
    assert page.count('<th scope="row">') == 7
    assert "Vieras" not in page
    assert page.count(">Co-applicant</td>") == 3
    assert page.count(">Selected</span>") == 4


def test_withdrawing_asks_for_confirmation_first(client_for, applicant, submitted):
    client = client_for(applicant)
    confirm = client.get(url("withdraw", pk=submitted.pk))
    assert confirm.status_code == 200
    assert f'<form method="post" action="{url("withdraw", pk=submitted.pk)}">' in text(confirm)
    assert Proposal.objects.get(pk=submitted.pk).status == ProposalStatus.SUBMITTED
    response = client.post(url("withdraw", pk=submitted.pk))
    assert response.status_code == 302
    assert Proposal.objects.get(pk=submitted.pk).status == ProposalStatus.WITHDRAWN


def test_reopening_makes_a_withdrawn_proposal_a_draft_again(client_for, applicant, submitted):
    Proposal.objects.filter(pk=submitted.pk).update(
        status=ProposalStatus.WITHDRAWN, withdrawn_at=timezone.now()
    )
    response = client_for(applicant).post(url("reopen", pk=submitted.pk))
    assert response.status_code == 302
    assert response["Location"] == url("edit", pk=submitted.pk)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.submitted_at, submitted.withdrawn_at) == ("draft", None, None)


# --- attachments ---------------------------------------------------------------------------------------


def test_an_attachment_is_uploaded_and_downloaded_as_a_file(client_for, applicant, draft):
    client = client_for(applicant)
    response = client.post(
        url("attachment_upload", pk=draft.pk), {"file": upload("Budjetti ä.pdf", pdf_bytes())}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    download = client.get(url("attachment_download", pk=draft.pk, attachment_pk=attachment.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == "attachment; filename*=utf-8''Budjetti%20%C3%A4.pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == pdf_bytes()


def test_a_refused_upload_is_explained_next_to_the_file_field(client_for, applicant, draft, private_media):
    response = client_for(applicant).post(
        url("attachment_upload", pk=draft.pk), {"file": upload("sivu.pdf", HTML_BYTES)}
    )
    assert response.status_code == 200
    assert field_error(response, "file") == (
        "The content of the file does not match its type (.pdf), so it was not accepted."
    )
    assert Attachment.objects.count() == 0
    assert not private_media.exists() or not any(path.is_file() for path in private_media.rglob("*"))


def test_removing_an_attachment(client_for, applicant, draft):
    client = client_for(applicant)
    client.post(url("attachment_upload", pk=draft.pk), {"file": upload("a.pdf", pdf_bytes())})
    attachment = Attachment.objects.get()
    response = client.post(url("attachment_delete", pk=draft.pk, attachment_pk=attachment.pk))
    assert response.status_code == 302
    assert Attachment.objects.count() == 0


# --- co-applicants -------------------------------------------------------------------------------------


def test_inviting_and_accepting_a_co_applicant(
    client_for, applicant, co_applicant, draft, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(applicant).post(
            url("coapplicant_invite", pk=draft.pk), {"email": "co@example.test"}
        )
    assert response.status_code == 302
    invitation = CoApplicant.objects.get()
    assert f"/en/proposals/invitations/{invitation.token}/" in mailoutbox[0].body

    guest = client_for(co_applicant)
    assert guest.get(url("detail", pk=draft.pk)).status_code == 404
    page = guest.get(url("invitation", token=invitation.token))
    assert page.status_code == 200
    assert "Palveluopas robotti" in text(page)
    response = guest.post(url("invitation", token=invitation.token), {"action": "accept"})
    assert response.status_code == 302
    assert response["Location"] == url("detail", pk=draft.pk)
    assert CoApplicant.objects.get().status == CoApplicantStatus.ACCEPTED
    assert guest.get(url("edit", pk=draft.pk)).status_code == 200


def test_declining_an_invitation(client_for, applicant, co_applicant, draft):
    invitation = CoApplicant.objects.create(proposal=draft, email="co@example.test", invited_by=applicant)
    response = client_for(co_applicant).post(url("invitation", token=invitation.token), {"action": "decline"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.status, invitation.user) == (CoApplicantStatus.DECLINED, co_applicant)
    assert client_for(co_applicant).get(url("detail", pk=draft.pk)).status_code == 404


def test_invitation_links_need_a_login_and_a_real_token(
    resident_client, client_for, co_applicant, draft, applicant
):
    invitation = CoApplicant.objects.create(proposal=draft, email="co@example.test", invited_by=applicant)
    anonymous = resident_client.get(url("invitation", token=invitation.token))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/en/accounts/login/?next=")
    assert client_for(co_applicant).get(url("invitation", token="not-a-token")).status_code == 404


def test_an_invalid_invitation_address_is_shown_next_to_the_field(client_for, applicant, draft):
    response = client_for(applicant).post(
        url("coapplicant_invite", pk=draft.pk), {"email": "applicant@example.test"}
    )
    assert response.status_code == 200
    assert field_error(response, "email") == "You cannot invite yourself."
    assert CoApplicant.objects.count() == 0


def test_revoking_a_co_applicant(client_for, applicant, co_applicant, draft):
    membership = make_accepted_co_applicant(draft, co_applicant)
    response = client_for(applicant).post(
        url("coapplicant_revoke", pk=draft.pk, coapplicant_pk=membership.pk)
    )
    assert response.status_code == 302
    assert CoApplicant.objects.get().status == CoApplicantStatus.REVOKED
    assert client_for(co_applicant).get(url("detail", pk=draft.pk)).status_code == 404


def test_a_call_not_yet_open_shows_when_it_opens(client_for, applicant, platform):
    opens_at = timezone.now() + timedelta(days=2)
    call = CallFactory(platform=platform, opens_at=opens_at, closes_at=opens_at + timedelta(days=5))
    page = text(client_for(applicant).get(url("create", slug=call.slug)))
    assert "The call is not open yet. It opens for proposals on" in page
    assert 'name="title"' not in page


def test_an_unpublished_call_is_not_found(client_for, applicant, call):
    call.published_at = None
    call.save()
    assert client_for(applicant).get(url("create", slug=call.slug)).status_code == 404


def test_city_staff_kind_refused_for_outsiders_next_to_the_field(client_for, applicant, low_threshold_call):
    response = client_for(applicant).post(
        url("create", slug=low_threshold_call.slug),
        {"applicant_kind": ApplicantKind.CITY_STAFF, "title": "Idea", "save": "1"},
    )
    assert response.status_code == 200
    assert (
        field_error(response, "applicant_kind")
        == "Only the city’s own staff can apply as city staff (city: Espoo)."
    )
    assert Proposal.objects.count() == 0
