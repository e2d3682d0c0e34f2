"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace): the current
phase, the share of tasks done, the latest status with its reason, and the next open milestone."""

from typing import Any

from django.utils import timezone

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess

from .models import Phase
from .selectors import milestone_list, plan_progress, status_latest


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """The context for templates/planning/_overview.html, or None to show nothing.

    The plan is for the experiment's members and managers; outsiders of a public experiment see nothing."""
    if not access.can_view:
        return None
    phases = list(Phase.objects.filter(experiment=experiment).order_by("position", "pk"))
    progress = plan_progress(experiment=experiment, phases=phases)
    next_milestone = (
        milestone_list(experiment=experiment).filter(is_done=False, due_on__gte=timezone.localdate()).first()
    )
    return {
        "experiment": experiment,
        "progress": progress,
        "status": status_latest(experiment=experiment),
        "next_milestone": next_milestone,
    }
