"""The numbers of a city's programme dashboard, computed in the database and cached per city and filter.

Who may see a city's dashboard: its programme managers and site administrators (`user_can_manage_city`);
everyone else gets 404 for a city and 403 for the dashboards at all (no role anywhere).

Which year an item belongs to (Europe/Helsinki):
- a development need: the year it was created;
- a call, its proposals, its selections and the time from submission to decision: the year the call opened
  (the call round), so a round that opens in December and decides in January stays in one year;
- an experiment, its grant and its spending: the year it starts, so granted and spent are comparable.

The funnel counts development needs (published, addressed or archived — not drafts), published calls,
submitted proposals, selected proposals, experiments running now, completed experiments and adopted ones
(see `adopted_experiment_ids`). With a call chosen, every stage is narrowed to that call (its needs, its
proposals, the experiments made from it) and the year range is not applied.
"""

from collections.abc import Iterable
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db.models import CharField, Count, Max, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.accounts.selectors import AnyUser, user_can_manage_city, user_managed_city_ids
from kokeilu.calls.models import Call
from kokeilu.core.cache import cache_key
from kokeilu.experiments.models import Experiment
from kokeilu.funding.models import SpendLine
from kokeilu.platforms.models import DevelopmentNeed
from kokeilu.reports.models import FinalReport
from kokeilu.reports.selectors import adopted_experiment_id_list

from .numbers import HELSINKI, DashboardData, DashboardFilters, compute_dashboard

DATA_CACHE_SECONDS = 600

# --- Who may see what --------------------------------------------------------------------------------


def dashboard_city_list(*, user: AnyUser) -> QuerySet[Organisation]:
    """The cities whose dashboards the user may see (every city for a site administrator)."""
    return Organisation.objects.filter(
        pk__in=user_managed_city_ids(user), kind=OrganisationKind.CITY
    ).order_by("name")


def dashboard_city_get(*, user: AnyUser, slug: str) -> Organisation | None:
    """The city with this slug when the user may see its dashboard; None otherwise (show 404)."""
    city = Organisation.objects.filter(slug=slug, kind=OrganisationKind.CITY).first()
    if city is None or not user_can_manage_city(user, city.pk):
        return None
    return city


class CallChoice(NamedTuple):
    id: int
    slug: str
    title: str
    year: int


def dashboard_call_choices(*, city_id: int) -> list[CallChoice]:
    """The city's published calls, newest first: the call filter's choices."""
    calls = (
        Call.objects.filter(platform__city_id=city_id, published_at__isnull=False)
        .order_by("-opens_at", "pk")
        .only("slug", "title_fi", "title_sv", "title_en", "opens_at")
    )
    return [
        CallChoice(call.pk, call.slug, str(call.title), call.opens_at.astimezone(HELSINKI).year)
        for call in calls
    ]


# --- Adopted experiments (from the final reports) ----------------------------------------------------


def adopted_experiment_ids(city_id: int, years: tuple[int, int] | None) -> set[int]:
    """Ids of the city's experiments (starting in `years`, inclusive, or any year when None) whose approved
    final report decides to adopt or scale what was tried. The only place that knows where "adopted"
    comes from; the reports' stamp is part of `dashboard_data_version`."""
    return set(adopted_experiment_id_list(city_id=city_id, years=years))


# --- The data version: one cheap query that changes whenever a number here may have ------------------


def dashboard_data_version(*, city_id: int) -> tuple[object, ...]:
    """A stamp of everything the city's dashboard reads: for calls, needs, experiments and spend lines
    the newest `updated_at` and the number of rows (a deletion changes the count), and for calls also the
    sum of their activity versions (which the proposal and evaluation services bump on every submission,
    withdrawal and decision). One query, one indexed scan per kind of row."""

    def text(aggregate: Any) -> Any:
        return Coalesce(Cast(aggregate, output_field=CharField()), Value(""))

    def stamp(queryset: QuerySet[Any], city_path: str, *extra: Any) -> Subquery:
        parts = [text(Max("updated_at")), Value("/"), text(Count("pk"))]
        for aggregate in extra:
            parts += [Value("/"), text(aggregate)]
        return Subquery(
            queryset.filter(**{city_path: OuterRef("pk")})
            .order_by()
            .values(city_path)
            .annotate(stamp=Concat(*parts, output_field=CharField()))
            .values("stamp")[:1],
            output_field=CharField(),
        )

    annotations = {
        "calls_stamp": stamp(Call.objects.all(), "platform__city", Sum("activity_version")),
        "needs_stamp": stamp(DevelopmentNeed.objects.all(), "platform__city"),
        "experiments_stamp": stamp(Experiment.objects.all(), "city"),
        "spend_stamp": stamp(SpendLine.objects.all(), "experiment__city"),
        "reports_stamp": stamp(FinalReport.objects.all(), "experiment__city"),
    }
    rows = (
        Organisation.objects.filter(pk=city_id).order_by().annotate(**annotations).values_list(*annotations)
    )
    row = next(iter(rows), ())
    return (city_id, *row)


def dashboard_data(
    *, city_id: int, filters: DashboardFilters, version: Iterable[object] | None = None
) -> DashboardData:
    """The dashboard's numbers for the city and filters, from the cache while the data version holds."""
    stamp = tuple(version) if version is not None else dashboard_data_version(city_id=city_id)
    key = cache_key("dashboards-data", (city_id, filters.key(), stamp))
    data = cache.get(key)
    if data is None:
        data = compute_dashboard(city_id, filters, adopted_experiment_ids(city_id, filters.years))
        cache.set(key, data, DATA_CACHE_SECONDS)
    return data
