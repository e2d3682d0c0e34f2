"""An experiment's final report: what was learned, what the customers said, what was measured, and what
happens next.

One report per experiment. The team writes it as a draft, submits it, and the city's programme managers
approve it (which publishes it) or return it for changes. The allowed state changes are in
`REPORT_TRANSITIONS`; the services in `reports.services` are the only writers.

Publication rule: an approved report is public, together with its public learnings, its quotes with
recorded consent that are marked public, and its measures, even when the experiment's workspace is not
public. The city decides what is published by approving the report; internal learnings, internal gate
answers, quotes without consent and the money details are never published.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.core.models import BaseModel, Translated
from kokeilu.experiments.models import Experiment


def _has_one(base: str) -> Q:
    return ~Q(**{f"{base}_fi": ""}) | ~Q(**{f"{base}_sv": ""}) | ~Q(**{f"{base}_en": ""})


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved and published")


# The allowed state changes of a final report, in one place. Submitted → draft is "returned for changes".
# An approved report is final: a new version of it would be future work.
REPORT_TRANSITIONS: dict[str, set[str]] = {
    ReportState.DRAFT: {ReportState.SUBMITTED},
    ReportState.SUBMITTED: {ReportState.APPROVED, ReportState.DRAFT},
    ReportState.APPROVED: set(),
}


class NextStep(models.TextChoices):
    ADOPT = "adopt", _("Adopt into everyday use")
    SCALE = "scale", _("Scale to more units")
    ITERATE = "iterate", _("Iterate: experiment again")
    PROCURE = "procure", _("Procure")
    STOP = "stop", _("Stop")


class Visibility(models.TextChoices):
    """The same choices (and labels) as the gate questions' visibility: the team includes the city's
    programme managers."""

    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal (the team only)")


class FinalReport(BaseModel):
    """The report that closes an experiment. See the module docstring for the publication rule."""

    experiment = models.OneToOneField(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="final_report"
    )
    summary_fi = models.TextField(_("summary (Finnish)"), blank=True, max_length=8000)
    summary_sv = models.TextField(_("summary (Swedish)"), blank=True, max_length=8000)
    summary_en = models.TextField(_("summary (English)"), blank=True, max_length=8000)
    next_step = models.CharField(_("what next"), max_length=20, choices=NextStep.choices, blank=True)
    next_step_owner_name = models.CharField(
        _("owner of the next step"),
        max_length=200,
        blank=True,
        help_text=_("The person or organisation who takes the next step."),
    )
    next_step_owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (user)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    next_step_reason = models.TextField(_("reason for the decision"), blank=True, max_length=4000)
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("returned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved (published) at"), null=True, blank=True)
    manager_comment = models.TextField(_("programme manager's comment"), blank=True, max_length=4000)

    summary = Translated("summary")

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")
        ordering = ["-approved_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values), name="reports_report_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(next_step="") | Q(next_step__in=NextStep.values),
                name="reports_report_next_step_valid",
            ),
            # Only a complete report leaves the draft state, and an approved one knows when it was approved.
            models.CheckConstraint(
                condition=Q(state=ReportState.DRAFT)
                | (
                    _has_one("summary")
                    & ~Q(next_step="")
                    & ~Q(next_step_owner_name="")
                    & Q(submitted_at__isnull=False)
                ),
                name="reports_report_complete_when_submitted",
            ),
            models.CheckConstraint(
                condition=~Q(state=ReportState.APPROVED) | Q(approved_at__isnull=False),
                name="reports_report_approved_has_date",
            ),
        ]
        indexes = [models.Index(fields=["state", "approved_at"], name="reports_report_state_idx")]

    def __str__(self) -> str:
        return str(self.experiment)

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.APPROVED

    @property
    def is_editable(self) -> bool:
        return self.state == ReportState.DRAFT


class Learning(BaseModel):
    """A key learning: a short statement with the evidence behind it."""

    report = models.ForeignKey(
        FinalReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="learnings"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    statement_fi = models.CharField(_("learning (Finnish)"), max_length=300, blank=True)
    statement_sv = models.CharField(_("learning (Swedish)"), max_length=300, blank=True)
    statement_en = models.CharField(_("learning (English)"), max_length=300, blank=True)
    evidence = models.TextField(_("evidence"), blank=True, max_length=4000)
    theme = models.ForeignKey(
        "platforms.Theme",
        verbose_name=_("theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learnings",
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    statement = Translated("statement")

    class Meta:
        verbose_name = _("learning")
        verbose_name_plural = _("learnings")
        ordering = ["report_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=_has_one("statement"), name="reports_learning_has_statement"),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="reports_learning_visibility_valid"
            ),
        ]
        indexes = [models.Index(fields=["visibility", "report"], name="reports_learning_vis_idx")]

    def __str__(self) -> str:
        return str(self.statement)


class Quote(BaseModel):
    """The customer's voice. `speaker` describes who said it ("pupil, 9th grade"), never by name unless
    the person consented to that. A quote is public only with recorded consent (also a DB constraint)."""

    report = models.ForeignKey(
        FinalReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="quotes"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("quote"), max_length=2000)
    speaker = models.CharField(
        _("who said it"),
        max_length=200,
        help_text=_("A description such as “pupil, 9th grade”; a name only with the person's consent."),
    )
    consent_recorded = models.BooleanField(_("consent recorded"), default=False)
    consent_method = models.CharField(
        _("how consent was given"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “signed consent form at the workshop”."),
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["report_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="reports_quote_has_text"),
            models.CheckConstraint(condition=~Q(speaker=""), name="reports_quote_has_speaker"),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="reports_quote_visibility_valid"
            ),
            # Recorded consent means: said so, how, and when.
            models.CheckConstraint(
                condition=Q(consent_recorded=False)
                | (~Q(consent_method="") & Q(consent_recorded_at__isnull=False)),
                name="reports_quote_consent_complete",
            ),
            # A quote without recorded consent can never be public.
            models.CheckConstraint(
                condition=~Q(visibility=Visibility.PUBLIC) | Q(consent_recorded=True),
                name="reports_quote_public_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_publishable(self) -> bool:
        return self.visibility == Visibility.PUBLIC and self.consent_recorded


class Measure(BaseModel):
    """Something measured before and after the experiment (either value may be unknown, not both)."""

    report = models.ForeignKey(
        FinalReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="measures"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(_("what was measured"), max_length=200)
    before_value = models.DecimalField(_("before"), max_digits=14, decimal_places=2, null=True, blank=True)
    after_value = models.DecimalField(_("after"), max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["report_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="reports_measure_has_name"),
            models.CheckConstraint(
                condition=Q(before_value__isnull=False) | Q(after_value__isnull=False),
                name="reports_measure_has_a_value",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def change(self) -> Decimal | None:
        if self.before_value is None or self.after_value is None:
            return None
        return self.after_value - self.before_value
