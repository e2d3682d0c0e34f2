"""Reads of final reports, with the publication rule written once.

- The team (access.is_team: managers, leads, team members, partner representatives) reads the whole
  report in the workspace, in any state, internal parts included (`report_get_for_team`).
- Everyone else reads approved reports only, and of them only what is published: public learnings,
  public quotes with recorded consent, and the measures (`report_get_published`,
  `published_learning_list`). The learnings library builds on these two.

An approved report is public even when the experiment's workspace is not: the city decides by approving.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from kokeilu.calls.models import Call
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.planning.models import GateAnswer
from kokeilu.planning.selectors import gate_answers_for_learnings
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus

from .models import FinalReport, Learning, Measure, NextStep, Quote, ReportState, Visibility

PUBLIC_LEARNING = Q(visibility=Visibility.PUBLIC)
PUBLIC_QUOTE = Q(visibility=Visibility.PUBLIC, consent_recorded=True)


def _published_needs() -> Prefetch:
    """A call's development needs that are public themselves (published, on a public platform)."""
    return Prefetch(
        "experiment__call__needs",
        queryset=DevelopmentNeed.objects.filter(
            status=NeedStatus.PUBLISHED, platform__is_public=True
        ).select_related("platform"),
        to_attr="published_needs",
    )


def report_get(*, experiment: Experiment) -> FinalReport | None:
    """The experiment's report in any state, or None (for the services and the team)."""
    report = FinalReport.objects.filter(experiment=experiment).first()
    if report is not None:
        report.experiment = experiment
    return report


def report_get_for_team(*, experiment: Experiment, access: ExperimentAccess) -> FinalReport | None:
    """The whole report with every learning, quote and measure; only for the team (None otherwise)."""
    if not access.is_team:
        return None
    report = (
        FinalReport.objects.filter(experiment=experiment)
        .select_related("submitted_by", "returned_by", "approved_by", "next_step_owner_user", "created_by")
        .prefetch_related(
            Prefetch("learnings", queryset=Learning.objects.select_related("theme")),
            Prefetch("quotes", queryset=Quote.objects.select_related("consent_recorded_by")),
            "measures",
        )
        .first()
    )
    if report is not None:
        report.experiment = experiment
    return report


def report_list_published() -> QuerySet[FinalReport]:
    """Approved reports, newest first, with what the public may see of them prefetched."""
    return (
        FinalReport.objects.filter(state=ReportState.APPROVED)
        .select_related(
            "experiment",
            "experiment__city",
            "experiment__platform",
            "experiment__call",
            "experiment__call__platform",
        )
        .prefetch_related(
            Prefetch(
                "learnings",
                queryset=Learning.objects.filter(PUBLIC_LEARNING).select_related("theme"),
                to_attr="public_learnings",
            ),
            Prefetch("quotes", queryset=Quote.objects.filter(PUBLIC_QUOTE), to_attr="public_quotes"),
            Prefetch("measures", queryset=Measure.objects.all(), to_attr="public_measures"),
            _published_needs(),
        )
        .order_by("-approved_at", "-pk")
    )


def report_get_published(experiment: Experiment) -> FinalReport | None:
    """The experiment's approved report with its public parts in `public_learnings`, `public_quotes`
    and `public_measures`; None when it has no approved report."""
    return report_list_published().filter(experiment=experiment).first()


def report_get_published_by_slug(*, slug: str) -> FinalReport | None:
    return report_list_published().filter(experiment__slug=slug).first()


def published_learning_list() -> QuerySet[Learning]:
    """Public learnings of approved reports, with the report, experiment, call (and its published needs),
    city and platform joined: what the learnings library lists."""
    return (
        Learning.objects.filter(PUBLIC_LEARNING, report__state=ReportState.APPROVED)
        .select_related(
            "theme",
            "report",
            "report__experiment",
            "report__experiment__city",
            "report__experiment__platform",
            "report__experiment__call",
            "report__experiment__call__platform",
        )
        .prefetch_related(
            Prefetch(
                "report__experiment__call__needs",
                queryset=DevelopmentNeed.objects.filter(
                    status=NeedStatus.PUBLISHED, platform__is_public=True
                ).select_related("platform"),
                to_attr="published_needs",
            )
        )
        .order_by("-report__approved_at", "report_id", "position", "pk")
    )


def published_learning_get(*, pk: int) -> Learning | None:
    return published_learning_list().filter(pk=pk).first()


def learning_get(*, report: FinalReport, pk: int) -> Learning | None:
    item = Learning.objects.filter(report=report, pk=pk).first()
    if item is not None:
        item.report = report
    return item


def quote_get(*, report: FinalReport, pk: int) -> Quote | None:
    item = Quote.objects.filter(report=report, pk=pk).first()
    if item is not None:
        item.report = report
    return item


def measure_get(*, report: FinalReport, pk: int) -> Measure | None:
    item = Measure.objects.filter(report=report, pk=pk).first()
    if item is not None:
        item.report = report
    return item


def call_is_public(call: Call | None) -> bool:
    """Whether a link to the call may be shown to everyone (published on a public platform)."""
    from django.utils import timezone

    return bool(
        call is not None
        and call.published_at is not None
        and call.published_at <= timezone.now()
        and call.platform.is_public
    )


@dataclass(frozen=True)
class GateAnswers:
    public: list[GateAnswer]
    internal: list[GateAnswer]


def report_gate_answers(*, experiment: Experiment, include_internal: bool) -> GateAnswers:
    """The stage-gate answers to show with the report: internal ones only for the team's editor."""
    answers = gate_answers_for_learnings(experiment)
    return GateAnswers(public=answers.public, internal=answers.internal if include_internal else [])


# The next steps that mean what was tried went into use: the programme dashboards count these as adopted.
ADOPTING_STEPS = (NextStep.ADOPT, NextStep.SCALE)


def adopted_experiment_id_list(
    *, city_id: int, years: tuple[int, int] | None = None
) -> QuerySet[FinalReport, int]:
    """Ids (as `experiment_id` values) of the city's experiments, starting in `years` (inclusive) or any
    year, whose approved final report decides to adopt or scale what was tried."""
    reports = FinalReport.objects.filter(
        experiment__city_id=city_id, state=ReportState.APPROVED, next_step__in=ADOPTING_STEPS
    )
    if years is not None:
        reports = reports.filter(
            experiment__starts_on__year__gte=years[0], experiment__starts_on__year__lte=years[1]
        )
    return reports.values_list("experiment_id", flat=True)
