"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace)."""

from typing import Any

from django.urls import reverse

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess, audience_filter

from .models import Post

LATEST = 3


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """The latest posts the person may see (for outsiders of a public experiment, its public posts);
    nothing for outsiders when there are none."""
    posts = list(
        Post.objects.filter(experiment=experiment)
        .filter(audience_filter(access))
        .select_related("author", "group")[:LATEST]
    )
    if not posts and not access.can_view:
        return None
    return {
        "experiment": experiment,
        "posts": posts,
        "feed_url": reverse("updates:feed", kwargs={"slug": experiment.slug}),
    }
