"""Events as iCalendar: one event's .ics download and a person's feed of an experiment's events."""

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.experiments.models import Experiment

from . import ical
from .models import Event, SlotBooking


def _host() -> str:
    return urlsplit(settings.KOKEILU_BASE_URL).hostname or "kokeilu"


def _uid(event: Event) -> str:
    return f"event-{event.pk}@{_host()}"


def _booking_uid(booking: SlotBooking) -> str:
    """Stable for the booking: the same time slot booked again later is another calendar entry."""
    return f"slot-booking-{booking.pk}@{_host()}"


def _calendar_event(event: Event, request: HttpRequest) -> ical.CalendarEvent:
    url = request.build_absolute_uri(
        reverse("events:detail", kwargs={"slug": event.experiment.slug, "pk": event.pk})
    )
    description = str(event.description)
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    return ical.CalendarEvent(
        uid=_uid(event),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=str(event.title),
        description=description,
        location=event.place or event.online_url,
        url=url,
        cancelled=event.is_cancelled,
        sequence=event.revision,
        last_modified=event.updated_at,
    )


def _booking_calendar_event(booking: SlotBooking, event: Event, request: HttpRequest) -> ical.CalendarEvent:
    """The person's own booked time as an entry of its own, next to the whole event's."""
    whole = _calendar_event(event, request)
    return ical.CalendarEvent(
        uid=_booking_uid(booking),
        starts_at=booking.slot.starts_at,
        ends_at=booking.slot.ends_at,
        summary=_("Your time: %(title)s") % {"title": event.title},
        description=whole.description,
        location=whole.location,
        url=whole.url,
        cancelled=event.is_cancelled,
        sequence=event.revision,
        last_modified=max(booking.updated_at, event.updated_at),
    )


def event_calendar_text(event: Event, *, request: HttpRequest, booking: SlotBooking | None = None) -> str:
    """One event; with the person's own active `booking` of it, that time slot too."""
    entries = [_calendar_event(event, request)]
    if booking is not None:
        entries.append(_booking_calendar_event(booking, event, request))
    return ical.calendar(entries, now=timezone.now())


def feed_calendar_text(
    experiment: Experiment,
    events: list[Event],
    *,
    request: HttpRequest,
    bookings: Sequence[SlotBooking] = (),
) -> str:
    """The events, each followed by the feed owner's booked time slot of it (from `bookings`)."""
    by_event = {booking.event_id: booking for booking in bookings}
    entries = []
    for event in events:
        event.experiment = experiment
        entries.append(_calendar_event(event, request))
        booking = by_event.get(event.pk)
        if booking is not None:
            entries.append(_booking_calendar_event(booking, event, request))
    return ical.calendar(entries, name=str(experiment.title), now=timezone.now())


def calendar_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
