"""This app's section on the experiment's overview page (see kokeilu.experiments.workspace)."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess

from .models import FinalReport, ReportState, Visibility


def overview_context(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> dict[str, Any] | None:
    """The report's state with a link to the editor (the team) or to the published report (everyone who
    sees the overview, once approved). One query."""
    report = (
        FinalReport.objects.filter(experiment=experiment)
        .annotate(
            all_learnings=Count("learnings"),
            public_learnings=Count("learnings", filter=Q(learnings__visibility=Visibility.PUBLIC)),
        )
        .first()
    )
    published = report is not None and report.state == ReportState.APPROVED
    if not access.is_team and not published:
        return None
    if report is None:
        state, label, count = "none", _("Not started"), 0
    else:
        state, label = report.state, report.get_state_display()
        count = report.all_learnings if access.is_team else report.public_learnings  # type: ignore[attr-defined]
    return {
        "state": state,
        "state_label": label,
        "learning_count": count,
        "editor_url": reverse("reports:editor", kwargs={"slug": experiment.slug}) if access.is_team else None,
        "public_url": reverse("reports:public", kwargs={"slug": experiment.slug}) if published else None,
    }
