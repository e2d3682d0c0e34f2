"""Co-applicants: invitations by e-mail, answering them, and removing co-applicants."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.calls.models import Call
from kokeilu.core.exceptions import ApplicationError
from kokeilu.core.tasks import enqueue
from kokeilu.proposals.models import CoApplicant, CoApplicantStatus, Proposal

from .rules import lock_proposal, require_call_open, require_editable_status, require_owner

MAX_CO_APPLICANTS_PER_PROPOSAL = 10


def coapplicant_invite(*, proposal: Proposal, invited_by: User, email: str) -> CoApplicant:
    """Invite someone by e-mail to write the proposal together. The e-mail, with a link to accept, is
    sent after commit in the inviter's active language."""
    email = email.strip().lower()
    with transaction.atomic():
        locked = lock_proposal(proposal.pk)
        require_owner(
            invited_by, locked, _("Only the person who created the proposal can invite co-applicants.")
        )
        require_call_open(Call.objects.get(pk=locked.call_id), timezone.now())
        require_editable_status(locked)
        try:
            validate_email(email)
        except ValidationError:
            raise ApplicationError(_("Enter a valid e-mail address."), field="email") from None
        if email == locked.created_by.email.lower():
            raise ApplicationError(_("You cannot invite yourself."), field="email")
        open_invitations = CoApplicant.objects.filter(
            proposal=locked, status__in=[CoApplicantStatus.INVITED, CoApplicantStatus.ACCEPTED]
        )
        if open_invitations.filter(email__iexact=email).exists():
            raise ApplicationError(
                _("%(email)s has already been invited to this proposal.") % {"email": email}, field="email"
            )
        if open_invitations.count() >= MAX_CO_APPLICANTS_PER_PROPOSAL:
            raise ApplicationError(
                _("A proposal can have at most %(max)s co-applicants.")
                % {"max": MAX_CO_APPLICANTS_PER_PROPOSAL},
                field="email",
            )
        coapplicant = CoApplicant(proposal=locked, email=email, invited_by=invited_by)
        coapplicant.full_clean()
        coapplicant.save()
        enqueue(
            "kokeilu.proposals.tasks.send_coapplicant_invitation",
            coapplicant_id=coapplicant.pk,
            language=(get_language() or settings.LANGUAGE_CODE)[:2],
        )
    return coapplicant


def _lock_open_invitation(coapplicant: CoApplicant) -> CoApplicant:
    locked = CoApplicant.objects.select_for_update().get(pk=coapplicant.pk)
    if locked.status != CoApplicantStatus.INVITED:
        raise ApplicationError(
            _("This invitation has already been answered or withdrawn."), code="invitation_closed"
        )
    return locked


def coapplicant_accept(*, coapplicant: CoApplicant, user: User) -> CoApplicant:
    """The signed-in person who holds the invitation link joins the proposal as a co-applicant.

    The link's secret token is what proves the invitation was meant for them (accounts' e-mail addresses
    are not verified, so comparing addresses would add no safety)."""
    with transaction.atomic():
        locked = _lock_open_invitation(coapplicant)
        proposal = Proposal.objects.select_related("call").get(pk=locked.proposal_id)
        require_call_open(proposal.call, timezone.now())
        if proposal.created_by_id == user.pk:
            raise ApplicationError(_("You created this proposal, so you cannot join it as a co-applicant."))
        if CoApplicant.objects.filter(
            proposal=proposal, user=user, status=CoApplicantStatus.ACCEPTED
        ).exists():
            raise ApplicationError(_("You are already a co-applicant of this proposal."))
        locked.status = CoApplicantStatus.ACCEPTED
        locked.user = user
        locked.responded_at = timezone.now()
        locked.full_clean()
        locked.save()
    return locked


def coapplicant_decline(*, coapplicant: CoApplicant, user: User) -> CoApplicant:
    """The person who holds the invitation link turns it down."""
    with transaction.atomic():
        locked = _lock_open_invitation(coapplicant)
        proposal = Proposal.objects.select_related("call").get(pk=locked.proposal_id)
        require_call_open(proposal.call, timezone.now())
        locked.status = CoApplicantStatus.DECLINED
        locked.user = user
        locked.responded_at = timezone.now()
        locked.full_clean()
        locked.save()
    return locked


def coapplicant_revoke(*, coapplicant: CoApplicant, revoked_by: User) -> CoApplicant:
    """The creator withdraws an invitation or removes an accepted co-applicant."""
    with transaction.atomic():
        proposal = lock_proposal(coapplicant.proposal_id)
        require_owner(
            revoked_by, proposal, _("Only the person who created the proposal can remove co-applicants.")
        )
        require_call_open(Call.objects.get(pk=proposal.call_id), timezone.now())
        locked = CoApplicant.objects.select_for_update().get(pk=coapplicant.pk)
        if locked.status not in (CoApplicantStatus.INVITED, CoApplicantStatus.ACCEPTED):
            raise ApplicationError(_("This invitation is no longer open."), code="invitation_closed")
        locked.status = CoApplicantStatus.REVOKED
        locked.full_clean()
        locked.save(update_fields=["status", "updated_at"])
    return locked
