from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokeilu.core.models import BaseModel, Translated
from kokeilu.platforms.models import DevelopmentNeed, Platform, Theme


class ApplicantKind(models.TextChoices):
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    SCHOOL = "school", _("School")
    RESEARCH = "research", _("Research institution")
    RESIDENT = "resident", _("Resident")
    CITY_STAFF = "city_staff", _("City staff")


class ProposalMode(models.TextChoices):
    LOW_THRESHOLD = "low_threshold", _("Short problem description")
    FULL = "full", _("Full application")


class CallPhase(models.TextChoices):
    """Phases follow the call's dates (Europe/Helsinki); only publishing is a manual step."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Published, opens later")
    OPEN = "open", _("Open for proposals")
    REVIEW = "review", _("Review")
    DECISION = "decision", _("Decision")
    CLOSED = "closed", _("Closed")


class Call(BaseModel):
    """A call for experiments on a platform, answering one or more of its development needs."""

    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), on_delete=models.PROTECT, related_name="calls"
    )
    needs = models.ManyToManyField(
        DevelopmentNeed, verbose_name=_("development needs"), blank=True, related_name="calls"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="calls")
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_fi = models.CharField(_("title (Finnish)"), max_length=200)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    eligibility = models.JSONField(
        _("who may apply"), default=list, blank=True, help_text=_("Applicant kinds allowed to submit.")
    )
    proposal_mode = models.CharField(
        _("proposal form"), max_length=20, choices=ProposalMode.choices, default=ProposalMode.FULL
    )
    funding_per_pilot = models.DecimalField(
        _("funding per pilot (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    pilots_to_fund = models.PositiveSmallIntegerField(_("number of pilots to fund"), null=True, blank=True)
    duration_min_months = models.PositiveSmallIntegerField(
        _("shortest pilot (months)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    duration_max_months = models.PositiveSmallIntegerField(
        _("longest pilot (months)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    opens_at = models.DateTimeField(_("opens for proposals"))
    closes_at = models.DateTimeField(_("deadline for proposals"))
    review_ends_at = models.DateTimeField(_("review ends"))
    decision_ends_at = models.DateTimeField(_("decisions by"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Bumped by every service that changes what the call's pages show (proposals, reviews, assignments,
    # decisions, needs). Page caches key on it, so the call lookup every page makes anyway tells whether a
    # cached rendering is still current, without a query of its own.
    activity_version = models.PositiveBigIntegerField(_("activity version"), default=0, editable=False)

    title = Translated("title")
    description = Translated("description")

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")), name="call_opens_before_deadline"
            ),
            models.CheckConstraint(
                condition=Q(closes_at__lte=F("review_ends_at")), name="call_review_after_deadline"
            ),
            models.CheckConstraint(
                condition=Q(review_ends_at__lte=F("decision_ends_at")), name="call_decision_after_review"
            ),
            models.CheckConstraint(
                condition=Q(duration_min_months__lte=F("duration_max_months")), name="call_duration_range"
            ),
            models.CheckConstraint(condition=Q(funding_per_pilot__gte=0), name="call_funding_not_negative"),
        ]
        indexes = [models.Index(fields=["platform", "opens_at"], name="call_platform_opens_idx")]

    def __str__(self) -> str:
        return str(self.title)

    def phase_at(self, moment: datetime | None = None) -> str:
        moment = moment or timezone.now()
        if self.published_at is None:
            return CallPhase.DRAFT
        if moment < self.opens_at:
            return CallPhase.SCHEDULED
        if moment < self.closes_at:
            return CallPhase.OPEN
        if moment < self.review_ends_at:
            return CallPhase.REVIEW
        if moment < self.decision_ends_at:
            return CallPhase.DECISION
        return CallPhase.CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at()

    def get_phase_display(self) -> str:
        return str(CallPhase(self.phase).label)

    @property
    def city_id(self) -> int:
        return self.platform.city_id

    def eligibility_labels(self) -> list[str]:
        return [str(ApplicantKind(kind).label) for kind in self.eligibility if kind in ApplicantKind.values]


class Criterion(BaseModel):
    """An evaluation criterion; reviewers score each 0–5 and the weight sets its share of the total."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria")
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    name = Translated("name")
    description = Translated("description")

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["call_id", "position", "id"]
        constraints = [models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_positive")]

    def __str__(self) -> str:
        return str(self.name)


class CallQuestion(BaseModel):
    """An extra question of the call that full applications answer."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="questions")
    text_fi = models.CharField(_("question (Finnish)"), max_length=500)
    text_sv = models.CharField(_("question (Swedish)"), max_length=500, blank=True)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    help_fi = models.TextField(_("help text (Finnish)"), blank=True)
    help_sv = models.TextField(_("help text (Swedish)"), blank=True)
    help_en = models.TextField(_("help text (English)"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    max_length = models.PositiveIntegerField(_("maximum length (characters)"), default=2000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    text = Translated("text")
    help = Translated("help")

    class Meta:
        verbose_name = _("call question")
        verbose_name_plural = _("call questions")
        ordering = ["call_id", "position", "id"]

    def __str__(self) -> str:
        return str(self.text)
