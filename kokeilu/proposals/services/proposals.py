"""Proposals: drafts, updates, submission, withdrawal and reopening."""

from collections.abc import Mapping
from typing import Unpack

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.calls.models import Call
from kokeilu.calls.services import call_activity_touch
from kokeilu.core.exceptions import ApplicationError
from kokeilu.core.tasks import enqueue
from kokeilu.proposals.models import Proposal, ProposalStatus

from .rules import (
    ProposalContent,
    apply_content,
    check_eligibility,
    lock_proposal,
    require_call_open,
    require_editable_status,
    require_editor,
    require_owner,
    require_transition,
    validate_and_save,
)


def proposal_create_draft(
    *,
    call: Call,
    created_by: User,
    answers: Mapping[int, str] | None = None,
    **content: Unpack[ProposalContent],
) -> Proposal:
    """Start a draft for an open call. Only a title and an eligible applicant kind are needed now;
    everything else may be filled in later, until the deadline."""
    require_call_open(call, timezone.now())
    proposal = Proposal(call=call, created_by=created_by, language=(get_language() or "fi")[:2])
    apply_content(proposal, content)
    check_eligibility(call, created_by, proposal.applicant_kind)
    with transaction.atomic():
        validate_and_save(proposal, call, answers, require_complete=False)
    return proposal


def proposal_update(
    *,
    proposal: Proposal,
    updated_by: User,
    answers: Mapping[int, str] | None = None,
    **content: Unpack[ProposalContent],
) -> Proposal:
    """Change the given fields and answers. A draft may stay incomplete; a submitted proposal stays
    submitted and must stay complete. Allowed for the creator and accepted co-applicants until the
    deadline."""
    with transaction.atomic():
        locked = lock_proposal(proposal.pk)
        require_editor(updated_by, locked)
        call = Call.objects.select_related("platform", "platform__city").get(pk=locked.call_id)
        require_call_open(call, timezone.now())
        require_editable_status(locked)
        apply_content(locked, content)
        check_eligibility(call, locked.created_by, locked.applicant_kind)
        validate_and_save(locked, call, answers, require_complete=locked.status == ProposalStatus.SUBMITTED)
        if locked.status != ProposalStatus.DRAFT:
            call_activity_touch(call_id=call.pk)
    return locked


def proposal_submit(*, proposal: Proposal, submitted_by: User) -> Proposal:
    """Submit a complete draft before the deadline and e-mail the applicant a confirmation.

    Race-safe: the proposal row is locked, the call is read again inside the transaction and the clock
    is read only after the lock is held, so `submitted_at` is always before `call.closes_at` and a
    proposal is submitted at most once however many requests arrive together.
    """
    with transaction.atomic():
        locked = lock_proposal(proposal.pk)
        require_editor(submitted_by, locked)
        call = Call.objects.select_related("platform", "platform__city").get(pk=locked.call_id)
        now = timezone.now()
        # phase_at(now) is "open" exactly when opens_at <= now < closes_at (and the call is published).
        require_call_open(call, now)
        require_transition(locked, ProposalStatus.SUBMITTED)
        check_eligibility(call, locked.created_by, locked.applicant_kind)
        locked.status = ProposalStatus.SUBMITTED
        locked.submitted_at = now
        validate_and_save(locked, call, None, require_complete=True)
        call_activity_touch(call_id=call.pk)
        enqueue("kokeilu.proposals.tasks.send_submission_confirmation", proposal_id=locked.pk)
    return locked


def proposal_withdraw(*, proposal: Proposal, withdrawn_by: User) -> Proposal:
    """Withdraw a draft or submitted proposal. Only its creator may, and only until a decision exists.

    Withdrawal is deliberately allowed after the deadline too: an applicant who can no longer carry out
    the pilot should be able to say so during review. Once the manager has recorded a decision the
    proposal's outcome is settled and withdrawal is refused.
    """
    with transaction.atomic():
        locked = lock_proposal(proposal.pk)
        require_owner(withdrawn_by, locked, _("Only the person who created the proposal can withdraw it."))
        require_transition(locked, ProposalStatus.WITHDRAWN)
        if Proposal.objects.filter(pk=locked.pk, decision__isnull=False).exists():
            raise ApplicationError(
                _("A decision has already been made on this proposal, so it can no longer be withdrawn."),
                code="decided",
            )
        was_visible_to_managers = locked.status != ProposalStatus.DRAFT
        locked.status = ProposalStatus.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
        if was_visible_to_managers:
            call_activity_touch(call_id=locked.call_id)
    return locked


def proposal_reopen(*, proposal: Proposal, reopened_by: User) -> Proposal:
    """Turn a withdrawn proposal back into a draft, before the deadline. Only its creator may."""
    with transaction.atomic():
        locked = lock_proposal(proposal.pk)
        require_owner(reopened_by, locked, _("Only the person who created the proposal can reopen it."))
        require_call_open(Call.objects.get(pk=locked.call_id), timezone.now())
        require_transition(locked, ProposalStatus.DRAFT)
        locked.status = ProposalStatus.DRAFT
        locked.submitted_at = None
        locked.withdrawn_at = None
        locked.full_clean()
        locked.save(update_fields=["status", "submitted_at", "withdrawn_at", "updated_at"])
        call_activity_touch(call_id=locked.call_id)
    return locked
