"""Reads for company references, with the one visibility rule every page, API and PDF uses.

- The experiment's team (its managers, leads, team members and partner representatives) and the city's
  programme managers see every reference of the experiment, drafts included.
- Anyone else who may see the experiment (testers; everyone when the experiment is public) sees the
  approved references whose company agreed to publish them.
"""

from django.db.models import Q, QuerySet

from kokeilu.experiments.models import Experiment, ExperimentPartner
from kokeilu.experiments.selectors import ExperimentAccess

from .models import Reference, ReferenceState


def public_reference_filter(prefix: str = "") -> Q:
    return Q(**{f"{prefix}state": ReferenceState.APPROVED, f"{prefix}publication_agreed": True})


def reference_visibility(access: ExperimentAccess) -> Q:
    """The references (of the experiment) the person may see."""
    if access.is_team:
        return Q()
    if access.can_see_public_face:
        return public_reference_filter()
    return Q(pk__in=[])


def reference_list(*, experiment: Experiment, access: ExperimentAccess) -> QuerySet[Reference]:
    return (
        Reference.objects.filter(experiment=experiment)
        .filter(reference_visibility(access))
        .select_related("partner", "drafted_by", "approved_by", "publication_agreed_by")
        .order_by("partner__name")
    )


def public_reference_list(*, experiment: Experiment) -> QuerySet[Reference]:
    """The experiment's published references (the public page shows them to everyone who sees the
    experiment)."""
    return (
        Reference.objects.filter(experiment=experiment)
        .filter(public_reference_filter())
        .select_related("partner", "approved_by")
        .order_by("partner__name")
    )


def reference_get(*, experiment: Experiment, access: ExperimentAccess, pk: int) -> Reference | None:
    reference = reference_list(experiment=experiment, access=access).filter(pk=pk).first()
    if reference is not None:
        reference.experiment = experiment
    return reference


def partners_without_reference(*, experiment: Experiment) -> QuerySet[ExperimentPartner]:
    return ExperimentPartner.objects.filter(experiment=experiment, reference__isnull=True).order_by("name")
