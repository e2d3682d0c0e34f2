"""Programme dashboards. Thin: check who may see the city, parse the filters, read the cached numbers,
render. A city's programme managers and the site administrators see its dashboard; managers of another
city get 404 for it; people who manage no city get 403 for the dashboards at all."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from kokeilu.accounts.models import Organisation
from kokeilu.core.cache import cache_key, cached_text

from .charts import CHARTS
from .forms import DashboardFilterForm, filters_from
from .selectors import (
    CallChoice,
    DashboardData,
    DashboardFilters,
    dashboard_call_choices,
    dashboard_city_get,
    dashboard_city_list,
    dashboard_data,
    dashboard_data_version,
)
from .tables import TABLES, write_table_csv

CHOICES_CACHE_SECONDS = 600
# The charts, in page order, each with the table of its numbers.
PAGE_CHARTS = ("funnel", "years", "decision_time", "budget", "kinds", "units")


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """A manager of one city goes straight to its dashboard; others (site administrators, managers of
    several cities) choose a city."""
    cities = list(dashboard_city_list(user=request.user))
    if not cities and not request.user.is_superuser:
        raise PermissionDenied
    if len(cities) == 1 and not request.user.is_superuser:
        return redirect("dashboards:city", city_slug=cities[0].slug)
    return render(request, "dashboards/index.html", {"cities": cities})


def _call_choices(city_id: int, version: tuple[object, ...]) -> list[CallChoice]:
    key = cache_key("dashboards-calls", (city_id, version))
    choices = cache.get(key)
    if choices is None:
        choices = dashboard_call_choices(city_id=city_id)
        cache.set(key, choices, CHOICES_CACHE_SECONDS)
    return choices


def _dashboard(
    request: HttpRequest, city_slug: str
) -> tuple[Organisation, DashboardFilterForm, DashboardFilters, DashboardData, tuple[object, ...]]:
    city = dashboard_city_get(user=request.user, slug=city_slug)
    if city is None:
        raise Http404
    version = dashboard_data_version(city_id=city.pk)
    form = DashboardFilterForm(request.GET or None, calls=_call_choices(city.pk, version))
    filters = filters_from(form)
    data = dashboard_data(city_id=city.pk, filters=filters, version=version)
    return city, form, filters, data, version


def _query(filters: DashboardFilters) -> str:
    if filters.call_slug:
        return "?" + urlencode({"call": filters.call_slug})
    return "?" + urlencode({"year_from": filters.year_from, "year_to": filters.year_to})


FILTER_PARAMETERS = ("year_from", "year_to", "call")


def _filter_key(request: HttpRequest) -> tuple[tuple[str, str], ...]:
    """The request's filter parameters as a cache key part: only the known ones, the first value of
    each, cut short (other parameters do not change the page)."""
    return tuple((name, request.GET.get(name, "")[:100]) for name in FILTER_PARAMETERS if name in request.GET)


@require_safe
@login_required
def city_dashboard(request: HttpRequest, city_slug: str) -> HttpResponse:
    city = dashboard_city_get(user=request.user, slug=city_slug)
    if city is None:
        raise Http404
    version = dashboard_data_version(city_id=city.pk)

    def render_content() -> str:
        form = DashboardFilterForm(request.GET or None, calls=_call_choices(city.pk, version))
        filters = filters_from(form)
        data = dashboard_data(city_id=city.pk, filters=filters, version=version)
        sections = [{"key": key, "svg": CHARTS[key](data), "table": TABLES[key](data)} for key in PAGE_CHARTS]
        context = {
            "city": city,
            "form": form,
            "filters": filters,
            "data": data,
            "sections": sections,
            "calls_table": TABLES["calls"](data),
            "query": _query(filters),
        }
        return render_to_string("dashboards/_content.html", context, request=request)

    # Everything below the heading depends only on the city's data, the filters and the language, so
    # the whole of it (the filter form's list of calls included) comes from the cache while the data
    # version holds.
    content = cached_text("dashboards-page", (city.pk, version, _filter_key(request)), render_content)
    return render(request, "dashboards/city.html", {"city": city, "content": content})


def _filename(city: Organisation, key: str, filters: DashboardFilters, extension: str) -> str:
    scope = filters.call_slug or f"{filters.year_from}-{filters.year_to}"
    return f"{city.slug}-{key.replace('_', '-')}-{scope}.{extension}"


@require_safe
@login_required
def chart_svg(request: HttpRequest, city_slug: str, chart: str) -> HttpResponse:
    if chart not in CHARTS:
        raise Http404
    city, _form, filters, data, _version = _dashboard(request, city_slug)
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + CHARTS[chart](data)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(city, chart, filters, "svg")}"'
    return response


@require_safe
@login_required
def table_csv(request: HttpRequest, city_slug: str, table: str) -> HttpResponse:
    if table not in TABLES:
        raise Http404
    city, _form, filters, data, _version = _dashboard(request, city_slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(city, table, filters, "csv")}"'
    write_table_csv(response, TABLES[table](data))
    return response
