"""An experiment's phases with their stage gates, and its plan: milestones, tasks and status reports.

Phases come from a template: a built-in one (Koestamo's DISCOVER → DREAM → DESIGN → DO, Tampere's
company-cooperation model, a plain numbered one) or one a city's programme managers define. Applying a
template copies its phases and gate questions into the experiment; from then on the experiment's phases
are its own. A phase is upcoming, current or done; one phase at a time is current, and the experiment
moves on only when every required gate question of the current phase has an answer.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation
from kokeilu.core.models import BaseModel, Translated
from kokeilu.experiments.models import Experiment, ExperimentMember


def _has_one(base: str) -> Q:
    return ~Q(**{f"{base}_fi": ""}) | ~Q(**{f"{base}_sv": ""}) | ~Q(**{f"{base}_en": ""})


class GateVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal (the team only)")


# --- Templates ------------------------------------------------------------------------------------------


class PhaseTemplate(BaseModel):
    """A reusable sequence of phases. Built-in templates have no city and a `key`; a city's own templates
    belong to the city and are seen by its programme managers (and offered in its experiments)."""

    city = models.ForeignKey(
        Organisation,
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phase_templates",
    )
    key = models.SlugField(_("key"), max_length=40, blank=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=120, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True, max_length=2000)
    description_sv = models.TextField(_("description (Swedish)"), blank=True, max_length=2000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    name = Translated("name")
    description = Translated("description")

    class Meta:
        verbose_name = _("phase template")
        verbose_name_plural = _("phase templates")
        ordering = ["city_id", "name_fi", "name_en", "pk"]
        constraints = [
            models.CheckConstraint(condition=_has_one("name"), name="planning_template_has_name"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(city__isnull=True), name="planning_template_builtin_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def is_builtin(self) -> bool:
        return self.city_id is None


class TemplatePhase(BaseModel):
    template = models.ForeignKey(
        PhaseTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="phases"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name_fi = models.CharField(_("name (Finnish)"), max_length=120, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True, max_length=2000)
    description_sv = models.TextField(_("description (Swedish)"), blank=True, max_length=2000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=2000)

    name = Translated("name")
    description = Translated("description")

    class Meta:
        verbose_name = _("template phase")
        verbose_name_plural = _("template phases")
        ordering = ["template_id", "position", "pk"]
        constraints = [models.CheckConstraint(condition=_has_one("name"), name="planning_tphase_has_name")]

    def __str__(self) -> str:
        return str(self.name)


class TemplateGateQuestion(BaseModel):
    phase = models.ForeignKey(
        TemplatePhase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text_fi = models.CharField(_("question (Finnish)"), max_length=500, blank=True)
    text_sv = models.CharField(_("question (Swedish)"), max_length=500, blank=True)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=GateVisibility.choices, default=GateVisibility.PUBLIC
    )
    is_required = models.BooleanField(_("required"), default=True)

    text = Translated("text")

    class Meta:
        verbose_name = _("template gate question")
        verbose_name_plural = _("template gate questions")
        ordering = ["phase_id", "position", "pk"]
        constraints = [models.CheckConstraint(condition=_has_one("text"), name="planning_tquestion_has_text")]

    def __str__(self) -> str:
        return str(self.text)


# --- An experiment's phases and stage gates ------------------------------------------------------------


class PhaseState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    CURRENT = "current", _("Current")
    DONE = "done", _("Done")


# The phase state machine, written once: a phase starts, then it is completed. Nothing goes back.
PHASE_TRANSITIONS: dict[str, set[str]] = {
    PhaseState.UPCOMING: {PhaseState.CURRENT},
    PhaseState.CURRENT: {PhaseState.DONE},
    PhaseState.DONE: set(),
}


class Phase(BaseModel):
    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="phases"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name_fi = models.CharField(_("name (Finnish)"), max_length=120, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True, max_length=2000)
    description_sv = models.TextField(_("description (Swedish)"), blank=True, max_length=2000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=2000)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=PhaseState.choices, default=PhaseState.UPCOMING
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    template = models.ForeignKey(
        PhaseTemplate,
        verbose_name=_("template"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    name = Translated("name")
    description = Translated("description")

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["experiment_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=_has_one("name"), name="planning_phase_has_name"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="planning_phase_dates_order",
            ),
            # Exactly one current phase at a time (the service keeps "at least one while any is left").
            models.UniqueConstraint(
                fields=["experiment"], condition=Q(state="current"), name="planning_phase_one_current"
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)


class GateQuestion(BaseModel):
    """A question the team answers before the experiment leaves the phase. Public answers become the
    experiment's published learnings; internal ones stay with the team."""

    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="gate_questions"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text_fi = models.CharField(_("question (Finnish)"), max_length=500, blank=True)
    text_sv = models.CharField(_("question (Swedish)"), max_length=500, blank=True)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=GateVisibility.choices, default=GateVisibility.PUBLIC
    )
    is_required = models.BooleanField(_("required"), default=True)

    text = Translated("text")

    class Meta:
        verbose_name = _("gate question")
        verbose_name_plural = _("gate questions")
        ordering = ["phase_id", "position", "pk"]
        constraints = [models.CheckConstraint(condition=_has_one("text"), name="planning_question_has_text")]

    def __str__(self) -> str:
        return str(self.text)


class GateAnswer(BaseModel):
    """The team's answer to a gate question: one per question, editable until its phase is done."""

    question = models.OneToOneField(
        GateQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answer"
    )
    text = models.TextField(_("answer"), max_length=8000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"))

    class Meta:
        verbose_name = _("gate answer")
        verbose_name_plural = _("gate answers")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="planning_answer_not_empty")]

    def __str__(self) -> str:
        return self.text[:60]


# --- The plan -------------------------------------------------------------------------------------------


class Milestone(BaseModel):
    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due date"))
    is_done = models.BooleanField(_("done"), default=False)
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="planning_milestone_has_title")]

    def __str__(self) -> str:
        return self.title


class TaskStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DOING = "doing", _("In progress")
    DONE = "done", _("Done")


class Task(BaseModel):
    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        ExperimentMember,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planning_tasks",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO)
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="planning_task_has_title")]
        indexes = [models.Index(fields=["experiment", "status"], name="planning_task_status_idx")]

    def __str__(self) -> str:
        return self.title


class PlanStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    LATE = "late", _("Late")


class StatusReport(BaseModel):
    """How the experiment is doing, reported by its team; the newest is the experiment's status."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="status_reports"
    )
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=4000)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="on_track") | ~Q(reason=""), name="planning_status_reason_unless_on_track"
            )
        ]

    def __str__(self) -> str:
        return self.get_status_display()
