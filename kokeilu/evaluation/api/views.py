"""The evaluation API: one view per operation, calling the same services and selectors as the pages.

Reviewers work under /me/assignments/ (someone else's assignment is not in their collection: 404);
managers assign, rank and decide on calls of their cities (other cities' objects: 404).
"""

from typing import Any, cast

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.calls.models import Call
from kokeilu.calls.selectors import call_get_managed
from kokeilu.proposals.models import Proposal, ProposalStatus

from .. import services
from ..models import DecisionOutcome, Recommendation, Review, ReviewAssignment
from ..selectors import (
    assignment_get_for_reviewer,
    assignment_get_visible,
    assignment_list_for_reviewer,
    criterion_means_for_call,
    proposal_get_managed,
    proposal_ranking_for_call,
    review_get_own,
    review_list_visible_for_proposal,
)


def _user(request: Request) -> User:
    # Every view here requires authentication (the default permission class).
    return cast(User, request.user)


def _own_assignment(request: Request, pk: int) -> ReviewAssignment:
    assignment = assignment_get_for_reviewer(user=request.user, assignment_id=pk)
    if assignment is None:
        raise Http404
    return assignment


def _managed_call(request: Request, slug: str) -> Call:
    call = call_get_managed(user=request.user, slug=slug)
    if call is None:
        raise Http404
    return call


# --- Serializers (named uniquely across the project: they become schema components) ------------------


class EvaluationCriterionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    weight = serializers.IntegerField()


class EvaluationScoreOutput(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    score = serializers.IntegerField()
    comment = serializers.CharField()


class EvaluationReviewOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reviewer = serializers.CharField()
    is_own = serializers.SerializerMethodField()
    status = serializers.CharField()
    recommendation = serializers.CharField()
    comment = serializers.CharField()
    weighted_score = serializers.DecimalField(max_digits=5, decimal_places=3, allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    scores = EvaluationScoreOutput(many=True, source="scores.all")

    def get_is_own(self, review: Review) -> bool:
        return review.reviewer_id == self.context["user_id"]


class EvaluationCallSummaryOutput(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    review_ends_at = serializers.DateTimeField()


class ReviewerAssignmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    proposal = serializers.IntegerField(source="proposal_id")
    proposal_title = serializers.CharField(source="proposal.title")
    proposal_status = serializers.CharField(source="proposal.status")
    call = EvaluationCallSummaryOutput(source="proposal.call")
    review_status = serializers.SerializerMethodField()
    assigned_at = serializers.DateTimeField(source="created_at")

    def get_review_status(self, assignment: ReviewAssignment) -> str:
        """ "not_started", "draft" or "submitted"."""
        review = getattr(assignment, "review", None)
        return review.status if review is not None else "not_started"


class EvaluationAnswerOutput(serializers.Serializer):
    question = serializers.IntegerField(source="question_id")
    question_text = serializers.CharField(source="question.text")
    text = serializers.CharField()


class EvaluationAttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class EvaluationProposalOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    applicant_kind = serializers.CharField()
    organisation_name = serializers.CharField()
    problem = serializers.CharField()
    solution = serializers.CharField()
    team = serializers.CharField()
    partner = serializers.CharField()
    budget = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    budget_details = serializers.CharField()
    duration_months = serializers.IntegerField(allow_null=True)
    schedule = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    answers = EvaluationAnswerOutput(many=True, source="answers.all")
    attachments = EvaluationAttachmentOutput(many=True, source="attachments.all")


class ReviewerAssignmentDetailOutput(serializers.Serializer):
    id = serializers.IntegerField()
    call = EvaluationCallSummaryOutput(source="proposal.call")
    proposal = EvaluationProposalOutput()
    criteria = EvaluationCriterionOutput(many=True, source="proposal.call.criteria.all")
    review = EvaluationReviewOutput(
        source="own_review", allow_null=True, help_text="Your own review, if any."
    )


class ReviewScoreInput(serializers.Serializer):
    criterion = serializers.IntegerField()
    score = serializers.IntegerField(help_text="A whole number from 0 to 5.")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSaveInput(serializers.Serializer):
    scores = ReviewScoreInput(many=True)
    recommendation = serializers.ChoiceField(choices=Recommendation.choices, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(
        default=False, help_text="Submit the review (final) instead of saving a draft."
    )

    def validate_scores(self, scores: list[dict[str, Any]]) -> list[dict[str, Any]]:
        criteria = [score["criterion"] for score in scores]
        if len(criteria) != len(set(criteria)):
            raise serializers.ValidationError(_("Each criterion may appear only once."))
        return scores


class ConflictDeclareInput(serializers.Serializer):
    reason = serializers.CharField()


class ConflictDeclareOutput(serializers.Serializer):
    id = serializers.IntegerField()
    proposal = serializers.IntegerField(source="proposal_id")
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class BulkAssignmentInput(serializers.Serializer):
    proposals = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    reviewers = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)


class CreatedAssignmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    proposal = serializers.IntegerField(source="proposal_id")
    reviewer = serializers.IntegerField(source="reviewer_id")


class SkippedAssignmentOutput(serializers.Serializer):
    proposal = serializers.IntegerField(source="proposal_id")
    reviewer = serializers.IntegerField(source="reviewer_id")
    reason = serializers.ChoiceField(choices=list(services.SKIP_REASON_LABELS))
    reason_label = serializers.CharField()


class BulkAssignmentOutput(serializers.Serializer):
    created_count = serializers.IntegerField()
    skipped_count = serializers.IntegerField()
    created = CreatedAssignmentOutput(many=True)
    skipped = SkippedAssignmentOutput(many=True)


class RankingCriterionMeanOutput(serializers.Serializer):
    criterion = serializers.IntegerField()
    mean = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)


class RankingRowOutput(serializers.Serializer):
    rank = serializers.IntegerField()
    proposal = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    applicant_kind = serializers.CharField()
    organisation_name = serializers.CharField()
    review_count = serializers.IntegerField()
    assignment_count = serializers.IntegerField()
    score_mean = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)
    score_min = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)
    score_max = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)
    score_spread = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)
    score_stddev = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)
    criterion_means = RankingCriterionMeanOutput(many=True)
    decision_outcome = serializers.CharField(
        allow_null=True, help_text="selected, reserve, rejected, or null when there is no decision yet."
    )


class RankingOutput(serializers.Serializer):
    call = serializers.SlugField()
    criteria = EvaluationCriterionOutput(many=True)
    proposals = RankingRowOutput(many=True)


class DecisionRecordInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    reason = serializers.CharField()


class DecisionRecordOutput(serializers.Serializer):
    proposal = serializers.IntegerField(source="proposal_id")
    outcome = serializers.CharField()
    reason = serializers.CharField()
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField()
    notified_at = serializers.DateTimeField(allow_null=True)


# --- Reviewer ----------------------------------------------------------------------------------------


class MyAssignmentListApi(generics.ListAPIView):
    """Your review assignments."""

    serializer_class = ReviewerAssignmentOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return assignment_list_for_reviewer(user=self.request.user)


class MyAssignmentDetailApi(APIView):
    @extend_schema(responses=ReviewerAssignmentDetailOutput)
    def get(self, request: Request, pk: int) -> Response:
        """One of your assignments: the proposal, the call's criteria and your own review."""
        assignment = _own_assignment(request, pk)
        assignment.own_review = review_get_own(assignment=assignment)  # type: ignore[attr-defined]
        return Response(ReviewerAssignmentDetailOutput(assignment, context={"user_id": request.user.pk}).data)


class MyReviewSaveApi(APIView):
    @extend_schema(request=ReviewSaveInput, responses=EvaluationReviewOutput)
    def put(self, request: Request, pk: int) -> Response:
        """Save your review as a draft, or submit it (`submit: true`); a submitted review is final."""
        assignment = _own_assignment(request, pk)
        data = ReviewSaveInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.review_save(
            assignment=assignment,
            reviewer=_user(request),
            scores={
                row["criterion"]: (row["score"], row["comment"]) for row in data.validated_data["scores"]
            },
            recommendation=data.validated_data["recommendation"],
            comment=data.validated_data["comment"],
            submit=data.validated_data["submit"],
        )
        review = review_get_own(assignment=review.assignment) or review
        return Response(EvaluationReviewOutput(review, context={"user_id": request.user.pk}).data)


class MyConflictDeclareApi(APIView):
    @extend_schema(request=ConflictDeclareInput, responses={201: ConflictDeclareOutput})
    def post(self, request: Request, pk: int) -> Response:
        """Declare a conflict of interest: your assignment and review on the proposal are deleted."""
        assignment = _own_assignment(request, pk)
        data = ConflictDeclareInput(data=request.data)
        data.is_valid(raise_exception=True)
        conflict = services.conflict_of_interest_declare(
            assignment=assignment, reviewer=_user(request), reason=data.validated_data["reason"]
        )
        return Response(ConflictDeclareOutput(conflict).data, status=status.HTTP_201_CREATED)


class MyAssignmentReviewListApi(APIView):
    @extend_schema(responses=EvaluationReviewOutput(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """Reviews of the assigned proposal you may see: others' only after you have submitted yours."""
        assignment = _own_assignment(request, pk)
        reviews = review_list_visible_for_proposal(user=request.user, proposal=assignment.proposal)
        return Response(EvaluationReviewOutput(reviews, many=True, context={"user_id": request.user.pk}).data)


# --- Manager -----------------------------------------------------------------------------------------


class CallAssignmentBulkCreateApi(APIView):
    @extend_schema(request=BulkAssignmentInput, responses={201: BulkAssignmentOutput})
    def post(self, request: Request, slug: str) -> Response:
        """Assign every listed reviewer to every listed proposal of the call; existing pairs, declared
        conflicts and the proposals' own applicants are skipped and reported."""
        call = _managed_call(request, slug)
        data = BulkAssignmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal_ids = set(data.validated_data["proposals"])
        reviewer_ids = set(data.validated_data["reviewers"])
        proposals = list(
            Proposal.objects.filter(call=call, pk__in=proposal_ids).exclude(status=ProposalStatus.DRAFT)
        )
        unknown = sorted(proposal_ids - {proposal.pk for proposal in proposals})
        if unknown:
            raise serializers.ValidationError(
                {
                    "proposals": [
                        _("Not a proposal of this call: %(ids)s") % {"ids": ", ".join(map(str, unknown))}
                    ]
                }
            )
        reviewers = list(User.objects.filter(pk__in=reviewer_ids))
        unknown = sorted(reviewer_ids - {reviewer.pk for reviewer in reviewers})
        if unknown:
            raise serializers.ValidationError(
                {"reviewers": [_("Unknown user: %(ids)s") % {"ids": ", ".join(map(str, unknown))}]}
            )
        result = services.review_assignments_bulk_create(
            proposals=proposals, reviewers=reviewers, assigned_by=_user(request)
        )
        return Response(BulkAssignmentOutput(result).data, status=status.HTTP_201_CREATED)


class AssignmentDeleteApi(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        """Remove a review assignment (and any draft review) while no review has been submitted."""
        assignment = assignment_get_visible(user=request.user, assignment_id=pk)
        if assignment is None:
            raise Http404
        services.review_assignment_delete(assignment=assignment, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CallRankingApi(APIView):
    @extend_schema(responses=RankingOutput)
    def get(self, request: Request, slug: str) -> Response:
        """The call's submitted proposals, best mean weighted score first, with review statistics."""
        call = _managed_call(request, slug)
        criteria = list(call.criteria.all())
        means = criterion_means_for_call(call=call)
        rows = list(proposal_ranking_for_call(call=call))
        for position, row in enumerate(rows, start=1):
            row.rank = position  # type: ignore[attr-defined]
            row.criterion_means = [  # type: ignore[attr-defined]
                {"criterion": criterion.pk, "mean": means.get(row.pk, {}).get(criterion.pk)}
                for criterion in criteria
            ]
        return Response(RankingOutput({"call": call.slug, "criteria": criteria, "proposals": rows}).data)


class DecisionRecordApi(APIView):
    @extend_schema(request=DecisionRecordInput, responses=DecisionRecordOutput)
    def post(self, request: Request, pk: int) -> Response:
        """Record or change the decision on a proposal; the applicant is told by e-mail."""
        proposal = proposal_get_managed(user=request.user, proposal_id=pk)
        if proposal is None:
            raise Http404
        data = DecisionRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        decision = services.decision_record(
            proposal=proposal,
            outcome=data.validated_data["outcome"],
            reason=data.validated_data["reason"],
            decided_by=_user(request),
        )
        return Response(DecisionRecordOutput(decision).data)
