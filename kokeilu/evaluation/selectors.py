"""Reads of the evaluation app and the one visibility rule for each of its entities.

Visibility, written once here and used by every page, API endpoint and export:

- a review assignment is visible to its reviewer and to the managers of the call's city;
- in the evaluation context a proposal (its reviews, conflicts and decision) is visible to the managers of
  the call's city only, and only once it has been submitted (drafts are the applicant's own);
- reviews are sealed: see `review_list_visible_for_proposal`.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Field,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    StdDev,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Round

from kokeilu.accounts.selectors import AnyUser, user_can_manage_city, user_managed_city_ids
from kokeilu.calls.models import Call, Criterion
from kokeilu.proposals.models import Attachment, Proposal, ProposalAnswer, ProposalStatus

from .models import (
    ConflictOfInterest,
    CriterionScore,
    DecisionOutcome,
    Review,
    ReviewAssignment,
    ReviewStatus,
)

MANAGER_LIST_PAGE_SIZE = 50
RANKING_PAGE_SIZE = 50

# Scores are 0–5 with three decimals; aggregates keep the same shape so both databases return equal values.
SCORE_FIELD = DecimalField(max_digits=6, decimal_places=3)


def proposal_list_selected_for_call(*, call: Call) -> QuerySet[Proposal]:
    """What the public sees: proposals of the call that the manager selected."""
    return (
        Proposal.objects.filter(call=call, decision__outcome=DecisionOutcome.SELECTED)
        .exclude(status=ProposalStatus.WITHDRAWN)
        .select_related("decision")
        .order_by("decision__decided_at", "id")
    )


# --- Assignments -------------------------------------------------------------------------------------


def _assignment_queryset() -> QuerySet[ReviewAssignment]:
    return ReviewAssignment.objects.select_related(
        "proposal", "proposal__call", "proposal__call__platform", "reviewer", "review"
    )


def assignment_list_for_reviewer(*, user: AnyUser) -> QuerySet[ReviewAssignment]:
    """The user's own review assignments, newest call deadline first."""
    if not user.is_authenticated:
        return ReviewAssignment.objects.none()
    return (
        _assignment_queryset()
        .filter(reviewer=user)
        .order_by("proposal__call__review_ends_at", "proposal__title", "id")
    )


def assignment_get_visible(*, user: AnyUser, assignment_id: int) -> ReviewAssignment | None:
    """An assignment its reviewer or a manager of the call's city may see. None means 404."""
    if not user.is_authenticated:
        return None
    assignment = _assignment_queryset().filter(pk=assignment_id).first()
    if assignment is None:
        return None
    if assignment.reviewer_id == user.pk:
        return assignment
    if user_can_manage_city(user, assignment.proposal.call.platform.city_id):
        return assignment
    return None


def assignment_get_for_reviewer(*, user: AnyUser, assignment_id: int) -> ReviewAssignment | None:
    """One of the user's own assignments, with what the review form needs. None means 404."""
    if not user.is_authenticated:
        return None
    return (
        _assignment_queryset()
        .prefetch_related(
            Prefetch("proposal__call__criteria", queryset=Criterion.objects.order_by("position", "id")),
            Prefetch(
                "proposal__answers",
                queryset=ProposalAnswer.objects.select_related("question").order_by(
                    "question__position", "question_id"
                ),
            ),
            Prefetch("proposal__attachments", queryset=Attachment.objects.order_by("created_at", "id")),
        )
        .filter(pk=assignment_id, reviewer=user)
        .first()
    )


def assignment_list_for_proposal(*, proposal: Proposal) -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.filter(proposal=proposal)
        .select_related("reviewer", "review", "assigned_by")
        .order_by("reviewer__last_name", "reviewer__first_name", "id")
    )


def conflict_list_for_proposal(*, proposal: Proposal) -> QuerySet[ConflictOfInterest]:
    """Declared conflicts of interest on a proposal, for its managers."""
    return (
        ConflictOfInterest.objects.filter(proposal=proposal).select_related("reviewer").order_by("created_at")
    )


# --- Proposals in review -----------------------------------------------------------------------------


def proposal_get_managed(*, user: AnyUser, proposal_id: int) -> Proposal | None:
    """A submitted (or since withdrawn) proposal of a call the user manages. None means 404."""
    if not user.is_authenticated:
        return None
    proposal = (
        Proposal.objects.select_related(
            "call", "call__platform", "call__platform__city", "created_by", "decision", "decision__decided_by"
        )
        .prefetch_related(
            Prefetch("call__criteria", queryset=Criterion.objects.order_by("position", "id")),
            Prefetch(
                "answers",
                queryset=ProposalAnswer.objects.select_related("question").order_by(
                    "question__position", "question_id"
                ),
            ),
            Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "id")),
        )
        .filter(pk=proposal_id)
        .exclude(status=ProposalStatus.DRAFT)
        .first()
    )
    if proposal is None or not user_can_manage_city(user, proposal.call.platform.city_id):
        return None
    return proposal


def proposal_list_managed(*, user: AnyUser) -> QuerySet[Proposal]:
    """Submitted and withdrawn proposals of every call the user manages."""
    return Proposal.objects.filter(call__platform__city_id__in=user_managed_city_ids(user)).exclude(
        status=ProposalStatus.DRAFT
    )


def _counted_reviews() -> QuerySet[Review]:
    """Submitted reviews that count in aggregates: a reviewer with a declared conflict never counts.

    Declaring a conflict deletes the review, so the exclusion is defensive: it keeps the ranking right even
    if a review and a conflict ever coexist.
    """
    conflicted = ConflictOfInterest.objects.filter(
        proposal_id=OuterRef("proposal_id"), reviewer_id=OuterRef("reviewer_id")
    )
    return Review.objects.filter(status=ReviewStatus.SUBMITTED).exclude(Exists(conflicted))


def _review_aggregate(expression: Aggregate | Func, output_field: Field) -> Subquery:
    """One aggregate over the counted reviews of the outer proposal, as a correlated subquery.

    Subqueries (rather than joins) keep the review and assignment counts from multiplying each other.
    """
    return Subquery(
        _counted_reviews()
        .filter(proposal_id=OuterRef("pk"))
        .order_by()
        .values("proposal_id")
        .annotate(value=expression)
        .values("value"),
        output_field=output_field,
    )


def _with_review_counts(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    assignments = (
        ReviewAssignment.objects.filter(proposal_id=OuterRef("pk"))
        .order_by()
        .values("proposal_id")
        .annotate(value=Count("id"))
        .values("value")
    )
    return proposals.annotate(
        review_count=Coalesce(_review_aggregate(Count("id"), IntegerField()), Value(0)),
        assignment_count=Coalesce(Subquery(assignments, output_field=IntegerField()), Value(0)),
    )


def proposal_ranking_for_call(*, call: Call) -> QuerySet[Proposal]:
    """Submitted proposals of the call, best mean weighted score first, with their review statistics.

    Every figure is computed by the database in this one query: `review_count` (submitted reviews),
    `assignment_count`, `score_mean`, `score_min`, `score_max`, `score_spread` (max − min), `score_stddev`
    (population standard deviation: the reviewers of a proposal are the whole panel, not a sample) and
    `decision_outcome`. Proposals without reviews come last; withdrawn proposals are left out.
    """
    proposals = Proposal.objects.filter(call=call, status=ProposalStatus.SUBMITTED).select_related("decision")
    proposals = _with_review_counts(proposals).annotate(
        score_mean=_review_aggregate(Round(Avg("weighted_score"), 3), SCORE_FIELD),
        score_min=_review_aggregate(Min("weighted_score"), SCORE_FIELD),
        score_max=_review_aggregate(Max("weighted_score"), SCORE_FIELD),
        score_stddev=_review_aggregate(Round(StdDev("weighted_score", sample=False), 3), SCORE_FIELD),
        decision_outcome=F("decision__outcome"),
    )
    return proposals.annotate(
        score_spread=ExpressionWrapper(F("score_max") - F("score_min"), output_field=SCORE_FIELD)
    ).order_by(F("score_mean").desc(nulls_last=True), "title", "id")


def criterion_means_for_call(*, call: Call) -> dict[int, dict[int, Decimal]]:
    """Mean score per proposal and criterion over the counted reviews, in one grouped query.

    Returns {proposal_id: {criterion_id: mean}}, the means rounded to two decimals.
    """
    conflicted = ConflictOfInterest.objects.filter(
        proposal_id=OuterRef("review__proposal_id"), reviewer_id=OuterRef("review__reviewer_id")
    )
    rows = (
        CriterionScore.objects.filter(
            review__proposal__call=call,
            review__proposal__status=ProposalStatus.SUBMITTED,
            review__status=ReviewStatus.SUBMITTED,
        )
        .exclude(Exists(conflicted))
        .order_by()
        .values("review__proposal_id", "criterion_id")
        .annotate(mean=Round(Avg("score", output_field=SCORE_FIELD), 2, output_field=SCORE_FIELD))
    )
    means: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in rows:
        means[row["review__proposal_id"]][row["criterion_id"]] = Decimal(row["mean"]).quantize(
            Decimal("0.01")
        )
    return dict(means)


# --- The manager's list ------------------------------------------------------------------------------


def proposal_list_for_call_managers(
    *,
    call: Call,
    status: str = "",
    applicant_kind: str = "",
    outcome: str = "",
    text: str = "",
    fewer_reviews_than: int | None = None,
) -> QuerySet[Proposal]:
    """The call's submitted and withdrawn proposals for its managers, with reviews done and assigned.

    `outcome` is a DecisionOutcome value or "none" for proposals without a decision.
    """
    proposals = (
        Proposal.objects.filter(call=call)
        .exclude(status=ProposalStatus.DRAFT)
        .select_related("decision", "created_by")
    )
    if status:
        proposals = proposals.filter(status=status)
    if applicant_kind:
        proposals = proposals.filter(applicant_kind=applicant_kind)
    if outcome == "none":
        proposals = proposals.filter(decision__isnull=True)
    elif outcome:
        proposals = proposals.filter(decision__outcome=outcome)
    text = text.strip()[:200]
    if text:
        proposals = proposals.filter(title__icontains=text)
    proposals = _with_review_counts(proposals)
    if fewer_reviews_than is not None:
        proposals = proposals.filter(review_count__lt=fewer_reviews_than)  # type: ignore[misc]
    return proposals.order_by("-submitted_at", "-id")


# --- Reviews -----------------------------------------------------------------------------------------


def review_list_visible_for_proposal(*, user: AnyUser, proposal: Proposal) -> QuerySet[Review]:
    """Sealed reviewing, the one rule for every page and endpoint.

    A reviewer sees their own review; others' submitted reviews only once their own is submitted. The
    managers of the call's city see every submitted review (and their own draft, should they review).
    Nobody else sees any. Reviews of reviewers with a declared conflict are never shown.
    """
    if not user.is_authenticated:
        return Review.objects.none()
    conflicted = ConflictOfInterest.objects.filter(
        proposal_id=OuterRef("proposal_id"), reviewer_id=OuterRef("reviewer_id")
    )
    reviews = (
        Review.objects.filter(proposal=proposal)
        .exclude(Exists(conflicted))
        .select_related("reviewer")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=CriterionScore.objects.select_related("criterion").order_by(
                    "criterion__position", "criterion_id"
                ),
            )
        )
        .order_by(F("submitted_at").asc(nulls_last=True), "id")
    )
    submitted_or_own = Q(status=ReviewStatus.SUBMITTED) | Q(reviewer=user)
    if user_can_manage_city(user, proposal.call.platform.city_id):
        return reviews.filter(submitted_or_own)
    own_status = (
        Review.objects.filter(proposal=proposal, reviewer=user, assignment__reviewer=user)
        .values_list("status", flat=True)
        .first()
    )
    if own_status == ReviewStatus.SUBMITTED:
        return reviews.filter(submitted_or_own)
    if own_status == ReviewStatus.DRAFT:
        return reviews.filter(reviewer=user)
    return Review.objects.none()


def review_get_own(*, assignment: ReviewAssignment) -> Review | None:
    return (
        Review.objects.filter(assignment=assignment)
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=CriterionScore.objects.select_related("criterion").order_by(
                    "criterion__position", "criterion_id"
                ),
            )
        )
        .first()
    )
