"""Reads of the planning app, with the visibility rule of gate questions written once:
internal questions and their answers are seen by the team (access.is_team) only; public ones by everyone
who may see the experiment's workspace."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kokeilu.accounts.selectors import AnyUser, user_can_manage_city
from kokeilu.experiments.models import Experiment, ExperimentMember
from kokeilu.experiments.selectors import ExperimentAccess

from .models import (
    GateAnswer,
    GateQuestion,
    GateVisibility,
    Milestone,
    Phase,
    PhaseState,
    PhaseTemplate,
    StatusReport,
    Task,
    TaskStatus,
    TemplateGateQuestion,
    TemplatePhase,
)


def gate_question_filter(access: ExperimentAccess, *, prefix: str = "") -> Q:
    """The gate questions (and so answers) the person may see in an experiment they can view."""
    if access.is_team:
        return Q()
    if not access.can_view:
        return Q(pk__in=[])
    return Q(**{f"{prefix}visibility": GateVisibility.PUBLIC})


def phase_list(*, experiment: Experiment, access: ExperimentAccess) -> QuerySet[Phase]:
    """The experiment's phases in order, each with the gate questions (and answers) the person may see."""
    questions = (
        GateQuestion.objects.filter(gate_question_filter(access))
        .select_related("answer", "answer__answered_by")
        .order_by("position", "pk")
    )
    return (
        Phase.objects.filter(experiment=experiment)
        .prefetch_related(Prefetch("gate_questions", queryset=questions))
        .order_by("position", "pk")
    )


def phase_get(*, experiment: Experiment, pk: int) -> Phase | None:
    return Phase.objects.select_related("experiment").filter(experiment=experiment, pk=pk).first()


def gate_question_get(*, experiment: Experiment, access: ExperimentAccess, pk: int) -> GateQuestion | None:
    return (
        GateQuestion.objects.select_related("phase", "phase__experiment", "answer")
        .filter(gate_question_filter(access), phase__experiment=experiment, pk=pk)
        .first()
    )


@dataclass(frozen=True)
class Learnings:
    public: list[GateAnswer]
    internal: list[GateAnswer]


def gate_answers_for_learnings(experiment: Experiment) -> Learnings:
    """Every answer to the experiment's gate questions in phase order, public and internal apart: the public
    ones are the experiment's published learnings; the internal ones are for the team only."""
    answers = list(
        GateAnswer.objects.filter(question__phase__experiment=experiment)
        .select_related("question", "question__phase", "answered_by")
        .order_by("question__phase__position", "question__position", "question__pk")
    )
    return Learnings(
        public=[answer for answer in answers if answer.question.visibility == GateVisibility.PUBLIC],
        internal=[answer for answer in answers if answer.question.visibility == GateVisibility.INTERNAL],
    )


def milestone_list(*, experiment: Experiment) -> QuerySet[Milestone]:
    return Milestone.objects.filter(experiment=experiment).select_related("phase").order_by("due_on", "pk")


def task_list(*, experiment: Experiment) -> QuerySet[Task]:
    return (
        Task.objects.filter(experiment=experiment)
        .select_related("owner", "owner__user", "milestone")
        .order_by("status", "due_on", "pk")
    )


def task_is_overdue(task: Task, *, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return task.status != TaskStatus.DONE and task.due_on is not None and task.due_on < today


def status_report_list(*, experiment: Experiment) -> QuerySet[StatusReport]:
    return StatusReport.objects.filter(experiment=experiment).select_related("reported_by")


def status_latest(*, experiment: Experiment) -> StatusReport | None:
    return status_report_list(experiment=experiment).first()


def owner_choices(*, experiment: Experiment) -> QuerySet[ExperimentMember]:
    return ExperimentMember.objects.filter(experiment=experiment).select_related("user")


@dataclass(frozen=True)
class Progress:
    tasks_total: int
    tasks_done: int
    phase_count: int
    phase_number: int | None  # the current phase's number (1-based), None when no phase is current
    current_phase: Phase | None
    phases_done: int

    @property
    def percent_done(self) -> int:
        return round(100 * self.tasks_done / self.tasks_total) if self.tasks_total else 0


def plan_progress(*, experiment: Experiment, phases: list[Phase] | None = None) -> Progress:
    """The share of tasks done and where the experiment is in its phases ("phase 2 of 4")."""
    if phases is None:
        phases = list(Phase.objects.filter(experiment=experiment).order_by("position", "pk"))
    statuses = list(Task.objects.filter(experiment=experiment).values_list("status", flat=True))
    current_index = next((i for i, phase in enumerate(phases) if phase.state == PhaseState.CURRENT), None)
    return Progress(
        tasks_total=len(statuses),
        tasks_done=sum(1 for status in statuses if status == TaskStatus.DONE),
        phase_count=len(phases),
        phase_number=current_index + 1 if current_index is not None else None,
        current_phase=phases[current_index] if current_index is not None else None,
        phases_done=sum(1 for phase in phases if phase.state == PhaseState.DONE),
    )


# --- Templates ------------------------------------------------------------------------------------------


def _with_phases(templates: QuerySet[PhaseTemplate]) -> QuerySet[PhaseTemplate]:
    return templates.prefetch_related(
        Prefetch(
            "phases",
            queryset=TemplatePhase.objects.order_by("position", "pk").prefetch_related(
                Prefetch("questions", queryset=TemplateGateQuestion.objects.order_by("position", "pk"))
            ),
        )
    )


def template_list_for_experiment(*, experiment: Experiment) -> QuerySet[PhaseTemplate]:
    """The templates an experiment can use: the built-in ones and its city's own."""
    return _with_phases(
        PhaseTemplate.objects.filter(Q(city__isnull=True) | Q(city_id=experiment.city_id))
    ).order_by("city_id", "pk")


def template_list_of_city(*, user: AnyUser, city_id: int) -> QuerySet[PhaseTemplate]:
    """The city's own templates, for its programme managers (nothing for anyone else)."""
    if not user_can_manage_city(user, city_id):
        return PhaseTemplate.objects.none()
    return _with_phases(PhaseTemplate.objects.filter(city_id=city_id)).order_by("name_fi", "name_en", "pk")


def template_get_managed(*, user: AnyUser, city_id: int, pk: int) -> PhaseTemplate | None:
    return template_list_of_city(user=user, city_id=city_id).filter(pk=pk).first()
