"""Writes of the evaluation app: assignments, conflicts of interest, sealed reviews and decisions.

Every function checks who may act and refuses with a translated ApplicationError that names the field it
belongs to, so the HTML form and the API show the same message.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokeilu.accounts.models import User
from kokeilu.accounts.selectors import reviewer_candidates_for_city, user_can_manage_city
from kokeilu.calls.models import CallPhase, Criterion
from kokeilu.calls.services import call_activity_touch
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.tasks import enqueue
from kokeilu.proposals.models import CoApplicant, CoApplicantStatus, Proposal, ProposalStatus

from .models import (
    ConflictOfInterest,
    CriterionScore,
    Decision,
    DecisionOutcome,
    Recommendation,
    Review,
    ReviewAssignment,
    ReviewStatus,
)

SCORE_MIN = 0
SCORE_MAX = 5
REVIEW_COMMENT_MAX_LENGTH = 8000
SCORE_COMMENT_MAX_LENGTH = 4000
CONFLICT_REASON_MAX_LENGTH = 2000
DECISION_REASON_MAX_LENGTH = 4000
DECISION_PHASES = (CallPhase.REVIEW, CallPhase.DECISION, CallPhase.CLOSED)

# Why a pair was left out of a bulk assignment; the labels are shown to the manager.
SKIP_ALREADY_ASSIGNED = "already_assigned"
SKIP_CONFLICT_OF_INTEREST = "conflict_of_interest"
SKIP_APPLICANT = "applicant"
SKIP_REASON_LABELS = {
    SKIP_ALREADY_ASSIGNED: gettext_lazy("already assigned"),
    SKIP_CONFLICT_OF_INTEREST: gettext_lazy("declared a conflict of interest"),
    SKIP_APPLICANT: gettext_lazy("is an applicant of the proposal"),
}

NOTIFY_TASK = "kokeilu.evaluation.tasks.decision_notify"


# --- Rules shared by several services ----------------------------------------------------------------


def _format_moment(moment: object) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")  # type: ignore[arg-type]


def _check_manager(user: User, proposal: Proposal) -> None:
    if not user_can_manage_city(user, proposal.call.platform.city_id):
        raise PermissionDeniedError()


def _check_review_period_open(proposal: Proposal) -> None:
    call = proposal.call
    if timezone.now() >= call.review_ends_at:
        raise ApplicationError(
            _("The review period of this call has ended (%(date)s).")
            % {"date": _format_moment(call.review_ends_at)},
            code="review_period_ended",
        )


def _is_applicant(proposal: Proposal, user: User) -> bool:
    """The creator and accepted co-applicants (by account or by the invited address) are applicants."""
    if proposal.created_by_id == user.pk:
        return True
    accepted = Q(user=user)
    if user.email:
        accepted |= Q(email__iexact=user.email)
    return proposal.co_applicants.filter(accepted, status=CoApplicantStatus.ACCEPTED).exists()


# --- Assignments -------------------------------------------------------------------------------------


def review_assignment_create(*, proposal: Proposal, reviewer: User, assigned_by: User) -> ReviewAssignment:
    """Assign one reviewer to one submitted proposal of a call the manager manages."""
    _check_manager(assigned_by, proposal)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ApplicationError(_("Only submitted proposals can be reviewed."), field="proposal")
    _check_review_period_open(proposal)
    if (
        not reviewer_candidates_for_city(city_id=proposal.call.platform.city_id)
        .filter(pk=reviewer.pk)
        .exists()
    ):
        raise ApplicationError(
            _("%(name)s is not a reviewer of this city.") % {"name": reviewer}, field="reviewer"
        )
    if _is_applicant(proposal, reviewer):
        raise ApplicationError(
            _("%(name)s is an applicant of this proposal and cannot review it.") % {"name": reviewer},
            field="reviewer",
        )
    if ConflictOfInterest.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        raise ApplicationError(
            _("%(name)s has declared a conflict of interest with this proposal.") % {"name": reviewer},
            field="reviewer",
        )
    if ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        raise ApplicationError(
            _("%(name)s is already assigned to this proposal.") % {"name": reviewer}, field="reviewer"
        )
    assignment = ReviewAssignment(proposal=proposal, reviewer=reviewer, assigned_by=assigned_by)
    assignment.full_clean()
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as error:
        # Another manager assigned the same reviewer between the check above and this insert.
        raise ApplicationError(
            _("%(name)s is already assigned to this proposal.") % {"name": reviewer}, field="reviewer"
        ) from error
    call_activity_touch(call_id=proposal.call_id)
    return assignment


@dataclass(frozen=True)
class SkippedAssignment:
    proposal_id: int
    reviewer_id: int
    reason: str

    @property
    def reason_label(self) -> str:
        return str(SKIP_REASON_LABELS[self.reason])


@dataclass(frozen=True)
class BulkAssignmentResult:
    created: list[ReviewAssignment] = field(default_factory=list)
    skipped: list[SkippedAssignment] = field(default_factory=list)

    @property
    def created_count(self) -> int:
        return len(self.created)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)

    @property
    def skipped_by_reason(self) -> dict[str, int]:
        return dict(Counter(skip.reason for skip in self.skipped))


@transaction.atomic
def review_assignments_bulk_create(
    *, proposals: Iterable[Proposal], reviewers: Iterable[User], assigned_by: User
) -> BulkAssignmentResult:
    """Assign every chosen reviewer to every chosen proposal.

    Pairs that already exist, where the reviewer declared a conflict, or where the reviewer is an applicant
    of the proposal are skipped and reported with their reason. A proposal that is not submitted, or a
    reviewer who is not a reviewer of the call's city, refuses the whole request: nothing is created.
    """
    proposal_list = list({proposal.pk: proposal for proposal in proposals}.values())
    reviewer_list = list({reviewer.pk: reviewer for reviewer in reviewers}.values())
    if not proposal_list:
        raise ApplicationError(_("Choose at least one proposal."), field="proposals")
    if not reviewer_list:
        raise ApplicationError(_("Choose at least one reviewer."), field="reviewers")
    proposal_ids = [proposal.pk for proposal in proposal_list]
    # Lock the proposals so two managers assigning at once cannot both pass the duplicate check.
    locked = {
        proposal.pk: proposal
        for proposal in Proposal.objects.select_for_update(of=("self",))
        .select_related("call", "call__platform")
        .filter(pk__in=proposal_ids)
    }
    for proposal in proposal_list:
        current = locked.get(proposal.pk)
        if current is None:
            raise ApplicationError(_("A chosen proposal no longer exists."), field="proposals")
        _check_manager(assigned_by, current)
        if current.status != ProposalStatus.SUBMITTED:
            raise ApplicationError(
                _("“%(title)s” is not submitted and cannot be reviewed.") % {"title": current.title},
                field="proposals",
            )
        _check_review_period_open(current)
    city_ids = {proposal.call.platform.city_id for proposal in locked.values()}
    reviewer_ids = [reviewer.pk for reviewer in reviewer_list]
    for city_id in city_ids:
        eligible = set(
            reviewer_candidates_for_city(city_id=city_id)
            .filter(pk__in=reviewer_ids)
            .values_list("pk", flat=True)
        )
        for reviewer in reviewer_list:
            if reviewer.pk not in eligible:
                raise ApplicationError(
                    _("%(name)s is not a reviewer of this city.") % {"name": reviewer}, field="reviewers"
                )

    existing = set(
        ReviewAssignment.objects.filter(
            proposal_id__in=proposal_ids, reviewer_id__in=reviewer_ids
        ).values_list("proposal_id", "reviewer_id")
    )
    conflicts = set(
        ConflictOfInterest.objects.filter(
            proposal_id__in=proposal_ids, reviewer_id__in=reviewer_ids
        ).values_list("proposal_id", "reviewer_id")
    )
    applicants = _applicant_pairs(proposal_ids, reviewer_list, locked)

    to_create: list[ReviewAssignment] = []
    skipped: list[SkippedAssignment] = []
    for proposal_id in proposal_ids:
        for reviewer in reviewer_list:
            pair = (proposal_id, reviewer.pk)
            reason = (
                SKIP_ALREADY_ASSIGNED
                if pair in existing
                else SKIP_CONFLICT_OF_INTEREST
                if pair in conflicts
                else SKIP_APPLICANT
                if pair in applicants
                else None
            )
            if reason:
                skipped.append(
                    SkippedAssignment(proposal_id=proposal_id, reviewer_id=reviewer.pk, reason=reason)
                )
                continue
            assignment = ReviewAssignment(
                proposal=locked[proposal_id], reviewer=reviewer, assigned_by=assigned_by
            )
            # Uniqueness was checked above against the rows loaded in one query (and the proposals are
            # locked); the database constraint remains the last guard.
            assignment.full_clean(validate_unique=False, validate_constraints=False)
            to_create.append(assignment)
    created = ReviewAssignment.objects.bulk_create(to_create)
    for call_id in {assignment.proposal.call_id for assignment in created}:
        call_activity_touch(call_id=call_id)
    return BulkAssignmentResult(created=created, skipped=skipped)


def _applicant_pairs(
    proposal_ids: list[int], reviewers: list[User], proposals: Mapping[int, Proposal]
) -> set[tuple[int, int]]:
    """(proposal id, reviewer id) pairs where the reviewer created the proposal or co-applies to it."""
    reviewer_ids = {reviewer.pk for reviewer in reviewers}
    by_email = {reviewer.email.lower(): reviewer.pk for reviewer in reviewers if reviewer.email}
    pairs = {
        (proposal_id, proposals[proposal_id].created_by_id)
        for proposal_id in proposal_ids
        if proposals[proposal_id].created_by_id in reviewer_ids
    }
    accepted = CoApplicant.objects.filter(
        proposal_id__in=proposal_ids, status=CoApplicantStatus.ACCEPTED
    ).values_list("proposal_id", "user_id", "email")
    for proposal_id, user_id, email in accepted:
        if user_id in reviewer_ids:
            pairs.add((proposal_id, user_id))
        if email and email.lower() in by_email:
            pairs.add((proposal_id, by_email[email.lower()]))
    return pairs


def review_assignment_delete(*, assignment: ReviewAssignment, deleted_by: User) -> None:
    """Withdraw an assignment (and any draft review) while no review has been submitted."""
    _check_manager(deleted_by, assignment.proposal)
    if Review.objects.filter(assignment=assignment, status=ReviewStatus.SUBMITTED).exists():
        raise ApplicationError(
            _("%(name)s has already submitted a review; the assignment can no longer be removed.")
            % {"name": assignment.reviewer},
            code="review_submitted",
        )
    assignment.delete()
    call_activity_touch(call_id=assignment.proposal.call_id)


# --- Conflicts of interest ---------------------------------------------------------------------------


@transaction.atomic
def conflict_of_interest_declare(
    *, assignment: ReviewAssignment, reviewer: User, reason: str
) -> ConflictOfInterest:
    """The reviewer steps aside: the assignment and any review on it are deleted, the conflict is kept.

    From then on the reviewer counts in no aggregate of the proposal and cannot be assigned to it again.
    """
    if assignment.reviewer_id != reviewer.pk:
        raise PermissionDeniedError(_("Only the assigned reviewer can declare a conflict of interest."))
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Tell the programme manager the reason for the conflict."), field="reason")
    if len(reason) > CONFLICT_REASON_MAX_LENGTH:
        raise ApplicationError(
            _("The reason can be at most %(limit)d characters.") % {"limit": CONFLICT_REASON_MAX_LENGTH},
            field="reason",
        )
    conflict = ConflictOfInterest(proposal=assignment.proposal, reviewer=reviewer, reason=reason)
    conflict.full_clean()
    conflict.save()
    # The assignment's review goes with it (cascade); a review on the proposal by the same reviewer that
    # somehow hangs on another row is removed too, so no score of theirs survives.
    Review.objects.filter(proposal_id=assignment.proposal_id, reviewer=reviewer).delete()
    ReviewAssignment.objects.filter(pk=assignment.pk).delete()
    call_activity_touch(call_id=assignment.proposal.call_id)
    return conflict


# --- Reviews -----------------------------------------------------------------------------------------


def weighted_score_for(*, scores: Mapping[int, int], criteria: Iterable[Criterion]) -> Decimal:
    """Σ(weight × score) / Σ(weight) over the given criteria, rounded half up to three decimals."""
    criteria = list(criteria)
    total_weight = sum(criterion.weight for criterion in criteria)
    weighted_sum = sum(criterion.weight * scores[criterion.pk] for criterion in criteria)
    return (Decimal(weighted_sum) / Decimal(total_weight)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def _clean_scores(
    scores: Mapping[int, tuple[int | None, str]], criteria: dict[int, Criterion]
) -> dict[int, tuple[int, str]]:
    cleaned: dict[int, tuple[int, str]] = {}
    for criterion_id, (score, comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ApplicationError(_("Score only the criteria of this call."), field="scores")
        comment = (comment or "").strip()
        if len(comment) > SCORE_COMMENT_MAX_LENGTH:
            raise ApplicationError(
                _("The comment on “%(criterion)s” can be at most %(limit)d characters.")
                % {"criterion": criterion.name, "limit": SCORE_COMMENT_MAX_LENGTH},
                field="scores",
            )
        if score is None:
            if comment:
                raise ApplicationError(
                    _("Choose a score for “%(criterion)s” or leave its comment empty.")
                    % {"criterion": criterion.name},
                    field="scores",
                )
            continue
        if isinstance(score, bool) or not isinstance(score, int) or not SCORE_MIN <= score <= SCORE_MAX:
            raise ApplicationError(
                _("The score for “%(criterion)s” must be a whole number from %(low)d to %(high)d.")
                % {"criterion": criterion.name, "low": SCORE_MIN, "high": SCORE_MAX},
                field="scores",
            )
        cleaned[criterion_id] = (score, comment)
    return cleaned


@transaction.atomic
def review_save(
    *,
    assignment: ReviewAssignment,
    reviewer: User,
    scores: Mapping[int, tuple[int | None, str]],
    recommendation: str,
    comment: str,
    submit: bool,
) -> Review:
    """Save the reviewer's draft, or submit it.

    `scores` maps a criterion id of the call to (score 0–5 or None for not yet scored, comment) and replaces
    the review's scores. A draft may be partial; submitting needs every criterion scored and a
    recommendation, computes the weighted score and makes the review final: reviewing is sealed, so a
    reviewer who has seen the others' reviews can no longer change their own. Reviews are accepted from the
    proposal's submission until the call's review period ends.
    """
    if assignment.reviewer_id != reviewer.pk:
        raise PermissionDeniedError(_("Only the assigned reviewer can review this proposal."))
    # Lock the assignment so a double click cannot submit twice or race a draft save.
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",))
        .select_related("proposal", "proposal__call", "proposal__call__platform")
        .get(pk=assignment.pk)
    )
    proposal = assignment.proposal
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ApplicationError(_("The proposal has been withdrawn and can no longer be reviewed."))
    _check_review_period_open(proposal)
    if _is_applicant(proposal, reviewer):
        raise ApplicationError(_("You are an applicant of this proposal and cannot review it."))
    if ConflictOfInterest.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        raise ApplicationError(_("You have declared a conflict of interest with this proposal."))

    review = Review.objects.filter(assignment=assignment).first()
    if review is not None and review.status == ReviewStatus.SUBMITTED:
        raise ApplicationError(_("Your review has been submitted and is final."), code="review_submitted")
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(call=proposal.call)}
    cleaned = _clean_scores(scores, criteria)
    recommendation = recommendation or ""
    if recommendation and recommendation not in Recommendation.values:
        raise ApplicationError(_("Choose one of the recommendations."), field="recommendation")
    comment = (comment or "").strip()
    if len(comment) > REVIEW_COMMENT_MAX_LENGTH:
        raise ApplicationError(
            _("The comment can be at most %(limit)d characters.") % {"limit": REVIEW_COMMENT_MAX_LENGTH},
            field="comment",
        )

    review = review or Review(assignment=assignment, proposal=proposal, reviewer=reviewer)
    review.recommendation = recommendation
    review.comment = comment
    if submit:
        if not criteria:
            raise ApplicationError(_("This call has no evaluation criteria to score."))
        missing = [criterion for criterion_id, criterion in criteria.items() if criterion_id not in cleaned]
        if missing:
            missing.sort(key=lambda criterion: (criterion.position, criterion.pk))
            raise ApplicationError(
                _("Score every criterion before submitting. Not scored: %(criteria)s.")
                % {"criteria": ", ".join(str(criterion.name) for criterion in missing)},
                field="scores",
            )
        if not recommendation:
            raise ApplicationError(_("Choose a recommendation before submitting."), field="recommendation")
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = timezone.now()
        review.weighted_score = weighted_score_for(
            scores={criterion_id: score for criterion_id, (score, _comment) in cleaned.items()},
            criteria=criteria.values(),
        )
    review.full_clean()
    review.save()

    review.scores.exclude(criterion_id__in=cleaned.keys()).delete()
    existing = {score.criterion_id: score for score in review.scores.all()}
    for criterion_id, (value, score_comment) in cleaned.items():
        row = existing.get(criterion_id) or CriterionScore(review=review, criterion=criteria[criterion_id])
        row.score = value
        row.comment = score_comment
        row.full_clean()
        row.save()
    if submit:
        call_activity_touch(call_id=proposal.call_id)
    return review


# --- Decisions ---------------------------------------------------------------------------------------


@transaction.atomic
def decision_record(*, proposal: Proposal, outcome: str, reason: str, decided_by: User) -> Decision:
    """Record (or change) the decision on a submitted proposal after the call's deadline.

    The applicant and accepted co-applicants are told by e-mail after the transaction commits. Changing the
    outcome or the reason makes it a new decision: it is dated now and sent again.
    """
    _check_manager(decided_by, proposal)
    # Lock the proposal first: a concurrent withdrawal locks the same row and then checks for a decision,
    # so the two can never cross (a decision on a withdrawn proposal).
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    if proposal.call.phase_at() not in DECISION_PHASES:
        raise ApplicationError(
            _("Decisions can be recorded only after the deadline for proposals."), code="call_not_closed"
        )
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ApplicationError(_("Only submitted proposals can be decided on."))
    if outcome not in DecisionOutcome.values:
        raise ApplicationError(_("Choose one of the decisions."), field="outcome")
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give a reason; the applicant will see it."), field="reason")
    if len(reason) > DECISION_REASON_MAX_LENGTH:
        raise ApplicationError(
            _("The reason can be at most %(limit)d characters.") % {"limit": DECISION_REASON_MAX_LENGTH},
            field="reason",
        )
    decision = Decision.objects.select_for_update().filter(proposal=proposal).first()
    if decision is not None and decision.outcome == outcome and decision.reason == reason:
        # Recording the same decision again changes nothing; it only retries an unsent notification.
        if decision.notified_at is None:
            enqueue(NOTIFY_TASK, decision_id=decision.pk)
        return decision
    decision = decision or Decision(proposal=proposal)
    decision.outcome = outcome
    decision.reason = reason
    decision.decided_by = decided_by
    decision.decided_at = timezone.now()
    decision.notified_at = None
    decision.full_clean()
    decision.save()
    call_activity_touch(call_id=proposal.call_id)
    enqueue(NOTIFY_TASK, decision_id=decision.pk)
    return decision
