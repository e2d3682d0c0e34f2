"""Pages residents use: browse by life situation, search and filter, compare, see locations on a map."""

import json
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.core.cache import cached_text

from . import selectors
from .forms import MAX_COMPARED, CatalogueFilterForm, CompareForm
from .geo import GeoPoint, MapDrawing, draw_map, format_distance, haversine_km
from .hours import DaySchedule, local_moment, week_schedule
from .models import Service, ServiceLocation
from .ptv import ptv_export, services_for_export

PAGE_SIZE = 20
MAP_LIMIT = 200


def _filter_form(request: HttpRequest, *, version: int) -> CatalogueFilterForm:
    return CatalogueFilterForm(request.GET or None, choices=selectors.filter_choice_list(version=version))


def _catalogue_version() -> int:
    (version,) = selectors.cache_versions(selectors.CATALOGUE)
    return version


def catalogue_home(request: HttpRequest) -> HttpResponse:
    """Life situations to start from, and the services that match what was asked.

    Everything below the site's header is the same for every user, so it is rendered once per catalogue
    version, language and query (and, for "open now", per minute) and kept; only the header, which shows
    who is logged in, is rendered for each request."""
    version = _catalogue_version()
    form = _filter_form(request, version=version)
    searched = (
        form.is_bound
        and form.is_valid()
        and any(value not in (None, "", []) for value in form.cleaned_data.values())
    )
    service_filter = form.to_filter() if searched else None

    def render_content() -> str:
        page = None
        if service_filter is not None:
            page = selectors.service_search_page(
                service_filter, number=request.GET.get("page"), per_page=PAGE_SIZE, version=version
            )
        query = request.GET.copy()
        query.pop("page", None)
        # Rendered without the request's context processors, so nothing about the user can get in; the
        # pagination reads only the query.
        return render_to_string(
            "catalogue/_home_content.html",
            {
                "form": form,
                "page": page,
                "searched": searched,
                # The start page offers the life situations; a search shows its results instead.
                "life_situations": []
                if searched
                else selectors.life_situation_list_with_counts(version=version),
                "query": query.urlencode(),
                "max_compared": MAX_COMPARED,
                "request": SimpleNamespace(GET=request.GET),
            },
        )

    content = cached_text(
        "catalogue-home",
        (
            version,
            request.GET.urlencode(),
            service_filter.cache_parts() if service_filter is not None else None,
        ),
        render_content,
    )
    return render(request, "catalogue/catalogue_home.html", {"content": mark_safe(content)})  # noqa: S308


@dataclass
class LocationView:
    location: ServiceLocation
    week: list[DaySchedule]
    open_now: bool
    distance: str = ""
    distance_km: float | None = None


def _location_views(service: Service, origin: GeoPoint | None) -> list[LocationView]:
    now = local_moment(timezone.now())
    views = []
    for location in service.locations.all():
        week = week_schedule(location, now.date())
        view = LocationView(location, week, week[0].is_open_at(now.time()))
        if origin is not None:
            view.distance_km = haversine_km(
                origin, GeoPoint(float(location.latitude), float(location.longitude))
            )
            view.distance = format_distance(view.distance_km)
        views.append(view)
    if origin is not None:
        views.sort(key=lambda item: item.distance_km or 0)
    return views


def _map(locations: list[ServiceLocation], origin: GeoPoint | None = None) -> MapDrawing:
    points = [
        GeoPoint(float(location.latitude), float(location.longitude), str(location.name))
        for location in locations
    ]
    return draw_map(points, origin=origin)


def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    service = selectors.service_get_visible(user=request.user, code=code)
    if service is None:
        raise Http404
    locations = _location_views(service, None)
    return render(
        request,
        "catalogue/service_detail.html",
        {
            "service": service,
            "locations": locations,
            "map": _map([view.location for view in locations]),
            "can_edit": selectors.user_can_edit_producer(request.user, service.producer),
        },
    )


@dataclass
class ComparedService:
    service: Service
    locations: list[LocationView]

    @property
    def nearest(self) -> LocationView | None:
        with_distance = [view for view in self.locations if view.distance_km is not None]
        return min(with_distance, key=lambda view: view.distance_km or 0) if with_distance else None


def service_compare(request: HttpRequest) -> HttpResponse:
    """Chosen services side by side: producer, price, languages, schedule this week, locations and the
    distance to each from the resident's address or point."""
    codes = [code for code in request.GET.getlist("service") if code][:MAX_COMPARED]
    form = CompareForm(request.GET or None)
    origin = None
    address_not_found = False
    if form.is_valid() and form.cleaned_data["address"]:
        origin = selectors.geocode(form.cleaned_data["address"])
        address_not_found = origin is None
    compared = [
        ComparedService(service, _location_views(service, origin))
        for service in selectors.service_list_for_comparison(codes=list(dict.fromkeys(codes)))
    ]
    all_locations = [view.location for item in compared for view in item.locations]
    today = local_moment(timezone.now()).date()
    # One row per day of the coming week; in each, every service's locations with their hours that day.
    schedule_rows = [
        (
            today + timedelta(days=offset),
            [[(view.location, view.week[offset]) for view in item.locations] for item in compared],
        )
        for offset in range(7)
    ]
    too_many = len(request.GET.getlist("service")) > MAX_COMPARED
    return render(
        request,
        "catalogue/compare.html",
        {
            "compared": compared,
            "form": form,
            "origin": origin,
            "address_not_found": address_not_found,
            "map": _map(all_locations, origin),
            "map_locations": all_locations,
            "schedule_rows": schedule_rows,
            "too_many": too_many,
            "max_compared": MAX_COMPARED,
        },
    )


def service_map(request: HttpRequest) -> HttpResponse:
    """The locations of the services that match the filters, drawn without map tiles and listed."""
    form = _filter_form(request, version=_catalogue_version())
    services = selectors.service_search(form.to_filter())
    locations = selectors.location_list_for_services(services=services, limit=MAP_LIMIT)
    return render(
        request,
        "catalogue/map.html",
        {
            "form": form,
            "locations": locations,
            "map": _map(locations),
            "limit": MAP_LIMIT,
            "query": request.GET.urlencode(),
        },
    )


def ptv_export_public(request: HttpRequest, city_slug: str) -> HttpResponse:
    """The city's published catalogue as open data, in the shape of the national service catalogue."""
    city = get_object_or_404(Organisation, slug=city_slug, kind=OrganisationKind.CITY)
    services = services_for_export(selectors.service_list_public().filter(producer__city=city))
    body = json.dumps(ptv_export(services=services), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="catalogue-{city.slug}.json"'
    return response
