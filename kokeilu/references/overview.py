"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace)."""

from typing import Any

from django.db.models import Count, Q

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment, ExperimentStatus
from kokeilu.experiments.selectors import ExperimentAccess

from .models import Reference, ReferenceState
from .selectors import public_reference_filter


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """For the team: how many references there are and how many are approved (once the experiment is
    completed or has references). For others: a link to the published references, if there are any."""
    if not access.can_see_public_face:
        return None
    counts = Reference.objects.filter(experiment=experiment).aggregate(
        count=Count("id"),
        approved=Count("id", filter=Q(state=ReferenceState.APPROVED)),
        public=Count("id", filter=public_reference_filter()),
    )
    if access.is_team:
        if not counts["count"] and experiment.status != ExperimentStatus.COMPLETED:
            return None
        return {
            "is_team": True,
            "slug": experiment.slug,
            "count": counts["count"],
            "approved": counts["approved"],
        }
    if not counts["public"]:
        return None
    return {"is_team": False, "slug": experiment.slug, "public_count": counts["public"]}
