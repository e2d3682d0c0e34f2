from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.calls.models import Criterion
from kokeilu.core.models import BaseModel
from kokeilu.proposals.models import Proposal


class ReviewAssignment(BaseModel):
    """A reviewer is asked to review a proposal. Declaring a conflict of interest deletes the assignment
    (and any draft review) and records a ConflictOfInterest that blocks re-assignment."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="review_assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="assignment_unique_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.proposal}"


class ConflictOfInterest(BaseModel):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="conflicts_of_interest"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="conflicts_of_interest",
    )
    reason = models.TextField(_("reason"), max_length=2000)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="conflict_unique_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ≠ {self.proposal}"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Recommendation(models.TextChoices):
    RECOMMEND = "recommend", _("Recommend")
    RESERVE = "reserve", _("Recommend as reserve")
    DO_NOT_RECOMMEND = "do_not_recommend", _("Do not recommend")


class Review(BaseModel):
    """One reviewer's scores for one proposal. Sealed: others' reviews open to a reviewer only after
    they have submitted their own."""

    assignment = models.OneToOneField(
        ReviewAssignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="review"
    )
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="reviews"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("overall comment"), blank=True, max_length=8000)
    # The weighted mean of the criterion scores (0–5), written when the review is submitted so rankings
    # aggregate one column instead of recomputing every score.
    weighted_score = models.DecimalField(
        _("weighted score"), max_digits=5, decimal_places=3, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="review_unique_reviewer"),
            models.CheckConstraint(
                condition=~Q(status="submitted")
                | (Q(submitted_at__isnull=False) & Q(weighted_score__isnull=False)),
                name="review_submitted_is_complete",
            ),
        ]
        indexes = [models.Index(fields=["proposal", "status"], name="review_proposal_status_idx")]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.proposal}"


class CriterionScore(BaseModel):
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique_per_criterion"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=5), name="score_between_0_and_5"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class DecisionOutcome(models.TextChoices):
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("Reserve")
    REJECTED = "rejected", _("Not selected")


class Decision(BaseModel):
    """The manager's decision on a proposal, with a reason the applicant sees."""

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=DecisionOutcome.choices)
    reason = models.TextField(_("reason"), max_length=4000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    notified_at = models.DateTimeField(_("applicant notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [models.Index(fields=["outcome"], name="decision_outcome_idx")]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_outcome_display()}"
