"""Pages producers and city programme managers use to keep the catalogue up to date. Thin: each parses the
form, calls a service or selector and renders; who may do what is decided in the services."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.core.exceptions import ApplicationError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest

from . import selectors, services
from .forms import (
    ChannelForm,
    ImportForm,
    LocationForm,
    OpeningExceptionForm,
    ProducerCreateForm,
    ProducerForm,
    ServiceForm,
    WeeklyHoursForm,
)
from .models import ContactChannel, OpeningException
from .ptv import ptv_export, ptv_import, services_for_export

IMPORT_MAX_BYTES = 20 * 1024 * 1024


def _editable_producers_or_404(request: AuthenticatedHttpRequest) -> Any:
    producers = selectors.producer_list_editable_by(user=request.user)
    if not producers.exists():
        raise Http404
    return producers


@login_required
def manage_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    producers = _editable_producers_or_404(request)
    managed_cities = selectors.cities_managed_by(user=request.user)
    return render(
        request,
        "catalogue/manage/home.html",
        {
            "producers": producers,
            "services": selectors.service_list_editable_by(user=request.user),
            "locations": selectors.location_list_editable_by(user=request.user).order_by(
                "producer__organisation__name", "name_fi"
            ),
            "import_form": ImportForm(cities=managed_cities) if managed_cities.exists() else None,
            "managed_cities": managed_cities,
        },
    )


@login_required
def producer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    cities = selectors.cities_managed_by(user=request.user)
    if not cities.exists():
        raise Http404
    form = ProducerCreateForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            producer = services.producer_create(created_by=request.user, **data)
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("The producer was added. Give its people a membership to let them edit.")
            )
            return redirect("catalogue:producer_edit", pk=producer.pk)
    return render(request, "catalogue/manage/form.html", {"form": form, "heading": _("New producer")})


@login_required
def producer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    producer = selectors.producer_get_editable(user=request.user, pk=pk)
    if producer is None:
        raise Http404
    can_change_city_fields = selectors.user_can_manage_catalogue_of(request.user, producer.city_id)
    form = ProducerForm(
        request.POST or None, instance=producer, can_change_city_fields=can_change_city_fields
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.producer_update(producer=producer, updated_by=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The producer was saved."))
            return redirect("catalogue:manage")
    return render(
        request,
        "catalogue/manage/form.html",
        {"form": form, "heading": _("Producer: %(name)s") % {"name": producer.name}},
    )


@login_required
def service_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    producers = _editable_producers_or_404(request)
    form = ServiceForm(request.POST or None, producers=producers)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(
                created_by=request.user, producer=form.cleaned_data["producer"], **form.service_fields()
            )
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The service was saved. Add its locations and contact channels."))
            return redirect("catalogue:service_edit", code=service.code)
    return render(request, "catalogue/manage/service_form.html", {"form": form, "service": None})


@login_required
def service_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    service = selectors.service_get_editable(user=request.user, code=code)
    if service is None:
        raise Http404
    form = ServiceForm(
        request.POST or None,
        instance=service,
        producers=selectors.producer_list_editable_by(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(service=service, updated_by=request.user, **form.service_fields())
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The service was saved."))
            return redirect("catalogue:service_edit", code=service.code)
    return render(
        request,
        "catalogue/manage/service_form.html",
        {"form": form, "service": service, "channel_form": ChannelForm(prefix="channel")},
    )


@login_required
@require_POST
def service_delete(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    service = selectors.service_get_editable(user=request.user, code=code)
    if service is None:
        raise Http404
    try:
        services.service_delete(service=service, deleted_by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("catalogue:service_edit", code=code)
    messages.success(request, _("The service was removed."))
    return redirect("catalogue:manage")


@login_required
def channel_edit(request: AuthenticatedHttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    service = selectors.service_get_editable(user=request.user, code=code)
    if service is None:
        raise Http404
    channel = get_object_or_404(ContactChannel, pk=pk, service=service) if pk else None
    form = ChannelForm(request.POST or None, instance=channel, prefix="channel")
    if request.method == "POST":
        if request.POST.get("delete") and channel is not None:
            services.channel_delete(channel=channel, deleted_by=request.user)
            messages.success(request, _("The contact channel was removed."))
            return redirect("catalogue:service_edit", code=service.code)
        if form.is_valid():
            try:
                services.channel_save(
                    service=service, saved_by=request.user, channel=channel, **form.cleaned_data
                )
            except (ApplicationError, ValidationError) as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The contact channel was saved."))
                return redirect("catalogue:service_edit", code=service.code)
    return render(
        request,
        "catalogue/manage/form.html",
        {
            "form": form,
            "heading": _("Contact channel of %(service)s") % {"service": service.name},
            "deletable": channel,
        },
    )


@login_required
def location_create(request: AuthenticatedHttpRequest, producer_pk: int) -> HttpResponse:
    producer = selectors.producer_get_editable(user=request.user, pk=producer_pk)
    if producer is None:
        raise Http404
    form = LocationForm(request.POST or None, producer=producer)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        linked = data.pop("services")
        try:
            location = services.location_create(
                created_by=request.user, producer=producer, services=linked, **data
            )
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The location was saved. Give its opening hours."))
            return redirect("catalogue:location_edit", pk=location.pk)
    return render(
        request,
        "catalogue/manage/form.html",
        {"form": form, "heading": _("New location of %(name)s") % {"name": producer.name}},
    )


@login_required
def location_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    location = selectors.location_get_editable(user=request.user, pk=pk)
    if location is None:
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    form = LocationForm(
        request.POST if action == "location" else None, instance=location, producer=location.producer
    )
    hours_form = WeeklyHoursForm(
        request.POST if action == "hours" else None, location=location, prefix="hours"
    )
    exception_form = OpeningExceptionForm(request.POST if action == "exception" else None, prefix="exception")
    if action == "location" and form.is_valid():
        data = dict(form.cleaned_data)
        linked = data.pop("services")
        try:
            services.location_update(location=location, updated_by=request.user, services=linked, **data)
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The location was saved."))
            return redirect("catalogue:location_edit", pk=location.pk)
    elif action == "hours" and hours_form.is_valid():
        try:
            services.location_set_weekly_hours(
                location=location, updated_by=request.user, intervals=hours_form.intervals()
            )
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(hours_form, error)
        else:
            messages.success(request, _("The opening hours were saved."))
            return redirect("catalogue:location_edit", pk=location.pk)
    elif action == "exception" and exception_form.is_valid():
        try:
            services.opening_exception_add(
                location=location, added_by=request.user, **exception_form.cleaned_data
            )
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(exception_form, error)
        else:
            messages.success(request, _("The exception was saved."))
            return redirect("catalogue:location_edit", pk=location.pk)
    return render(
        request,
        "catalogue/manage/location_form.html",
        {"location": location, "form": form, "hours_form": hours_form, "exception_form": exception_form},
    )


@login_required
@require_POST
def location_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    location = selectors.location_get_editable(user=request.user, pk=pk)
    if location is None:
        raise Http404
    services.location_delete(location=location, deleted_by=request.user)
    messages.success(request, _("The location was removed."))
    return redirect("catalogue:manage")


@login_required
@require_POST
def exception_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    exception = get_object_or_404(OpeningException.objects.select_related("location__producer"), pk=pk)
    if selectors.location_get_editable(user=request.user, pk=exception.location_id) is None:
        raise Http404
    services.opening_exception_delete(exception=exception, deleted_by=request.user)
    messages.success(request, _("The exception was removed."))
    return redirect("catalogue:location_edit", pk=exception.location_id)


@login_required
def catalogue_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    cities = selectors.cities_managed_by(user=request.user)
    if not cities.exists():
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if (upload.size or 0) > IMPORT_MAX_BYTES:
                raise ApplicationError(_("The file is too large."), field="file")
            try:
                data = json.loads(upload.read().decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise ApplicationError(
                    _("The file is not JSON: %(error)s") % {"error": error}, field="file"
                ) from error
            result = ptv_import(city=form.cleaned_data["city"], data=data, imported_by=request.user)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("The file was imported. %(summary)s.") % {"summary": result.summary()}
            )
            for warning in result.warnings[:20]:
                messages.warning(request, warning)
            return redirect("catalogue:manage")
    return render(
        request,
        "catalogue/manage/form.html",
        {"form": form, "heading": _("Import a catalogue file"), "multipart": True},
    )


@login_required
def catalogue_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The services the user edits, drafts included, in the shape of the national service catalogue."""
    _editable_producers_or_404(request)
    queryset: Any = selectors.service_list_editable_by(user=request.user)
    body = json.dumps(ptv_export(services=services_for_export(queryset)), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="catalogue.json"'
    return response
