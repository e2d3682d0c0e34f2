"""The rules of proposals, tested through the services: modes, drafts, transitions, eligibility, the
deadline, co-applicants, attachments and the e-mails they send."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from kokeilu.accounts.models import Role
from kokeilu.calls.models import ApplicantKind
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.proposals import services, tasks
from kokeilu.proposals.models import (
    PROPOSAL_TRANSITIONS,
    Attachment,
    CoApplicant,
    CoApplicantStatus,
    Proposal,
    ProposalAnswer,
    ProposalStatus,
)
from kokeilu.proposals.selectors import proposal_list_visible_to, user_can_edit_proposal
from kokeilu.proposals.services import ProposalNotValidError
from tests.factories import (
    CallFactory,
    CallQuestionFactory,
    DecisionFactory,
    MembershipFactory,
    ProposalFactory,
    ReviewAssignmentFactory,
    SubmittedProposalFactory,
    UserFactory,
)

from .helpers import (
    EXECUTABLE_BYTES,
    HTML_BYTES,
    docx_bytes,
    make_accepted_co_applicant,
    pdf_bytes,
    png_bytes,
    snapshot,
    upload,
)

pytestmark = pytest.mark.django_db

NOT_ALLOWED_TYPE = (
    "Files of this type cannot be attached. "
    "Allowed types: csv, docx, jpeg, jpg, odp, ods, odt, pdf, png, pptx, txt, xlsx."
)
CLOSED_MESSAGE_EN = (
    "The deadline for proposals was Jan. 15, 2026, 4 p.m. (Finnish time). "
    "Proposals to this call can no longer be created or changed."
)


def complete_full_content() -> dict:
    return {
        "applicant_kind": ApplicantKind.COMPANY,
        "organisation_name": "Robotiikka Oy",
        "title": "Robotti opastaa",
        "problem": "Asiakkaat eksyvät.",
        "solution": "Robotti opastaa asiakkaat oikealle tiskille.",
        "team": "Kaksi insinööriä.",
        "budget": Decimal("8000.00"),
        "duration_months": 4,
        "schedule": "Kesä–syyskuu.",
    }


def questions_of(call):
    required, optional = list(call.questions.order_by("position"))
    return required, optional


# --- modes and drafts ----------------------------------------------------------------------------------


def test_a_draft_needs_only_a_title_and_an_applicant_kind(low_threshold_call, applicant):
    with translation.override("sv"):
        proposal = services.proposal_create_draft(
            call=low_threshold_call, created_by=applicant, applicant_kind=ApplicantKind.RESIDENT, title="Idea"
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.title == "Idea"
    assert proposal.problem == ""
    assert proposal.submitted_at is None
    assert proposal.language == "sv"
    assert proposal.created_by == applicant


def test_a_draft_without_a_title_is_refused_and_nothing_is_stored(low_threshold_call, applicant):
    with pytest.raises(ProposalNotValidError) as raised:
        services.proposal_create_draft(
            call=low_threshold_call, created_by=applicant, applicant_kind=ApplicantKind.RESIDENT, title="  "
        )
    assert list(raised.value.errors) == ["title"]
    assert Proposal.objects.count() == 0


def test_low_threshold_submission_needs_only_title_and_problem(low_threshold_call, applicant, mailoutbox):
    proposal = services.proposal_create_draft(
        call=low_threshold_call, created_by=applicant, applicant_kind=ApplicantKind.RESIDENT, title="Idea"
    )
    with translation.override("en"), pytest.raises(ProposalNotValidError) as raised:
        services.proposal_submit(proposal=proposal, submitted_by=applicant)
    assert raised.value.errors == {"problem": ["Describe the problem before you submit the proposal."]}
    proposal.refresh_from_db()
    assert (proposal.status, proposal.submitted_at) == (ProposalStatus.DRAFT, None)

    services.proposal_update(proposal=proposal, updated_by=applicant, problem="Jonot ovat pitkiä.")
    before = timezone.now()
    submitted = services.proposal_submit(proposal=proposal, submitted_by=applicant)
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED
    assert before <= submitted.submitted_at <= timezone.now()
    assert submitted.submitted_at < low_threshold_call.closes_at


def test_organisations_must_name_themselves_to_submit(low_threshold_call, applicant):
    proposal = services.proposal_create_draft(
        call=low_threshold_call,
        created_by=applicant,
        applicant_kind=ApplicantKind.ASSOCIATION,
        title="Idea",
        problem="Ongelma.",
    )
    with translation.override("en"), pytest.raises(ProposalNotValidError) as raised:
        services.proposal_submit(proposal=proposal, submitted_by=applicant)
    assert raised.value.errors == {
        "organisation_name": ["Give the name of your organisation (required for the type “Association”)."]
    }
    services.proposal_update(proposal=proposal, updated_by=applicant, organisation_name="Kyläyhdistys ry")
    assert services.proposal_submit(proposal=proposal, submitted_by=applicant).status == "submitted"


def test_full_mode_lists_every_missing_piece_at_once(full_call, applicant):
    required_question, _optional = questions_of(full_call)
    proposal = services.proposal_create_draft(
        call=full_call, created_by=applicant, applicant_kind=ApplicantKind.RESIDENT, title="Keskeneräinen"
    )
    with translation.override("en"), pytest.raises(ProposalNotValidError) as raised:
        services.proposal_submit(proposal=proposal, submitted_by=applicant)
    required = ["This is required to submit the proposal."]
    assert raised.value.errors == {
        "problem": ["Describe the problem before you submit the proposal."],
        "solution": required,
        "team": required,
        "schedule": required,
        "budget": required,
        "duration_months": ["The pilot must last from 2 to 6 months."],
        f"question_{required_question.pk}": ["Answer this question to submit the proposal."],
    }
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT


def test_a_complete_full_application_submits_with_its_answers(full_call, applicant):
    required_question, optional_question = questions_of(full_call)
    proposal = services.proposal_create_draft(
        call=full_call,
        created_by=applicant,
        answers={required_question.pk: "Kävijämäärät."},
        **complete_full_content(),
    )
    submitted = services.proposal_submit(proposal=proposal, submitted_by=applicant)
    assert submitted.status == ProposalStatus.SUBMITTED
    assert submitted.partner == ""
    assert dict(proposal.answers.values_list("question_id", "text")) == {
        required_question.pk: "Kävijämäärät."
    }
    assert not ProposalAnswer.objects.filter(question=optional_question).exists()


@pytest.mark.parametrize(("months", "accepted"), [(1, False), (2, True), (6, True), (7, False)])
def test_full_mode_duration_must_be_within_the_calls_range(full_call, applicant, months, accepted):
    required_question, _ = questions_of(full_call)
    content = complete_full_content() | {"duration_months": months}
    proposal = services.proposal_create_draft(
        call=full_call, created_by=applicant, answers={required_question.pk: "Mittarit."}, **content
    )
    if accepted:
        assert services.proposal_submit(proposal=proposal, submitted_by=applicant).status == "submitted"
    else:
        with translation.override("en"), pytest.raises(ProposalNotValidError) as raised:
            services.proposal_submit(proposal=proposal, submitted_by=applicant)
        assert raised.value.errors == {"duration_months": ["The pilot must last from 2 to 6 months."]}


def test_a_negative_budget_is_refused_even_in_a_draft(full_call, applicant):
    with translation.override("en"), pytest.raises(ProposalNotValidError) as raised:
        services.proposal_create_draft(
            call=full_call,
            created_by=applicant,
            applicant_kind=ApplicantKind.RESIDENT,
            title="Idea",
            budget=Decimal("-1"),
        )
    assert raised.value.errors["budget"] == ["The budget cannot be negative."]
    assert Proposal.objects.count() == 0


def test_answers_are_limited_to_the_questions_length_and_to_the_calls_questions(full_call, applicant, call):
    required_question, _ = questions_of(full_call)
    foreign_question = CallQuestionFactory(call=call)
    proposal = ProposalFactory(call=full_call, created_by=applicant)
    before = snapshot(proposal)
    with translation.override("en"), pytest.raises(ProposalNotValidError) as raised:
        services.proposal_update(
            proposal=proposal,
            updated_by=applicant,
            title="Uusi nimi",
            answers={required_question.pk: "x" * 51, foreign_question.pk: "Vastaus"},
        )
    assert raised.value.errors == {
        f"question_{required_question.pk}": ["The answer can be at most 50 characters long (it has 51)."],
        "answers": [f"{foreign_question.pk} is not a question of this call."],
    }
    assert snapshot(proposal) == before


def test_answers_are_updated_in_place(full_call, applicant):
    required_question, optional_question = questions_of(full_call)
    proposal = ProposalFactory(call=full_call, created_by=applicant)
    services.proposal_update(
        proposal=proposal,
        updated_by=applicant,
        answers={required_question.pk: "Eka", optional_question.pk: "Toka"},
    )
    services.proposal_update(proposal=proposal, updated_by=applicant, answers={required_question.pk: "Uusi"})
    assert dict(proposal.answers.values_list("question_id", "text")) == {
        required_question.pk: "Uusi",
        optional_question.pk: "Toka",
    }
    assert proposal.answers.count() == 2


def test_a_submitted_proposal_stays_editable_and_submitted_but_must_stay_complete(submitted, applicant):
    updated = services.proposal_update(proposal=submitted, updated_by=applicant, title="Parempi otsikko")
    assert (updated.status, updated.title) == (ProposalStatus.SUBMITTED, "Parempi otsikko")
    assert updated.submitted_at == submitted.submitted_at
    before = snapshot(submitted)
    with pytest.raises(ProposalNotValidError) as raised:
        services.proposal_update(proposal=submitted, updated_by=applicant, problem="")
    assert list(raised.value.errors) == ["problem"]
    assert snapshot(submitted) == before


def test_submitting_twice_is_refused(submitted, applicant):
    with translation.override("en"), pytest.raises(ApplicationError) as raised:
        services.proposal_submit(proposal=submitted, submitted_by=applicant)
    assert raised.value.message == "The proposal has already been submitted."


# --- eligibility ---------------------------------------------------------------------------------------


def test_a_kind_the_call_does_not_accept_is_refused_on_the_applicant_kind_field(call, applicant):
    call.eligibility = [ApplicantKind.COMPANY, ApplicantKind.SCHOOL]
    call.save()
    with translation.override("en"), pytest.raises(ApplicationError) as raised:
        services.proposal_create_draft(
            call=call, created_by=applicant, applicant_kind=ApplicantKind.RESIDENT, title="Idea"
        )
    assert raised.value.field == "applicant_kind"
    assert raised.value.message == (
        "This call does not accept proposals from this kind of applicant. Who may apply: Company, School."
    )
    assert Proposal.objects.count() == 0


def test_only_staff_of_the_calls_city_may_apply_as_city_staff(call, applicant, city_unit, other_city):
    outsider = UserFactory(username="helsinki_staff")
    MembershipFactory(user=outsider, organisation=other_city, role=Role.MEMBER)
    for person in (applicant, outsider):
        with translation.override("en"), pytest.raises(ApplicationError) as raised:
            services.proposal_create_draft(
                call=call, created_by=person, applicant_kind=ApplicantKind.CITY_STAFF, title="Idea"
            )
        assert (raised.value.field, raised.value.message) == (
            "applicant_kind",
            "Only the city’s own staff can apply as city staff (city: Espoo).",
        )
    staff = UserFactory(username="unit_staff")
    MembershipFactory(user=staff, organisation=city_unit, role=Role.MEMBER)
    proposal = services.proposal_create_draft(
        call=call, created_by=staff, applicant_kind=ApplicantKind.CITY_STAFF, title="Idea"
    )
    assert Proposal.objects.filter(pk=proposal.pk, applicant_kind="city_staff").exists()


def test_eligibility_is_checked_again_on_submit(draft, applicant, call):
    call.eligibility = [ApplicantKind.RESIDENT]
    call.save()
    with pytest.raises(ApplicationError) as raised:
        services.proposal_submit(proposal=draft, submitted_by=applicant)
    assert raised.value.field == "applicant_kind"
    assert Proposal.objects.get(pk=draft.pk).status == ProposalStatus.DRAFT


# --- the deadline --------------------------------------------------------------------------------------


def _attempt(action, proposal, applicant, call):
    if action == "create":
        services.proposal_create_draft(
            call=call, created_by=applicant, applicant_kind=ApplicantKind.RESIDENT, title="Myöhässä"
        )
    elif action == "update":
        services.proposal_update(proposal=proposal, updated_by=applicant, title="Myöhässä")
    elif action == "submit":
        services.proposal_submit(proposal=proposal, submitted_by=applicant)
    elif action == "reopen":
        Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.WITHDRAWN)
        services.proposal_reopen(proposal=proposal, reopened_by=applicant)
    elif action == "attach":
        services.attachment_upload(
            proposal=proposal, uploaded_by=applicant, file=upload("a.pdf", pdf_bytes())
        )
    elif action == "invite":
        services.coapplicant_invite(proposal=proposal, invited_by=applicant, email="kumppani@example.test")


@pytest.mark.parametrize("action", ["create", "update", "submit", "reopen", "attach", "invite"])
def test_every_change_after_the_deadline_is_refused_with_the_deadline_in_finnish_time(
    closed_call, applicant, action
):
    proposal = ProposalFactory(call=closed_call, created_by=applicant, title="Ajoissa")
    with translation.override("en"), pytest.raises(ApplicationError) as raised:
        _attempt(action, proposal, applicant, closed_call)
    assert type(raised.value) is ApplicationError
    assert raised.value.message == CLOSED_MESSAGE_EN
    proposal.refresh_from_db()
    assert proposal.title == "Ajoissa"
    assert proposal.submitted_at is None
    assert Proposal.objects.count() == 1
    assert Attachment.objects.count() == 0
    assert CoApplicant.objects.count() == 0


def test_the_deadline_is_shown_in_the_active_languages_format(closed_call, applicant):
    with translation.override("fi"), pytest.raises(ApplicationError) as raised:
        services.proposal_create_draft(
            call=closed_call, created_by=applicant, applicant_kind=ApplicantKind.RESIDENT, title="Myöhässä"
        )
    assert "15. tammikuuta 2026 kello 16.00" in raised.value.message


def test_a_call_that_has_not_opened_refuses_with_its_opening_time(platform, applicant):
    opens_at = timezone.now() + timedelta(days=3)
    call = CallFactory(platform=platform, opens_at=opens_at, closes_at=opens_at + timedelta(days=7))
    with translation.override("en"), pytest.raises(ApplicationError) as raised:
        services.proposal_create_draft(
            call=call, created_by=applicant, applicant_kind=ApplicantKind.RESIDENT, title="Liian aikaisin"
        )
    assert raised.value.message.startswith("The call is not open yet. It opens for proposals on ")
    assert Proposal.objects.count() == 0


def test_an_unpublished_call_takes_no_proposals(call, applicant):
    call.published_at = None
    call.save()
    with pytest.raises(ApplicationError):
        services.proposal_create_draft(
            call=call, created_by=applicant, applicant_kind=ApplicantKind.RESIDENT, title="Idea"
        )
    assert Proposal.objects.count() == 0


# --- withdrawal and reopening --------------------------------------------------------------------------


def test_transitions_come_from_one_table():
    expected = {"draft": {"submitted", "withdrawn"}, "submitted": {"withdrawn"}, "withdrawn": {"draft"}}
    assert dict(PROPOSAL_TRANSITIONS) == expected


def test_withdraw_is_allowed_after_the_deadline_until_a_decision_exists(closed_call, applicant):
    proposal = SubmittedProposalFactory(call=closed_call, created_by=applicant)
    withdrawn = services.proposal_withdraw(proposal=proposal, withdrawn_by=applicant)
    assert withdrawn.status == ProposalStatus.WITHDRAWN
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.submitted_at == proposal.submitted_at


def test_withdraw_is_refused_once_a_decision_exists(submitted, applicant, programme_manager):
    DecisionFactory(proposal=submitted, decided_by=programme_manager)
    before = snapshot(submitted)
    with translation.override("en"), pytest.raises(ApplicationError) as raised:
        services.proposal_withdraw(proposal=submitted, withdrawn_by=applicant)
    assert raised.value.message == (
        "A decision has already been made on this proposal, so it can no longer be withdrawn."
    )
    assert snapshot(submitted) == before


def test_withdrawing_twice_and_reopening_a_draft_are_refused(draft, applicant):
    services.proposal_withdraw(proposal=draft, withdrawn_by=applicant)
    with pytest.raises(ApplicationError):
        services.proposal_withdraw(proposal=draft, withdrawn_by=applicant)
    reopened = services.proposal_reopen(proposal=draft, reopened_by=applicant)
    assert (reopened.status, reopened.submitted_at, reopened.withdrawn_at) == ("draft", None, None)
    with pytest.raises(ApplicationError):
        services.proposal_reopen(proposal=draft, reopened_by=applicant)


def test_a_submitted_proposal_cannot_go_back_to_draft_without_withdrawing(submitted, applicant):
    with pytest.raises(ApplicationError):
        services.proposal_reopen(proposal=submitted, reopened_by=applicant)
    assert Proposal.objects.get(pk=submitted.pk).status == ProposalStatus.SUBMITTED


def test_a_withdrawn_proposal_is_not_edited_or_submitted_until_reopened(draft, applicant):
    services.proposal_withdraw(proposal=draft, withdrawn_by=applicant)
    before = snapshot(draft)
    with pytest.raises(ApplicationError):
        services.proposal_update(proposal=draft, updated_by=applicant, title="Muutos")
    with pytest.raises(ApplicationError):
        services.proposal_submit(proposal=draft, submitted_by=applicant)
    assert snapshot(draft) == before


# --- co-applicants -------------------------------------------------------------------------------------


def test_invitation_is_emailed_after_commit_in_the_inviters_language(
    draft, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        invitation = services.coapplicant_invite(
            proposal=draft, invited_by=applicant, email="Kumppani@Example.TEST"
        )
    assert invitation.email == "kumppani@example.test"
    assert invitation.status == CoApplicantStatus.INVITED
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["kumppani@example.test"]
    assert message.subject == "You are invited to co-write a proposal: Palveluopas robotti"
    assert f"http://127.0.0.1:8000/en/proposals/invitations/{invitation.token}/" in message.body
    invitation.refresh_from_db()
    assert invitation.invitation_sent_at is not None
    # Idempotent: running the task again sends nothing.
    tasks.send_coapplicant_invitation(coapplicant_id=invitation.pk, language="en")
    assert len(mailoutbox) == 1


def test_invitations_refuse_yourself_duplicates_and_bad_addresses(draft, applicant):
    services.coapplicant_invite(proposal=draft, invited_by=applicant, email="kumppani@example.test")
    for email in ("applicant@example.test", "KUMPPANI@example.test", "ei-osoite"):
        with pytest.raises(ApplicationError) as raised:
            services.coapplicant_invite(proposal=draft, invited_by=applicant, email=email)
        assert raised.value.field == "email"
    assert list(draft.co_applicants.values_list("email", flat=True)) == ["kumppani@example.test"]


def test_an_accepted_co_applicant_edits_and_submits_but_neither_withdraws_nor_invites(
    draft, applicant, co_applicant, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = services.coapplicant_invite(proposal=draft, invited_by=applicant, email="joku@example.test")
    accepted = services.coapplicant_accept(coapplicant=invitation, user=co_applicant)
    assert (accepted.status, accepted.user) == (CoApplicantStatus.ACCEPTED, co_applicant)
    assert user_can_edit_proposal(co_applicant, draft)
    services.proposal_update(proposal=draft, updated_by=co_applicant, title="Yhdessä kirjoitettu")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_submit(proposal=draft, submitted_by=co_applicant)
    # The confirmation goes to the applicant who created the proposal.
    assert [message.to for message in mailoutbox] == [["applicant@example.test"]]
    before = snapshot(draft)
    with pytest.raises(PermissionDeniedError):
        services.proposal_withdraw(proposal=draft, withdrawn_by=co_applicant)
    with pytest.raises(PermissionDeniedError):
        services.coapplicant_invite(proposal=draft, invited_by=co_applicant, email="toinen@example.test")
    with pytest.raises(PermissionDeniedError):
        services.coapplicant_revoke(coapplicant=accepted, revoked_by=co_applicant)
    assert snapshot(draft) == before


def test_an_answered_invitation_cannot_be_answered_again(draft, applicant, co_applicant, other_applicant):
    invitation = services.coapplicant_invite(proposal=draft, invited_by=applicant, email="joku@example.test")
    services.coapplicant_decline(coapplicant=invitation, user=co_applicant)
    for answer in (services.coapplicant_accept, services.coapplicant_decline):
        with pytest.raises(ApplicationError):
            answer(coapplicant=invitation, user=other_applicant)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.user) == (CoApplicantStatus.DECLINED, co_applicant)
    assert not user_can_edit_proposal(co_applicant, draft)
    assert not proposal_list_visible_to(user=co_applicant).exists()


def test_the_applicant_cannot_accept_their_own_invitation(draft, applicant):
    invitation = services.coapplicant_invite(proposal=draft, invited_by=applicant, email="joku@example.test")
    with pytest.raises(ApplicationError):
        services.coapplicant_accept(coapplicant=invitation, user=applicant)
    assert CoApplicant.objects.get(pk=invitation.pk).status == CoApplicantStatus.INVITED


def test_revoking_removes_a_co_applicants_access(draft, applicant, co_applicant):
    membership = make_accepted_co_applicant(draft, co_applicant)
    assert list(proposal_list_visible_to(user=co_applicant)) == [draft]
    services.coapplicant_revoke(coapplicant=membership, revoked_by=applicant)
    assert CoApplicant.objects.get(pk=membership.pk).status == CoApplicantStatus.REVOKED
    assert not proposal_list_visible_to(user=co_applicant).exists()
    with pytest.raises(PermissionDeniedError):
        services.proposal_update(proposal=draft, updated_by=co_applicant, title="Ei enää")


# --- attachments ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Budjetti.pdf", pdf_bytes(), "application/pdf"),
        ("kuva.PNG", png_bytes(), "image/png"),
        ("valokuva.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        (
            "suunnitelma.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("muistio.txt", "Hyvää päivää\n".encode(), "text/plain"),
        ("luvut.csv", "kunta;määrä\nEspoo;3\n".encode(), "text/csv"),
    ],
)
def test_allowed_files_are_stored_under_a_random_name(
    draft, applicant, private_media, name, content, content_type
):
    attachment = services.attachment_upload(
        proposal=draft, uploaded_by=applicant, file=upload(name, content, "application/x-anything")
    )
    attachment.refresh_from_db()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        name,
        content_type,
        len(content),
    )
    assert attachment.file.name.startswith(f"proposals/{draft.pk}/")
    assert name.split(".")[0] not in attachment.file.name
    with attachment.file.open("rb") as handle:
        assert handle.read() == content
    assert (private_media / attachment.file.name).is_file()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "ohjelma.pdf",
            EXECUTABLE_BYTES,
            "The content of the file does not match its type (.pdf), so it was not accepted.",
        ),
        (
            "sivu.pdf",
            HTML_BYTES,
            "The content of the file does not match its type (.pdf), so it was not accepted.",
        ),
        (
            "kuva.png",
            pdf_bytes(),
            "The content of the file does not match its type (.png), so it was not accepted.",
        ),
        (
            "asiakirja.docx",
            pdf_bytes(),
            "The content of the file does not match its type (.docx), so it was not accepted.",
        ),
        (
            "muistio.txt",
            b"teksti\x00binaari",
            "The content of the file does not match its type (.txt), so it was not accepted.",
        ),
        (
            "luvut.csv",
            "määrä".encode("latin-1"),
            "The content of the file does not match its type (.csv), so it was not accepted.",
        ),
        (
            "ohjelma.exe",
            EXECUTABLE_BYTES,
            NOT_ALLOWED_TYPE,
        ),
        (
            "sivu.html",
            HTML_BYTES,
            NOT_ALLOWED_TYPE,
        ),
        (
            "pdf",
            pdf_bytes(),
            NOT_ALLOWED_TYPE,
        ),
        ("tyhja.pdf", b"", "The file is empty."),
    ],
)
def test_refused_files_leave_no_trace(draft, applicant, private_media, name, content, message):
    with translation.override("en"), pytest.raises(ApplicationError) as raised:
        services.attachment_upload(
            proposal=draft, uploaded_by=applicant, file=upload(name, content, "application/pdf")
        )
    assert (raised.value.field, raised.value.message) == ("file", message)
    assert Attachment.objects.count() == 0
    assert not private_media.exists() or not any(path.is_file() for path in private_media.rglob("*"))


def test_files_over_the_size_limit_are_refused(draft, applicant, settings):
    settings.KOKEILU_ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    content = pdf_bytes() + b" " * (2 * 1024 * 1024)
    with translation.override("en"), pytest.raises(ApplicationError) as raised:
        services.attachment_upload(proposal=draft, uploaded_by=applicant, file=upload("iso.pdf", content))
    assert (raised.value.field, raised.value.message) == (
        "file",
        "The file is too large: at most 2 MB is allowed.",
    )
    assert Attachment.objects.count() == 0


def test_at_most_ten_attachments(draft, applicant):
    for number in range(10):
        services.attachment_upload(
            proposal=draft, uploaded_by=applicant, file=upload(f"{number}.pdf", pdf_bytes())
        )
    with translation.override("en"), pytest.raises(ApplicationError) as raised:
        services.attachment_upload(proposal=draft, uploaded_by=applicant, file=upload("11.pdf", pdf_bytes()))
    assert raised.value.message == "A proposal can have at most 10 attachments. Remove one to add another."
    assert draft.attachments.count() == 10


def test_the_original_name_loses_its_path_and_control_characters(draft, applicant):
    attachment = services.attachment_upload(
        proposal=draft, uploaded_by=applicant, file=upload("../../etc/pass\x07wd.pdf", pdf_bytes())
    )
    assert attachment.original_name == "passwd.pdf"


def test_deleting_an_attachment_removes_the_file_after_commit(
    draft, applicant, private_media, django_capture_on_commit_callbacks
):
    attachment = services.attachment_upload(
        proposal=draft, uploaded_by=applicant, file=upload("a.pdf", pdf_bytes())
    )
    path = private_media / attachment.file.name
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(attachment=attachment, deleted_by=applicant)
    assert not Attachment.objects.exists()
    assert not path.exists()


def test_others_cannot_attach_or_delete(draft, applicant, other_applicant, private_media):
    attachment = services.attachment_upload(
        proposal=draft, uploaded_by=applicant, file=upload("a.pdf", pdf_bytes())
    )
    with pytest.raises(PermissionDeniedError):
        services.attachment_upload(
            proposal=draft, uploaded_by=other_applicant, file=upload("b.pdf", pdf_bytes())
        )
    with pytest.raises(PermissionDeniedError):
        services.attachment_delete(attachment=attachment, deleted_by=other_applicant)
    assert list(draft.attachments.values_list("original_name", flat=True)) == ["a.pdf"]
    assert sorted(path.name for path in private_media.rglob("*") if path.is_file()) == [
        attachment.file.name.rsplit("/", 1)[1]
    ]


# --- confirmation e-mail -------------------------------------------------------------------------------


def test_submission_confirmation_is_sent_once_per_submission(
    draft, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    applicant.preferred_language = "en"
    applicant.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_submit(proposal=draft, submitted_by=applicant)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["applicant@example.test"]
    assert mailoutbox[0].subject == "Your proposal was submitted: Palveluopas robotti"
    assert f"http://127.0.0.1:8000/en/proposals/{draft.pk}/" in mailoutbox[0].body
    tasks.send_submission_confirmation(proposal_id=draft.pk)
    assert len(mailoutbox) == 1

    services.proposal_withdraw(proposal=draft, withdrawn_by=applicant)
    services.proposal_reopen(proposal=draft, reopened_by=applicant)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_submit(proposal=draft, submitted_by=applicant)
    assert len(mailoutbox) == 2


def test_no_confirmation_is_sent_when_submission_is_refused(
    low_threshold_call, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(call=low_threshold_call, created_by=applicant, problem="")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ProposalNotValidError):
        services.proposal_submit(proposal=proposal, submitted_by=applicant)
    assert mailoutbox == []


# --- the visibility rule -------------------------------------------------------------------------------


def test_each_visible_proposal_is_listed_once(
    submitted, applicant, co_applicant, reviewer, second_reviewer, programme_manager, site_admin
):
    make_accepted_co_applicant(submitted, co_applicant)
    ReviewAssignmentFactory(proposal=submitted, reviewer=reviewer)
    ReviewAssignmentFactory(proposal=submitted, reviewer=second_reviewer)
    for person in (applicant, co_applicant, reviewer, programme_manager, site_admin):
        assert list(proposal_list_visible_to(user=person)) == [submitted]


def test_managers_and_admins_do_not_see_drafts(
    draft, submitted, applicant, programme_manager, site_admin, other_city_manager, other_applicant
):
    assert set(proposal_list_visible_to(user=applicant)) == {draft, submitted}
    assert list(proposal_list_visible_to(user=programme_manager)) == [submitted]
    assert list(proposal_list_visible_to(user=site_admin)) == [submitted]
    assert list(proposal_list_visible_to(user=other_city_manager)) == []
    assert list(proposal_list_visible_to(user=other_applicant)) == []
