"""Reads, and the one visibility rule for everything in analytics.

Analysts of a city see and run its analyses; data protection officers of a city see them read-only and
also see the access log; site administrators see everything read-only. Nobody else sees anything.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from kokeilu.accounts.models import User

from .facade import analytics_member_ids, analytics_roles
from .models import AccessLog, AnalysisRun, Dataset


@dataclass(frozen=True)
class AnalyticsAccess:
    analyst_city_ids: frozenset[int]
    reader_city_ids: frozenset[int]
    officer_city_ids: frozenset[int]
    is_site_admin: bool

    @property
    def can_view(self) -> bool:
        return self.is_site_admin or bool(self.reader_city_ids)

    @property
    def can_start_runs(self) -> bool:
        return bool(self.analyst_city_ids)

    @property
    def can_view_access_log(self) -> bool:
        return self.is_site_admin or bool(self.officer_city_ids)

    def can_read_city(self, city_id: int) -> bool:
        return self.is_site_admin or city_id in self.reader_city_ids

    def can_run_in_city(self, city_id: int) -> bool:
        return city_id in self.analyst_city_ids


def analytics_access(user: User | AnonymousUser) -> AnalyticsAccess:
    cached = getattr(user, "_kokeilu_analytics_access", None)
    if cached is not None:
        return cached
    roles = analytics_roles(user)
    access = AnalyticsAccess(
        analyst_city_ids=roles.analyst_city_ids,
        reader_city_ids=roles.analyst_city_ids | roles.data_protection_city_ids,
        officer_city_ids=roles.data_protection_city_ids,
        is_site_admin=roles.is_site_admin,
    )
    if user.is_authenticated:
        setattr(user, "_kokeilu_analytics_access", access)  # noqa: B010 - a cache for the request
    return access


def dataset_list_visible(*, access: AnalyticsAccess) -> QuerySet[Dataset]:
    datasets = Dataset.objects.select_related("city")
    if access.is_site_admin:
        return datasets
    return datasets.filter(city_id__in=access.reader_city_ids)


def dataset_list_runnable(*, access: AnalyticsAccess) -> QuerySet[Dataset]:
    return Dataset.objects.select_related("city").filter(city_id__in=access.analyst_city_ids)


def run_list_visible(*, access: AnalyticsAccess) -> QuerySet[AnalysisRun]:
    runs = AnalysisRun.objects.select_related("dataset", "dataset__city", "started_by").defer("results")
    if access.is_site_admin:
        return runs
    return runs.filter(dataset__city_id__in=access.reader_city_ids)


def run_get_visible(*, access: AnalyticsAccess, pk: int) -> AnalysisRun | None:
    run = AnalysisRun.objects.select_related("dataset", "dataset__city", "started_by").filter(pk=pk).first()
    if run is None or not access.can_read_city(run.dataset.city_id):
        return None
    return run


def access_log_visible(*, access: AnalyticsAccess) -> QuerySet[AccessLog]:
    entries = AccessLog.objects.select_related("run", "dataset")
    if access.is_site_admin:
        return entries
    if not access.officer_city_ids:
        return entries.none()
    # An officer sees what was done with their cities' datasets and runs, and the other page views of
    # their cities' analysts and officers; refused attempts of outsiders are for site administrators.
    return entries.filter(
        Q(dataset__city_id__in=access.officer_city_ids)
        | Q(run__dataset__city_id__in=access.officer_city_ids)
        | Q(dataset__isnull=True, run__isnull=True, user_id__in=analytics_member_ids(access.officer_city_ids))
    )
