"""Event pages: the list, an event with registration and slot booking, the team's form and roster, the
.ics download and the personal calendar feed. Thin: the rules are in services.py and selectors.py.

The list and an event's page are at the "public" level: outsiders of a public experiment see its public
events (and may register when signed in); anyone else who may not see the workspace gets 404. An event
the person may not see answers 404 as if it did not exist.
"""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.core.spreadsheets import csv_cell
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess, experiment_access
from kokeilu.experiments.workspace import workspace_context, workspace_or_404

from . import services
from .calendar import calendar_response, event_calendar_text, feed_calendar_text
from .forms import EventForm, SlotsForm
from .models import Event, Registration, RegistrationStatus, Slot, SlotBooking
from .selectors import (
    booking_active,
    bookings_active_of,
    calendar_feed_by_token,
    calendar_feed_get,
    event_get_visible,
    event_list_visible,
    registration_active,
    roster,
    seats_left,
    slot_list,
    split_upcoming,
    waitlist_position,
)


def _event_or_404(
    request: HttpRequest, slug: str, pk: int, level: str = "public"
) -> tuple[Event, ExperimentAccess]:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level=level)  # type: ignore[arg-type]
    event = event_get_visible(experiment=experiment, access=access, user=request.user, pk=pk)
    if event is None:
        raise Http404
    event.experiment = experiment
    return event, access


def _decorate(events: list[Event]) -> list[Event]:
    for event in events:
        event.seats_left = seats_left(event)  # type: ignore[attr-defined]
    return events


def event_list(request: HttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
    events = _decorate(list(event_list_visible(experiment=experiment, access=access, user=request.user)))
    upcoming, past = split_upcoming(events)
    feed = calendar_feed_get(experiment=experiment, user=request.user)
    context = workspace_context(
        experiment,
        access,
        "events",
        upcoming=upcoming,
        past=past,
        feed_url=_feed_url(request, slug, feed.token) if feed else "",
        can_subscribe=request.user.is_authenticated,
    )
    return render(request, "events/list.html", context)


def _feed_url(request: HttpRequest, slug: str, token: str) -> str:
    return request.build_absolute_uri(reverse("events:feed", kwargs={"slug": slug, "token": token}))


def event_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, access = _event_or_404(request, slug, pk)
    _decorate([event])
    registration = registration_active(event=event, user=request.user)
    context = workspace_context(
        event.experiment,
        access,
        "events",
        event=event,
        registration=registration,
        position=waitlist_position(registration) if registration else None,
        booking=booking_active(event=event, user=request.user),
        slots=slot_list(event=event) if event.offers_slots else [],
        is_open=event.registration_open and not event.is_cancelled and event.starts_at > timezone.now(),
        slots_form=SlotsForm(initial={"first_starts_at": timezone.localtime(event.starts_at)})
        if access.is_team and not event.is_cancelled
        else None,
        team_actions=access.is_team and not event.is_cancelled,
    )
    return render(request, "events/detail.html", context)


def _form_page(request: AuthenticatedHttpRequest, slug: str, event: Event | None) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    initial = {}
    if event is None:
        start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=7)
        initial = {"starts_at": start, "ends_at": start + datetime.timedelta(hours=2)}
    form = EventForm(request.POST or None, instance=event, initial=initial, experiment=experiment)
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                event = services.event_create(experiment=experiment, created_by=request.user, **form.values())
                messages.success(request, _("The event was created."))
            else:
                event = services.event_update(
                    event=event,
                    updated_by=request.user,
                    cancel_excluded_participants=form.cleaned_data.get("cancel_excluded_participants", False),
                    **form.values(),
                )
                messages.success(request, _("The event was saved."))
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            return redirect("events:detail", slug=slug, pk=event.pk)
    context = workspace_context(experiment, access, "events", form=form, event=event)
    return render(request, "events/form.html", context, status=400 if form.errors else 200)


@login_required
def event_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _form_page(request, slug, None)


@login_required
def event_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, _access = _event_or_404(request, slug, pk, level="team")
    return _form_page(request, slug, event)


@login_required
@require_POST
def event_cancel(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, _access = _event_or_404(request, slug, pk, level="team")
    try:
        services.event_cancel(event=event, cancelled_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("The event was cancelled."))
    return redirect("events:detail", slug=slug, pk=pk)


def _attend(request: HttpRequest, slug: str, pk: int) -> Event | HttpResponse:
    """The event for a registration or booking action; anonymous people are sent to sign in."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("events:detail", kwargs={"slug": slug, "pk": pk}))
    event, _access = _event_or_404(request, slug, pk)
    return event


@require_POST
def register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _attend(request, slug, pk)
    if isinstance(event, HttpResponse):
        return event
    try:
        registration = services.registration_create(event=event, user=request.user)  # type: ignore[arg-type]
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are registered."))
        else:
            messages.info(
                request,
                _(
                    "The event is full: you are on the waiting list. "
                    "We will e-mail you if a seat becomes free."
                ),
            )
    return redirect("events:detail", slug=slug, pk=pk)


@require_POST
def unregister(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _attend(request, slug, pk)
    if isinstance(event, HttpResponse):
        return event
    registration = registration_active(event=event, user=request.user)
    if registration is not None:
        registration.event = event
        services.registration_cancel(registration=registration, cancelled_by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Your registration was cancelled."))
    return redirect("events:detail", slug=slug, pk=pk)


@login_required
@require_POST
def registration_remove(
    request: AuthenticatedHttpRequest, slug: str, pk: int, registration_id: int
) -> HttpResponse:
    event, _access = _event_or_404(request, slug, pk, level="team")
    registration = get_object_or_404(Registration, pk=registration_id, event=event)
    registration.event = event
    try:
        services.registration_cancel(registration=registration, cancelled_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("The registration was cancelled."))
    return redirect("events:participants", slug=slug, pk=pk)


@login_required
@require_POST
def booking_remove(request: AuthenticatedHttpRequest, slug: str, pk: int, booking_id: int) -> HttpResponse:
    """The team cancels somebody's booking (the person is e-mailed); back to where the button was."""
    event, _access = _event_or_404(request, slug, pk, level="team")
    booking = get_object_or_404(SlotBooking, pk=booking_id, event=event)
    booking.event = event
    try:
        services.booking_cancel(booking=booking, cancelled_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("The booking was cancelled."))
    target = "events:participants" if request.POST.get("next") == "participants" else "events:detail"
    return redirect(target, slug=slug, pk=pk)


@login_required
@require_POST
def slot_delete(request: AuthenticatedHttpRequest, slug: str, pk: int, slot_id: int) -> HttpResponse:
    event, _access = _event_or_404(request, slug, pk, level="team")
    slot = get_object_or_404(Slot, pk=slot_id, event=event)
    slot.event = event
    try:
        services.slot_delete(slot=slot, deleted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The time slot was deleted."))
    return redirect("events:detail", slug=slug, pk=pk)


@login_required
@require_POST
def slots_generate(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, access = _event_or_404(request, slug, pk, level="team")
    form = SlotsForm(request.POST)
    if form.is_valid():
        try:
            slots = services.slots_generate(event=event, created_by=request.user, **form.cleaned_data)
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)s time slot was added.", "%(count)s time slots were added.", len(slots))
                % {"count": len(slots)},
            )
            return redirect("events:detail", slug=slug, pk=pk)
    _decorate([event])
    context = workspace_context(
        event.experiment,
        access,
        "events",
        event=event,
        registration=None,
        booking=booking_active(event=event, user=request.user),
        slots=slot_list(event=event),
        is_open=event.registration_open and not event.is_cancelled,
        slots_form=form,
        team_actions=access.is_team and not event.is_cancelled,
    )
    return render(request, "events/detail.html", context, status=400)


@require_POST
def slot_book(request: HttpRequest, slug: str, pk: int, slot_id: int) -> HttpResponse:
    event = _attend(request, slug, pk)
    if isinstance(event, HttpResponse):
        return event
    slot = get_object_or_404(event.slots.all(), pk=slot_id)
    slot.event = event
    try:
        services.slot_book(slot=slot, user=request.user)  # type: ignore[arg-type]
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your time is booked."))
    return redirect("events:detail", slug=slug, pk=pk)


@require_POST
def booking_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _attend(request, slug, pk)
    if isinstance(event, HttpResponse):
        return event
    booking = booking_active(event=event, user=request.user)
    if booking is not None:
        booking.event = event
        services.booking_cancel(booking=booking, cancelled_by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Your booking was cancelled."))
    return redirect("events:detail", slug=slug, pk=pk)


@login_required
def participants(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, access = _event_or_404(request, slug, pk, level="team")
    registrations = list(roster(event=event))
    bookings = [slot for slot in slot_list(event=event) if slot.booking] if event.offers_slots else []  # type: ignore[attr-defined]
    context = workspace_context(
        event.experiment,
        access,
        "events",
        event=event,
        confirmed=[r for r in registrations if r.status == RegistrationStatus.CONFIRMED],
        waitlisted=[r for r in registrations if r.status == RegistrationStatus.WAITLISTED],
        booked_slots=bookings,
    )
    return render(request, "events/participants.html", context)


@login_required
def participants_csv(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    event, _access = _event_or_404(request, slug, pk, level="team")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-participants.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("E-mail"), _("Status"), _("Position"), _("Registered at"), _("Time slot")])
    waiting = 0
    for registration in roster(event=event):
        position = ""
        if registration.status == RegistrationStatus.WAITLISTED:
            waiting += 1
            position = str(waiting)
        writer.writerow(
            [
                csv_cell(str(registration.user)),
                csv_cell(registration.user.email),
                registration.get_status_display(),
                position,
                timezone.localtime(registration.registered_at).strftime("%Y-%m-%d %H:%M:%S"),
                "",
            ]
        )
    for booking in SlotBooking.objects.filter(event=event, cancelled_at__isnull=True).select_related(
        "user", "slot"
    ):
        writer.writerow(
            [
                csv_cell(str(booking.user)),
                csv_cell(booking.user.email),
                _("Booked a time slot"),
                "",
                timezone.localtime(booking.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                timezone.localtime(booking.slot.starts_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response


def event_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, _access = _event_or_404(request, slug, pk)
    booking = booking_active(event=event, user=request.user) if event.offers_slots else None
    return calendar_response(
        event_calendar_text(event, request=request, booking=booking), f"event-{event.pk}.ics"
    )


def feed(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The personal calendar feed: no sign-in; the token decides whose rights apply, at each fetch."""
    calendar_feed = calendar_feed_by_token(token=token)
    if calendar_feed is None or calendar_feed.experiment.slug != slug or not calendar_feed.user.is_active:
        raise Http404
    experiment: Experiment = calendar_feed.experiment
    access = experiment_access(user=calendar_feed.user, experiment=experiment)
    if not access.can_see_public_face:
        raise Http404
    events = list(event_list_visible(experiment=experiment, access=access, user=calendar_feed.user))
    bookings = bookings_active_of(user=calendar_feed.user, events=events)
    return calendar_response(
        feed_calendar_text(experiment, events, request=request, bookings=bookings),
        f"{experiment.slug}-events.ics",
    )


@login_required
@require_POST
def feed_manage(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="public")
    action = request.POST.get("action", "")
    try:
        if action == "revoke":
            services.calendar_feed_revoke(experiment=experiment, user=request.user)
            messages.success(request, _("Your calendar address was removed."))
        elif action == "regenerate":
            services.calendar_feed_regenerate(experiment=experiment, user=request.user)
            messages.success(request, _("You have a new calendar address; the old one no longer works."))
        else:
            services.calendar_feed_get_or_create(experiment=experiment, user=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    return redirect(reverse("events:list", kwargs={"slug": slug}) + "#calendar-feed")
