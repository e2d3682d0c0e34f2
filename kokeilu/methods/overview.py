"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace)."""

from typing import Any

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess

from .forms import ExperimentMethodsForm
from .selectors import methods_of_experiment, methods_usable_for


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """The methods the experiment is tagged with (everyone who sees the page), and for its managers and
    leads a form to change them."""
    if not access.can_see_public_face:
        return None
    methods = methods_of_experiment(experiment=experiment)
    form = None
    if access.can_manage:
        form = ExperimentMethodsForm(
            methods=methods_usable_for(experiment=experiment),
            initial={"methods": [method.pk for method in methods]},
        )
    if not methods and form is None:
        return None
    return {"methods": methods, "form": form, "slug": experiment.slug}
