"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace)."""

from typing import Any

from django.utils import timezone

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess

from .selectors import event_list_visible, seats_left

NEXT_EVENTS = 3


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """The next few events the person may see, with seats left and their own registration state (one
    query). Outsiders of a public experiment see its public events; nothing when there is nothing to show."""
    if not access.can_see_public_face:
        return None
    events = list(
        event_list_visible(experiment=experiment, access=access, user=user).filter(
            ends_at__gte=timezone.now(), is_cancelled=False
        )[:NEXT_EVENTS]
    )
    if not events and not access.can_view:
        return None
    for event in events:
        event.seats_left = seats_left(event)  # type: ignore[attr-defined]
    return {"events": events, "slug": experiment.slug, "show_link": True}
