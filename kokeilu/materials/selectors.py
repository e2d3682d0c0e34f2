"""Reads of materials: the one visibility gate (experiments.selectors.audience_filter) for pages, API,
downloads and the overview section."""

from django.db.models import QuerySet

from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess, audience_filter

from .models import Material


def material_list_visible(*, experiment: Experiment, access: ExperimentAccess) -> QuerySet[Material]:
    """The experiment's materials the person may see, newest first."""
    return (
        Material.objects.filter(experiment=experiment)
        .filter(audience_filter(access))
        .select_related("group", "created_by")
    )


def material_get_visible(*, experiment: Experiment, access: ExperimentAccess, pk: int) -> Material | None:
    material = material_list_visible(experiment=experiment, access=access).filter(pk=pk).first()
    if material is not None:
        material.experiment = experiment
    return material
