"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace)."""

from typing import Any

from django.urls import reverse

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess

from .selectors import material_list_visible

LATEST = 3


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """The number of materials the person may see and the latest few; outsiders of a public
    experiment see its public materials, and nothing when there are none."""
    visible = material_list_visible(experiment=experiment, access=access)
    latest = list(visible[:LATEST])
    if not latest and not access.can_view:
        return None
    count = len(latest) if len(latest) < LATEST else visible.count()
    return {
        "experiment": experiment,
        "count": count,
        "latest": latest,
        "list_url": reverse("materials:list", kwargs={"slug": experiment.slug}) if access.can_view else "",
    }
