"""How the dashboard's numbers are computed: grouped counts and sums in the database (TruncYear, Count,
Sum), the quartiles of the time from submission to decision with PostgreSQL's percentile_cont (in Python
over the per-call lists on other databases), combined into per-year and per-call rows in Python.

See kokeilu/dashboards/selectors.py for which year an item belongs to and what each stage counts.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import TruncYear

from kokeilu.calls.models import ApplicantKind, Call
from kokeilu.evaluation.models import DecisionOutcome
from kokeilu.experiments.models import Experiment, ExperimentStatus
from kokeilu.funding.models import SpendLine
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus
from kokeilu.proposals.models import Proposal, ProposalStatus

HELSINKI = ZoneInfo("Europe/Helsinki")
ZERO = Decimal("0.00")


def _cents(value: Decimal | None) -> Decimal:
    """A sum of euros to the cent. SQLite adds decimals as floating point and hands back sums such as
    42694.42000000000; PostgreSQL's are exact already."""
    return (value or ZERO).quantize(ZERO)


# --- Filters and results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardFilters:
    year_from: int
    year_to: int
    call_id: int | None = None
    call_slug: str = ""

    @property
    def years(self) -> tuple[int, int] | None:
        """The year range applied, or None when a call is chosen (the call is its own range)."""
        return None if self.call_id is not None else (self.year_from, self.year_to)

    def key(self) -> tuple[object, ...]:
        return (self.year_from, self.year_to, self.call_id)


@dataclass(frozen=True)
class DecisionTime:
    """Days from submission to decision: how many decisions, the quartiles and the median."""

    decisions: int = 0
    q1_days: float | None = None
    median_days: float | None = None
    q3_days: float | None = None


@dataclass(frozen=True)
class FunnelStage:
    key: str
    count: int


@dataclass
class PeriodRow:
    """One year's or one call's numbers."""

    needs: int = 0
    calls: int = 0
    proposals: int = 0
    selected: int = 0
    experiments: int = 0
    running: int = 0
    completed: int = 0
    adopted: int = 0
    granted: Decimal = ZERO
    spent: Decimal = ZERO
    decision_time: DecisionTime = field(default_factory=DecisionTime)


@dataclass
class YearRow(PeriodRow):
    year: int = 0


@dataclass
class CallRow(PeriodRow):
    slug: str = ""
    title: str = ""
    year: int = 0


@dataclass(frozen=True)
class KindRow:
    kind: str
    proposals: int
    selected: int


@dataclass(frozen=True)
class UnitRow:
    unit: str  # the unit's name; empty for experiments with no responsible unit
    experiments: int
    granted: Decimal
    spent: Decimal


@dataclass
class DashboardData:
    city_id: int
    filters: DashboardFilters
    funnel: list[FunnelStage]
    decision_time: DecisionTime
    granted: Decimal
    spent: Decimal
    years: list[YearRow]
    calls: list[CallRow]
    kinds: list[KindRow]
    units: list[UnitRow]


class PercentileCont(Aggregate):
    """PostgreSQL's percentile_cont(fraction) WITHIN GROUP (ORDER BY expression): a continuous
    (interpolated) percentile, the same as `statistics.quantiles(method="inclusive")`."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        # The fraction is one of our own constants, never user input; it is written into the SQL as a
        # number literal.
        super().__init__(expression, fraction=f"{float(fraction):.4f}", **extra)


def _days(value: timedelta | float | None) -> float | None:
    if value is None:
        return None
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    return round(seconds / 86400, 1)


def _decision_time_from_list(durations: list[timedelta]) -> DecisionTime:
    if not durations:
        return DecisionTime()
    seconds = sorted(duration.total_seconds() for duration in durations)
    if len(seconds) == 1:
        q1 = median = q3 = seconds[0]
    else:
        q1, median, q3 = statistics.quantiles(seconds, n=4, method="inclusive")
    return DecisionTime(len(seconds), _days(q1), _days(median), _days(q3))


def _year_bounds(years: tuple[int, int]) -> tuple[datetime, datetime]:
    return (
        datetime(years[0], 1, 1, tzinfo=HELSINKI),
        datetime(years[1] + 1, 1, 1, tzinfo=HELSINKI),
    )


def _year(value: Any) -> int:
    """The year of a TruncYear value (a date, or an aware datetime at the start of the year)."""
    if isinstance(value, datetime):
        return value.astimezone(HELSINKI).year
    return int(value.year)


@dataclass
class _Scope:
    """The querysets every part of the dashboard starts from, narrowed by the filters."""

    needs: QuerySet[DevelopmentNeed]
    calls: QuerySet[Call]
    proposals: QuerySet[Proposal]
    experiments: QuerySet[Experiment]
    spend: QuerySet[SpendLine]


def _scope(city_id: int, filters: DashboardFilters) -> _Scope:
    needs = DevelopmentNeed.objects.filter(platform__city_id=city_id).exclude(status=NeedStatus.DRAFT)
    calls = Call.objects.filter(platform__city_id=city_id, published_at__isnull=False)
    proposals = Proposal.objects.filter(call__platform__city_id=city_id, call__published_at__isnull=False)
    experiments = Experiment.objects.filter(city_id=city_id)
    spend = SpendLine.objects.filter(experiment__city_id=city_id)
    if filters.call_id is not None:
        needs = needs.filter(calls__id=filters.call_id)
        calls = calls.filter(pk=filters.call_id)
        proposals = proposals.filter(call_id=filters.call_id)
        experiments = experiments.filter(call_id=filters.call_id)
        spend = spend.filter(experiment__call_id=filters.call_id)
    else:
        start, end = _year_bounds((filters.year_from, filters.year_to))
        needs = needs.filter(created_at__gte=start, created_at__lt=end)
        calls = calls.filter(opens_at__gte=start, opens_at__lt=end)
        proposals = proposals.filter(call__opens_at__gte=start, call__opens_at__lt=end)
        first_day, last_day = start.date(), end.date() - timedelta(days=1)
        experiments = experiments.filter(starts_on__gte=first_day, starts_on__lte=last_day)
        spend = spend.filter(experiment__starts_on__gte=first_day, experiment__starts_on__lte=last_day)
    return _Scope(needs, calls, proposals, experiments, spend)


def _decision_times(
    proposals: QuerySet[Proposal], call_year: dict[int, int]
) -> tuple[DecisionTime, dict[int, DecisionTime], dict[int, DecisionTime]]:
    """Overall, per call and per year: on PostgreSQL with percentile_cont in three grouped queries;
    elsewhere (SQLite) from the list of durations, one row per decided proposal."""
    decided = proposals.filter(status=ProposalStatus.SUBMITTED, decision__isnull=False).annotate(
        waited=ExpressionWrapper(F("decision__decided_at") - F("submitted_at"), output_field=DurationField())
    )
    if connection.vendor == "postgresql":
        quartiles = {
            "decisions": Count("pk"),
            "q1": PercentileCont("waited", 0.25, output_field=DurationField()),
            "median": PercentileCont("waited", 0.5, output_field=DurationField()),
            "q3": PercentileCont("waited", 0.75, output_field=DurationField()),
        }

        def build(row: Any) -> DecisionTime:
            if not row["decisions"]:
                return DecisionTime()
            return DecisionTime(row["decisions"], _days(row["q1"]), _days(row["median"]), _days(row["q3"]))

        overall = build(decided.order_by().aggregate(**quartiles))
        per_call = {
            row["call_id"]: build(row) for row in decided.order_by().values("call_id").annotate(**quartiles)
        }
        per_year = {
            _year(row["year"]): build(row)
            for row in decided.order_by()
            .annotate(year=TruncYear("call__opens_at", tzinfo=HELSINKI))
            .values("year")
            .annotate(**quartiles)
        }
        return overall, per_call, per_year
    by_call: dict[int, list[timedelta]] = defaultdict(list)
    for call_id, waited in decided.order_by().values_list("call_id", "waited"):
        by_call[call_id].append(waited)
    by_year: dict[int, list[timedelta]] = defaultdict(list)
    for call_id, durations in by_call.items():
        by_year[call_year[call_id]].extend(durations)
    everything = [duration for durations in by_call.values() for duration in durations]
    return (
        _decision_time_from_list(everything),
        {call_id: _decision_time_from_list(durations) for call_id, durations in by_call.items()},
        {year: _decision_time_from_list(durations) for year, durations in by_year.items()},
    )


def compute_dashboard(city_id: int, filters: DashboardFilters, adopted: set[int]) -> DashboardData:
    """Every number of the dashboard; `adopted` holds the ids of the adopted experiments."""
    scope = _scope(city_id, filters)
    years: dict[int, YearRow] = {}
    calls: dict[int, CallRow] = {}

    def year_row(year: int) -> YearRow:
        return years.setdefault(year, YearRow(year=year))

    # Needs per year.
    for need_row in (
        scope.needs.order_by()
        .annotate(year=TruncYear("created_at", tzinfo=HELSINKI))
        .values("year")
        .annotate(count=Count("pk", distinct=True))
    ):
        year_row(_year(need_row["year"])).needs += need_row["count"]

    # Calls, with how many needs each answers.
    call_year: dict[int, int] = {}
    for call in (
        scope.calls.order_by("-opens_at", "pk")
        .annotate(need_count=Count("needs", filter=~Q(needs__status=NeedStatus.DRAFT)))
        .only("slug", "title_fi", "title_sv", "title_en", "opens_at")
    ):
        year = call.opens_at.astimezone(HELSINKI).year
        call_year[call.pk] = year
        calls[call.pk] = CallRow(slug=call.slug, title=str(call.title), year=year, needs=call.need_count)  # type: ignore[attr-defined]
        year_row(year).calls += 1

    # Proposals and selections per call and applicant kind.
    kinds: dict[str, list[int]] = {kind: [0, 0] for kind in ApplicantKind.values}
    for proposal_row in (
        scope.proposals.filter(status=ProposalStatus.SUBMITTED)
        .order_by()
        .values("call_id", "applicant_kind")
        .annotate(
            submitted=Count("pk"),
            selected=Count("pk", filter=Q(decision__outcome=DecisionOutcome.SELECTED)),
        )
    ):
        call_row = calls.get(proposal_row["call_id"])
        if call_row is None:  # a proposal of a call outside the filter cannot be here; be safe
            continue
        call_row.proposals += proposal_row["submitted"]
        call_row.selected += proposal_row["selected"]
        year_entry = year_row(call_row.year)
        year_entry.proposals += proposal_row["submitted"]
        year_entry.selected += proposal_row["selected"]
        counts = kinds.setdefault(proposal_row["applicant_kind"], [0, 0])
        counts[0] += proposal_row["submitted"]
        counts[1] += proposal_row["selected"]

    # Time from submission to decision.
    overall_time, call_times, year_times = _decision_times(scope.proposals, call_year)
    for call_id, decision_time in call_times.items():
        if call_id in calls:
            calls[call_id].decision_time = decision_time
    for year_number, decision_time in year_times.items():
        year_row(year_number).decision_time = decision_time

    # Experiments and grants per start year, call, status and unit.
    units: dict[str, list[Any]] = {}
    for experiment_row in (
        scope.experiments.order_by()
        .annotate(year=TruncYear("starts_on"))
        .values("year", "call_id", "status", "owner_unit__name")
        .annotate(count=Count("pk"), granted=Sum("granted_amount"))
    ):
        targets: list[PeriodRow] = [year_row(_year(experiment_row["year"]))]
        if experiment_row["call_id"] in calls:
            targets.append(calls[experiment_row["call_id"]])
        for target in targets:
            target.experiments += experiment_row["count"]
            target.granted += _cents(experiment_row["granted"])
            if experiment_row["status"] == ExperimentStatus.RUNNING:
                target.running += experiment_row["count"]
            elif experiment_row["status"] == ExperimentStatus.COMPLETED:
                target.completed += experiment_row["count"]
        unit = units.setdefault(experiment_row["owner_unit__name"] or "", [0, ZERO, ZERO])
        unit[0] += experiment_row["count"]
        unit[1] += _cents(experiment_row["granted"])
    if adopted:
        for adopted_row in (
            scope.experiments.filter(pk__in=adopted)
            .order_by()
            .annotate(year=TruncYear("starts_on"))
            .values("year", "call_id")
            .annotate(count=Count("pk"))
        ):
            year_row(_year(adopted_row["year"])).adopted += adopted_row["count"]
            if adopted_row["call_id"] in calls:
                calls[adopted_row["call_id"]].adopted += adopted_row["count"]

    # Spending of those experiments, by the experiment's start year, call and unit.
    for spend_row in (
        scope.spend.order_by()
        .annotate(year=TruncYear("experiment__starts_on"))
        .values("year", "experiment__call_id", "experiment__owner_unit__name")
        .annotate(spent=Sum("amount"))
    ):
        amount = _cents(spend_row["spent"])
        year_row(_year(spend_row["year"])).spent += amount
        if spend_row["experiment__call_id"] in calls:
            calls[spend_row["experiment__call_id"]].spent += amount
        unit = units.setdefault(spend_row["experiment__owner_unit__name"] or "", [0, ZERO, ZERO])
        unit[2] += amount

    if filters.call_id is None:
        for number in range(filters.year_from, filters.year_to + 1):
            year_row(number)
    year_rows = [years[number] for number in sorted(years)]
    funnel = [
        FunnelStage("needs", sum(row.needs for row in year_rows)),
        FunnelStage("calls", sum(row.calls for row in year_rows)),
        FunnelStage("proposals", sum(row.proposals for row in year_rows)),
        FunnelStage("selected", sum(row.selected for row in year_rows)),
        FunnelStage("running", sum(row.running for row in year_rows)),
        FunnelStage("completed", sum(row.completed for row in year_rows)),
        FunnelStage("adopted", sum(row.adopted for row in year_rows)),
    ]
    if filters.call_id is not None:
        # With a call chosen, the needs are the call's (whatever year they were written in).
        funnel[0] = FunnelStage("needs", calls[filters.call_id].needs if filters.call_id in calls else 0)
    return DashboardData(
        city_id=city_id,
        filters=filters,
        funnel=funnel,
        decision_time=overall_time,
        granted=sum((row.granted for row in year_rows), ZERO),
        spent=sum((row.spent for row in year_rows), ZERO),
        years=year_rows,
        calls=list(calls.values()),
        kinds=[KindRow(kind, counts[0], counts[1]) for kind, counts in kinds.items()],
        units=sorted(
            (UnitRow(name, values[0], values[1], values[2]) for name, values in units.items()),
            key=lambda unit: (-unit.experiments, unit.unit == "", unit.unit),
        ),
    )
