"""Checks every proposal service shares: who may change a proposal, whether the call is open, which
status changes are allowed, eligibility, and validating a proposal with every error at once."""

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.accounts.selectors import user_is_city_staff
from kokeilu.calls.models import ApplicantKind, Call, CallQuestion, ProposalMode
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.proposals.models import PROPOSAL_TRANSITIONS, Proposal, ProposalAnswer, ProposalStatus
from kokeilu.proposals.selectors import call_closed_reason, user_can_edit_proposal

ORGANISATION_KINDS = frozenset(
    {ApplicantKind.COMPANY, ApplicantKind.ASSOCIATION, ApplicantKind.SCHOOL, ApplicantKind.RESEARCH}
)


class ProposalContent(TypedDict, total=False):
    """The fields an applicant writes. Any subset may be given to `proposal_update`."""

    applicant_kind: str
    organisation_name: str
    title: str
    problem: str
    solution: str
    team: str
    partner: str
    budget: Decimal | None
    budget_details: str
    duration_months: int | None
    schedule: str


CONTENT_FIELDS: tuple[str, ...] = tuple(ProposalContent.__annotations__)


class ProposalNotValidError(ApplicationError):
    """The proposal has problems in several fields at once; `errors` maps each field to its messages.

    Answers to call questions are reported under `question_<id>`. The first error is also the exception's
    message and field, so code that only knows ApplicationError still shows something useful.
    """

    def __init__(self, errors: dict[str, list[str]]) -> None:
        field, messages = next(iter(errors.items()))
        super().__init__(messages[0], field=field if field != "__all__" else None, code="proposal_not_valid")
        self.errors = errors


def require_call_open(call: Call, moment: datetime) -> None:
    reason = call_closed_reason(call, moment)
    if reason is not None:
        raise ApplicationError(reason, code="call_not_open")


def require_editor(user: User, proposal: Proposal) -> None:
    if not user_can_edit_proposal(user, proposal):
        raise PermissionDeniedError(
            _("Only the applicant and accepted co-applicants can change this proposal.")
        )


def require_owner(user: User, proposal: Proposal, message: str) -> None:
    if proposal.created_by_id != user.pk:
        raise PermissionDeniedError(message)


def require_transition(proposal: Proposal, target: str) -> None:
    if target in PROPOSAL_TRANSITIONS[proposal.status]:
        return
    if proposal.status == target == ProposalStatus.SUBMITTED:
        message = _("The proposal has already been submitted.")
    elif proposal.status == target == ProposalStatus.WITHDRAWN:
        message = _("The proposal has already been withdrawn.")
    elif proposal.status == ProposalStatus.WITHDRAWN:
        message = _("The proposal has been withdrawn. Reopen it first.")
    else:
        message = _("A proposal cannot change from %(current)s to %(target)s.") % {
            "current": ProposalStatus(proposal.status).label,
            "target": ProposalStatus(target).label,
        }
    raise ApplicationError(message, field=None, code="invalid_transition")


def require_editable_status(proposal: Proposal) -> None:
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise ApplicationError(
            _("The proposal has been withdrawn and cannot be changed. Reopen it first."), code="withdrawn"
        )


def check_eligibility(call: Call, applicant: User, applicant_kind: str) -> None:
    """The call must accept this kind of applicant; city staff must be staff of the call's city."""
    if applicant_kind not in call.eligibility:
        raise ApplicationError(
            _("This call does not accept proposals from this kind of applicant. Who may apply: %(allowed)s.")
            % {"allowed": ", ".join(call.eligibility_labels())},
            field="applicant_kind",
        )
    if applicant_kind == ApplicantKind.CITY_STAFF and not user_is_city_staff(
        applicant, call.platform.city_id
    ):
        raise ApplicationError(
            _("Only the city’s own staff can apply as city staff (city: %(city)s).")
            % {"city": call.platform.city.name},
            field="applicant_kind",
        )


def lock_proposal(pk: int) -> Proposal:
    """Lock the proposal row, and only that row, for the rest of the transaction (on SQLite, where
    there are no row locks, the write transaction serialises instead)."""
    return Proposal.objects.select_for_update(of=("self",)).select_related("created_by").get(pk=pk)


def _add_error(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _limit_errors(proposal: Proposal) -> dict[str, list[str]]:
    """Hard limits that even a draft must keep: text lengths and a budget that is not negative."""
    errors: dict[str, list[str]] = {}
    for field in Proposal._meta.concrete_fields:
        if isinstance(field, models.TextField) and field.max_length:
            value = getattr(proposal, field.attname) or ""
            if len(value) > field.max_length:
                _add_error(
                    errors,
                    field.name,
                    _("This text can be at most %(max)s characters long (it has %(count)s).")
                    % {"max": field.max_length, "count": len(value)},
                )
    if proposal.budget is not None and proposal.budget < 0:
        _add_error(errors, "budget", _("The budget cannot be negative."))
    if proposal.duration_months is not None and proposal.duration_months < 0:
        _add_error(errors, "duration_months", _("The duration cannot be negative."))
    return errors


def _answer_errors(questions: Mapping[int, CallQuestion], answers: Mapping[int, str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for question_id, text in answers.items():
        question = questions.get(question_id)
        if question is None:
            _add_error(
                errors,
                "answers",
                _("%(question)s is not a question of this call.") % {"question": question_id},
            )
        elif len(text) > question.max_length:
            _add_error(
                errors,
                f"question_{question_id}",
                _("The answer can be at most %(max)s characters long (it has %(count)s).")
                % {"max": question.max_length, "count": len(text)},
            )
    return errors


def _completeness_errors(
    proposal: Proposal, call: Call, questions: Mapping[int, CallQuestion], answers: Mapping[int, str]
) -> dict[str, list[str]]:
    """What a proposal needs before it can be submitted, in the call's mode."""
    errors: dict[str, list[str]] = {}
    required = _("This is required to submit the proposal.")
    if not proposal.title.strip():
        _add_error(errors, "title", required)
    if not proposal.problem.strip():
        _add_error(errors, "problem", _("Describe the problem before you submit the proposal."))
    if proposal.applicant_kind in ORGANISATION_KINDS and not proposal.organisation_name.strip():
        _add_error(
            errors,
            "organisation_name",
            _("Give the name of your organisation (required for the type “%(kind)s”).")
            % {"kind": ApplicantKind(proposal.applicant_kind).label},
        )
    if call.proposal_mode != ProposalMode.FULL:
        return errors
    for name in ("solution", "team", "schedule"):
        if not getattr(proposal, name).strip():
            _add_error(errors, name, required)
    if proposal.budget is None:
        _add_error(errors, "budget", required)
    duration = proposal.duration_months
    if duration is None or not call.duration_min_months <= duration <= call.duration_max_months:
        _add_error(
            errors,
            "duration_months",
            _("The pilot must last from %(min)s to %(max)s months.")
            % {"min": call.duration_min_months, "max": call.duration_max_months},
        )
    for question in questions.values():
        if question.required and not answers.get(question.pk, "").strip():
            _add_error(errors, f"question_{question.pk}", _("Answer this question to submit the proposal."))
    return errors


def _merge(into: dict[str, list[str]], more: Mapping[str, list[str]]) -> None:
    for field, messages in more.items():
        into.setdefault(field, []).extend(messages)


def validate_and_save(
    proposal: Proposal, call: Call, answers: Mapping[int, str] | None, *, require_complete: bool
) -> None:
    """Check everything at once (so a form can show every error), then save the proposal and answers."""
    questions = {question.pk: question for question in call.questions.all()}
    stored = {answer.question_id: answer for answer in proposal.answers.all()} if proposal.pk else {}
    given = dict(answers or {})
    merged = {question_id: answer.text for question_id, answer in stored.items()} | given

    errors = _limit_errors(proposal)
    _merge(errors, _answer_errors(questions, given))
    if require_complete:
        _merge(errors, _completeness_errors(proposal, call, questions, merged))
    try:
        proposal.full_clean()
    except ValidationError as error:
        # Our own message for a field is the clearer one; the model's is kept for fields we did not check.
        _merge(
            errors, {field: messages for field, messages in error.message_dict.items() if field not in errors}
        )
    if errors:
        raise ProposalNotValidError(
            {field: list(dict.fromkeys(messages)) for field, messages in errors.items()}
        )

    proposal.save()
    for question_id, text in given.items():
        answer = stored.get(question_id)
        if answer is None:
            answer = ProposalAnswer(proposal=proposal, question=questions[question_id], text=text)
        elif answer.text == text:
            continue
        else:
            answer.text = text
        answer.full_clean()
        answer.save()


def apply_content(proposal: Proposal, content: ProposalContent) -> None:
    for name, value in content.items():
        if name not in CONTENT_FIELDS:
            raise TypeError(f"Unknown proposal field: {name}")
        setattr(proposal, name, value.strip() if isinstance(value, str) else value)
