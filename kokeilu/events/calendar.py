"""Events as iCalendar: one event's .ics download and a person's feed of an experiment's events."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from kokeilu.experiments.models import Experiment

from . import ical
from .models import Event


def _uid(event: Event) -> str:
    host = urlsplit(settings.KOKEILU_BASE_URL).hostname or "kokeilu"
    return f"event-{event.pk}@{host}"


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


def event_calendar_text(event: Event, *, request: HttpRequest) -> str:
    return ical.calendar([_calendar_event(event, request)], now=timezone.now())


def feed_calendar_text(experiment: Experiment, events: list[Event], *, request: HttpRequest) -> str:
    for event in events:
        event.experiment = experiment
    return ical.calendar(
        [_calendar_event(event, request) for event in events],
        name=str(experiment.title),
        now=timezone.now(),
    )


def calendar_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
