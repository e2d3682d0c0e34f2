"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace)."""

from typing import Any

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess

from .selectors import money_summary


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """Granted, spent and remaining with the over-budget warning, for the team only (two queries)."""
    if not access.is_team:
        return None
    return {"summary": money_summary(experiment=experiment), "slug": experiment.slug}
