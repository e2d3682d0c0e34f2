"""What the open data channels publish, built on the apps' own public rules (nothing is re-decided here).

- Learnings: `reports.selectors.published_learning_list` — the public learnings of approved final reports.
- Experiments: the public ones (`experiments.selectors.experiment_list_public`) and those with an approved
  final report (`reports.selectors.report_list_published`). Each shows its public face only: title,
  dates, status, city, the grant (the amount the city awarded) and the partner organisations' names and
  roles; the summary only when the experiment is public; the platform and the call only when those are
  public themselves; the report only when approved. Spend lines, receipts, members and people's e-mail
  addresses are never read.
- Calls: `calls.selectors.call_list_public` — published, on a public platform — with their development
  needs that are public themselves.
- Development needs: `platforms.selectors.need_list_visible` for an anonymous visitor — published, on a
  public platform (an addressed need is not public under that rule, so it is not published here either).

Every channel (JSON, JSON-LD, CSV, XLSX, Atom) reads these functions and nothing else, and the result is
the same for every visitor: being logged in never adds anything.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet

from kokeilu.calls.models import Call
from kokeilu.calls.selectors import call_list_public
from kokeilu.experiments.models import Experiment, ExperimentPartner
from kokeilu.experiments.selectors import experiment_list_public
from kokeilu.platforms.models import DevelopmentNeed
from kokeilu.platforms.selectors import need_list_visible
from kokeilu.reports.models import FinalReport, Learning
from kokeilu.reports.selectors import call_is_public, published_learning_list, report_list_published


def _public_needs() -> QuerySet[DevelopmentNeed]:
    return need_list_visible(user=AnonymousUser())


def open_learning_list() -> QuerySet[Learning]:
    """Published learnings, newest approval first."""
    return published_learning_list()


def open_experiment_list() -> QuerySet[Experiment]:
    """Public experiments and experiments with an approved report, newest start first. The report is
    joined in whatever state it is: read it through `open_report`."""
    public = experiment_list_public().values("pk")
    reported = report_list_published().values("experiment_id")
    return (
        Experiment.objects.filter(Q(pk__in=public) | Q(pk__in=reported))
        .select_related("city", "platform", "call", "call__platform", "final_report")
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=ExperimentPartner.objects.order_by("role", "name"),
                to_attr="open_partners",
            )
        )
        .order_by("-starts_on", "-pk")
    )


def open_call_list() -> QuerySet[Call]:
    """Published calls on public platforms, with their public development needs and themes."""
    return call_list_public().prefetch_related(
        "themes", Prefetch("needs", queryset=_public_needs().order_by("pk"), to_attr="public_needs")
    )


def open_need_list() -> QuerySet[DevelopmentNeed]:
    """Published development needs on public platforms, with the public calls answering them."""
    return (
        _public_needs()
        .select_related("platform__city")
        .prefetch_related(
            Prefetch("calls", queryset=call_list_public().order_by("pk"), to_attr="public_calls")
        )
        .order_by("platform__slug", "pk")
    )


def open_report(experiment: Experiment) -> FinalReport | None:
    """The experiment's final report when it is approved (published), else None. Needs the report
    joined (as `open_experiment_list` does) to stay free of queries."""
    try:
        report = experiment.final_report
    except FinalReport.DoesNotExist:
        return None
    return report if report.is_published else None


def open_call(call: Call | None) -> Call | None:
    """The call when everyone may see it (published, on a public platform), else None."""
    return call if call is not None and call_is_public(call) else None
