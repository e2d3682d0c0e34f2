"""The experiment's plan: milestones, tasks and status reports, kept by its team."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import ApplicationError
from kokeilu.experiments.models import Experiment, ExperimentMember
from kokeilu.experiments.services import require_team

from ..models import Milestone, Phase, PlanStatus, StatusReport, Task, TaskStatus
from .common import only_known

MILESTONE_FIELDS = frozenset({"title", "due_on", "is_done", "phase"})
TASK_FIELDS = frozenset({"title", "owner", "due_on", "status", "milestone"})
MAX_ROWS_PER_EXPERIMENT = 1000


def _check_title(title: Any) -> str:
    title = str(title or "").strip()
    if not title:
        raise ApplicationError(_("Give it a title."), field="title")
    return title


def _check_phase(experiment: Experiment, phase: Phase | None) -> None:
    if phase is not None and phase.experiment_id != experiment.pk:
        raise ApplicationError(_("Choose a phase of this experiment."), field="phase")


def _check_owner(experiment: Experiment, owner: ExperimentMember | None) -> None:
    if owner is not None and owner.experiment_id != experiment.pk:
        raise ApplicationError(_("The owner must be a member of the experiment."), field="owner")


def _check_milestone(experiment: Experiment, milestone: Milestone | None) -> None:
    if milestone is not None and milestone.experiment_id != experiment.pk:
        raise ApplicationError(_("Choose a milestone of this experiment."), field="milestone")


def milestone_create(
    *,
    experiment: Experiment,
    created_by: User,
    title: str,
    due_on: datetime.date,
    is_done: bool = False,
    phase: Phase | None = None,
) -> Milestone:
    require_team(created_by, experiment)
    _check_phase(experiment, phase)
    if Milestone.objects.filter(experiment=experiment).count() >= MAX_ROWS_PER_EXPERIMENT:
        raise ApplicationError(_("The plan is full."))
    milestone = Milestone(
        experiment=experiment, title=_check_title(title), due_on=due_on, is_done=is_done, phase=phase
    )
    milestone.full_clean()
    milestone.save()
    return milestone


def milestone_update(*, milestone: Milestone, updated_by: User, **fields: Any) -> Milestone:
    require_team(updated_by, milestone.experiment)
    only_known(fields, MILESTONE_FIELDS)
    if "title" in fields:
        fields["title"] = _check_title(fields["title"])
    if "phase" in fields:
        _check_phase(milestone.experiment, fields["phase"])
    for name, value in fields.items():
        setattr(milestone, name, value)
    milestone.full_clean()
    milestone.save()
    return milestone


def milestone_delete(*, milestone: Milestone, deleted_by: User) -> None:
    """Remove a milestone; its tasks stay, without a milestone."""
    require_team(deleted_by, milestone.experiment)
    milestone.delete()


def _set_completed(task: Task) -> None:
    if task.status == TaskStatus.DONE and task.completed_at is None:
        task.completed_at = timezone.now()
    elif task.status != TaskStatus.DONE:
        task.completed_at = None


def task_create(
    *,
    experiment: Experiment,
    created_by: User,
    title: str,
    owner: ExperimentMember | None = None,
    due_on: datetime.date | None = None,
    status: str = TaskStatus.TODO,
    milestone: Milestone | None = None,
) -> Task:
    require_team(created_by, experiment)
    _check_owner(experiment, owner)
    _check_milestone(experiment, milestone)
    if status not in TaskStatus.values:
        raise ApplicationError(_("Choose a status."), field="status")
    if Task.objects.filter(experiment=experiment).count() >= MAX_ROWS_PER_EXPERIMENT:
        raise ApplicationError(_("The plan is full."))
    task = Task(
        experiment=experiment,
        title=_check_title(title),
        owner=owner,
        due_on=due_on,
        status=status,
        milestone=milestone,
    )
    _set_completed(task)
    task.full_clean()
    task.save()
    return task


def task_update(*, task: Task, updated_by: User, **fields: Any) -> Task:
    require_team(updated_by, task.experiment)
    only_known(fields, TASK_FIELDS)
    if "title" in fields:
        fields["title"] = _check_title(fields["title"])
    if "owner" in fields:
        _check_owner(task.experiment, fields["owner"])
    if "milestone" in fields:
        _check_milestone(task.experiment, fields["milestone"])
    if "status" in fields and fields["status"] not in TaskStatus.values:
        raise ApplicationError(_("Choose a status."), field="status")
    for name, value in fields.items():
        setattr(task, name, value)
    _set_completed(task)
    task.full_clean()
    task.save()
    return task


def task_delete(*, task: Task, deleted_by: User) -> None:
    require_team(deleted_by, task.experiment)
    task.delete()


def status_report_create(
    *, experiment: Experiment, reported_by: User, status: str, reason: str = ""
) -> StatusReport:
    """Report how the experiment is doing; a reason is required unless it is on track."""
    require_team(reported_by, experiment)
    if status not in PlanStatus.values:
        raise ApplicationError(_("Choose a status."), field="status")
    reason = (reason or "").strip()
    if status != PlanStatus.ON_TRACK and not reason:
        raise ApplicationError(_("Tell why the experiment is not on track."), field="reason")
    with transaction.atomic():
        report = StatusReport(experiment=experiment, status=status, reason=reason, reported_by=reported_by)
        report.full_clean()
        report.save()
    return report
