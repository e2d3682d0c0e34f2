"""Datasets in the analytics store, analysis runs and their suppressed results, and the access log.

Nothing here holds a row per person: a dataset row points to its store directory, and a run keeps only
the suppressed report (pipeline/report.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.core.models import BaseModel


class DatasetSource(models.TextChoices):
    SYNTHETIC = "synthetic", _("Synthetic population")
    EXTRACT = "extract", _("Pseudonymised extract")


class Dataset(BaseModel):
    """An ingested, pseudonymised extract in the analytics store."""

    city = models.ForeignKey(
        Organisation,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="analytics_datasets",
        limit_choices_to={"kind": OrganisationKind.CITY},
    )
    name = models.CharField(_("name"), max_length=200)
    store_name = models.CharField(_("store directory"), max_length=100, unique=True)
    source = models.CharField(_("source"), max_length=20, choices=DatasetSource.choices)
    people = models.PositiveIntegerField(_("people"))
    events = models.PositiveBigIntegerField(_("events"))
    rejected_rows = models.PositiveIntegerField(_("rejected rows"), default=0)
    birth_date_precision = models.CharField(_("date-of-birth precision"), max_length=10, blank=True)
    # Counts and line numbers of rejected rows; never their values.
    ingest_report = models.JSONField(_("ingest report"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


# The whole state machine: a run is queued, runs, and succeeds or fails; a failed run can be queued again.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    RunStatus.QUEUED: frozenset({RunStatus.RUNNING}),
    RunStatus.RUNNING: frozenset({RunStatus.SUCCEEDED, RunStatus.FAILED}),
    RunStatus.SUCCEEDED: frozenset(),
    RunStatus.FAILED: frozenset({RunStatus.QUEUED}),
}


class RunStage(models.TextChoices):
    WAITING = "waiting", _("Waiting to start")
    SEQUENCES = "sequences", _("Building service paths")
    FEATURES = "features", _("Computing features")
    GROUPS = "groups", _("Finding customer groups")
    EARLY = "early", _("Early identification")
    REPORT = "report", _("Suppressing and reporting")
    DONE = "done", _("Done")


class AnalysisRun(BaseModel):
    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.PROTECT, related_name="runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(_("stage"), max_length=20, choices=RunStage.choices, default=RunStage.WAITING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    parameters = models.JSONField(_("parameters"), default=dict)
    error_message = models.TextField(_("error message"), blank=True)
    # The suppressed report: aggregates only, each with its method and threshold.
    results = models.JSONField(_("results"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="analysis_run_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(status=RunStatus.SUCCEEDED, results__isnull=False)
                | (~Q(status=RunStatus.SUCCEEDED) & Q(results__isnull=True)),
                name="analysis_run_results_only_when_succeeded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.SUCCEEDED, RunStatus.FAILED)


class AccessLog(models.Model):
    """One row for every analyst page view, export and refused attempt. Rows are only ever added."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150)
    action = models.CharField(_("action"), max_length=60)
    path = models.CharField(_("path"), max_length=500)
    allowed = models.BooleanField(_("allowed"))
    run = models.ForeignKey(
        AnalysisRun, verbose_name=_("run"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessed_at = models.DateTimeField(_("accessed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-accessed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.accessed_at:%Y-%m-%d %H:%M} {self.username} {self.action}"
