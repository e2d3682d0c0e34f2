"""Background work of the evaluation app. Tasks take ids and are idempotent."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kokeilu.proposals.models import CoApplicantStatus

from .models import Decision

logger = logging.getLogger(__name__)


def _recipients(decision: Decision) -> list[tuple[str, str]]:
    """(address, language) for the applicant and every accepted co-applicant, each address once."""
    proposal = decision.proposal
    people: list[tuple[str, str]] = []
    creator = proposal.created_by
    if creator.email:
        people.append((creator.email, creator.preferred_language))
    co_applicants = proposal.co_applicants.filter(status=CoApplicantStatus.ACCEPTED).select_related("user")
    for co_applicant in co_applicants:
        if co_applicant.user is not None and co_applicant.user.email:
            people.append((co_applicant.user.email, co_applicant.user.preferred_language))
        elif co_applicant.email:
            people.append((co_applicant.email, proposal.language))
    seen: set[str] = set()
    unique = []
    for address, language in people:
        if address.lower() not in seen:
            seen.add(address.lower())
            unique.append((address, language))
    return unique


def _message(decision: Decision, address: str, language: str) -> EmailMessage:
    with translation.override(language):
        path = reverse("proposals:detail", kwargs={"pk": decision.proposal_id})
        context = {
            "decision": decision,
            "proposal": decision.proposal,
            "call": decision.proposal.call,
            "outcome": decision.get_outcome_display(),
            "proposal_url": settings.KOKEILU_BASE_URL.rstrip("/") + path,
        }
        subject = render_to_string("evaluation/email/decision_subject.txt", context).strip()
        body = render_to_string("evaluation/email/decision_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[address])


def decision_notify(*, decision_id: int) -> None:
    """E-mail the decision to the applicant and accepted co-applicants, each in their own language.

    Does nothing when the current decision has already been sent (a changed decision clears notified_at)
    or no longer exists. The row is locked while sending so two runs cannot both send; if sending fails,
    the transaction rolls back and notified_at stays empty for a retry.
    """
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("proposal", "proposal__created_by", "proposal__call")
            .filter(pk=decision_id)
            .first()
        )
        if decision is None or decision.notified_at is not None:
            return
        messages = [_message(decision, address, language) for address, language in _recipients(decision)]
        if messages:
            get_connection().send_messages(messages)
        decision.notified_at = timezone.now()
        decision.save(update_fields=["notified_at", "updated_at"])
    logger.info("Decision %s sent to %d recipients", decision_id, len(messages))
