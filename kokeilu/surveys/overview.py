"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace)."""

from typing import Any

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess

from .models import accepting_answers_filter
from .selectors import survey_list_with_counts, surveys_answered_by

SHOWN = 5


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """The surveys taking answers now (open and not past their closing time) and whether the person has
    answered; for the team, their responses.
    Two queries; nothing for people outside the experiment."""
    if not access.can_view:
        return None
    surveys = list(
        survey_list_with_counts(experiment=experiment, access=access)
        .filter(accepting_answers_filter())
        .order_by("-opened_at", "-pk")[:SHOWN]
    )
    answered = (
        surveys_answered_by(user=user, survey_ids=[survey.pk for survey in surveys]) if surveys else set()
    )
    for survey in surveys:
        survey.answered = survey.pk in answered  # type: ignore[attr-defined]
    return {"surveys": surveys, "is_team": access.is_team, "slug": experiment.slug}
