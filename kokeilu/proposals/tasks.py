"""Background work for proposals: the e-mails applicants receive.

Tasks take ids, read the current state and are idempotent: each records when its message went out and a
repeated run sends nothing.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kokeilu.core.models import LANGUAGE_CODES

from .models import CoApplicant, CoApplicantStatus, Proposal, ProposalStatus
from .selectors import format_helsinki_time


def _absolute_url(path: str) -> str:
    return f"{settings.KOKEILU_BASE_URL.rstrip('/')}{path}"


def _language(code: str | None) -> str:
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def send_submission_confirmation(*, proposal_id: int) -> None:
    """Tell the applicant their proposal arrived, in the language they prefer, once per submission."""
    proposal = (
        Proposal.objects.select_related("call", "created_by")
        .filter(pk=proposal_id, status=ProposalStatus.SUBMITTED, submitted_at__isnull=False)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=F("submitted_at")))
        .first()
    )
    if proposal is None or proposal.submitted_at is None or not proposal.created_by.email:
        return
    with translation.override(_language(proposal.created_by.preferred_language)):
        context = {
            "proposal": proposal,
            "call_title": proposal.call.title,
            "submitted_at": format_helsinki_time(proposal.submitted_at),
            "deadline": format_helsinki_time(proposal.call.closes_at),
            "url": _absolute_url(reverse("proposals:detail", kwargs={"pk": proposal.pk})),
        }
        subject = _("Your proposal was submitted: %(title)s") % {"title": proposal.title}
        body = render_to_string("proposals/email/submission_confirmation.txt", context)
    send_mail(subject, body, None, [proposal.created_by.email])
    Proposal.objects.filter(pk=proposal.pk).update(confirmation_sent_at=timezone.now())


def send_coapplicant_invitation(*, coapplicant_id: int, language: str) -> None:
    """E-mail the invitation link, in the language the inviter was using, once."""
    coapplicant = (
        CoApplicant.objects.select_related("proposal", "proposal__call", "invited_by")
        .filter(pk=coapplicant_id, status=CoApplicantStatus.INVITED, invitation_sent_at__isnull=True)
        .first()
    )
    if coapplicant is None:
        return
    with translation.override(_language(language)):
        context = {
            "inviter": str(coapplicant.invited_by),
            "proposal_title": coapplicant.proposal.title,
            "call_title": coapplicant.proposal.call.title,
            "deadline": format_helsinki_time(coapplicant.proposal.call.closes_at),
            "url": _absolute_url(reverse("proposals:invitation", kwargs={"token": coapplicant.token})),
        }
        subject = _("You are invited to co-write a proposal: %(title)s") % {
            "title": coapplicant.proposal.title
        }
        body = render_to_string("proposals/email/coapplicant_invitation.txt", context)
    send_mail(subject, body, None, [coapplicant.email])
    CoApplicant.objects.filter(pk=coapplicant.pk).update(invitation_sent_at=timezone.now())
