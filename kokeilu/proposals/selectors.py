"""Reads for proposals, and the one rule that decides who may see a proposal.

Every HTML view, API endpoint and export asks `proposal_list_visible_to` / `proposal_get_visible`; nothing
else decides visibility. Evaluation models are reached only through reverse relations (`review_assignments`,
`decision`), so this module never imports the evaluation app.
"""

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kokeilu.accounts.selectors import AnyUser, user_managed_city_ids
from kokeilu.calls.models import Call, CallPhase

from .models import Attachment, CoApplicant, CoApplicantStatus, Proposal, ProposalAnswer, ProposalStatus

if TYPE_CHECKING:
    from kokeilu.evaluation.models import Decision

HELSINKI = ZoneInfo("Europe/Helsinki")


def format_helsinki_time(moment: datetime) -> str:
    """A moment as Finnish local time, in the active language's date format."""
    return date_format(timezone.localtime(moment, HELSINKI), "DATETIME_FORMAT")


def call_closed_reason(call: Call, moment: datetime | None = None) -> str | None:
    """Why proposals to `call` cannot be created or changed at `moment`; None while the call is open."""
    phase = call.phase_at(moment or timezone.now())
    if phase == CallPhase.OPEN:
        return None
    if phase == CallPhase.DRAFT:
        return _("The call has not been published, so proposals cannot be sent to it.")
    if phase == CallPhase.SCHEDULED:
        return _("The call is not open yet. It opens for proposals on %(opens)s (Finnish time).") % {
            "opens": format_helsinki_time(call.opens_at)
        }
    return _(
        "The deadline for proposals was %(deadline)s (Finnish time). "
        "Proposals to this call can no longer be created or changed."
    ) % {"deadline": format_helsinki_time(call.closes_at)}


def _accepted_co_applications(user: AnyUser) -> QuerySet[CoApplicant]:
    if user.pk is None:
        return CoApplicant.objects.none()
    return CoApplicant.objects.filter(user_id=user.pk, status=CoApplicantStatus.ACCEPTED)


def _visibility_filter(user: AnyUser) -> Q:
    """Creator, accepted co-applicants, assigned reviewers; managers of the call's city and site admins
    for everything except drafts. Subqueries rather than joins keep each proposal in the result once."""
    visible = Q(created_by_id=user.pk)
    visible |= Q(pk__in=_accepted_co_applications(user).values("proposal_id"))
    visible |= Q(pk__in=Proposal.objects.filter(review_assignments__reviewer_id=user.pk).values("pk"))
    if user.is_superuser:
        visible |= ~Q(status=ProposalStatus.DRAFT)
    else:
        managed_city_ids = user_managed_city_ids(user)
        if managed_city_ids:
            visible |= Q(call__platform__city_id__in=managed_city_ids) & ~Q(status=ProposalStatus.DRAFT)
    return visible


def proposal_list_visible_to(*, user: AnyUser) -> QuerySet[Proposal]:
    """Every proposal the user may see (see `_visibility_filter`); none for anonymous visitors."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    return Proposal.objects.filter(_visibility_filter(user))


def proposal_get_visible(*, user: AnyUser, pk: int) -> Proposal | None:
    """The proposal with its call, answers, attachments and co-applicants, or None (→ 404)."""
    return (
        proposal_list_visible_to(user=user)
        .filter(pk=pk)
        .select_related("call", "call__platform", "call__platform__city", "created_by", "decision")
        .prefetch_related(
            Prefetch("answers", queryset=ProposalAnswer.objects.select_related("question")),
            "call__questions",
            "attachments",
            Prefetch("co_applicants", queryset=CoApplicant.objects.select_related("user").order_by("id")),
        )
        .first()
    )


def proposal_list_for_applicant(*, user: AnyUser) -> QuerySet[Proposal]:
    """ "My proposals": the ones the user created and the ones they co-apply to, newest first."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(
            Q(created_by_id=user.pk) | Q(pk__in=_accepted_co_applications(user).values("proposal_id"))
        )
        .select_related("call", "call__platform", "call__platform__city", "decision")
        .order_by("-created_at", "-id")
    )


def user_is_proposal_owner(user: AnyUser, proposal: Proposal) -> bool:
    return user.is_authenticated and proposal.created_by_id == user.pk


def user_can_edit_proposal(user: AnyUser, proposal: Proposal) -> bool:
    """Only the creator and accepted co-applicants edit; managers, reviewers and admins only read."""
    if not user.is_authenticated:
        return False
    if proposal.created_by_id == user.pk:
        return True
    return _accepted_co_applications(user).filter(proposal_id=proposal.pk).exists()


def proposal_decision(proposal: Proposal) -> "Decision | None":
    """The manager's decision on the proposal, if one has been made."""
    try:
        return proposal.decision
    except ObjectDoesNotExist:
        return None


def proposal_answers_by_question(proposal: Proposal) -> dict[int, str]:
    return {answer.question_id: answer.text for answer in proposal.answers.all()}


def attachment_get_visible(*, user: AnyUser, proposal_pk: int, attachment_pk: int) -> Attachment | None:
    """An attachment of a proposal the user may see; None (→ 404) otherwise."""
    if not proposal_list_visible_to(user=user).filter(pk=proposal_pk).exists():
        return None
    return Attachment.objects.filter(proposal_id=proposal_pk, pk=attachment_pk).first()


def coapplicant_get_by_token(*, token: str) -> CoApplicant | None:
    """The invitation behind an e-mailed link. Knowing the token is what lets a person answer it."""
    if not token or len(token) > 64:
        return None
    return (
        CoApplicant.objects.select_related("proposal", "proposal__call", "invited_by")
        .filter(token=token)
        .first()
    )
