"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace)."""

from typing import Any

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess

from .selectors import agreement_status


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """Whether the agreement is in force or waiting for parties, for the experiment's members."""
    if not access.can_view:
        return None
    return {"status": agreement_status(experiment=experiment), "slug": experiment.slug}
