"""Reads for events. Every page, API endpoint, .ics file, feed and e-mail of this app finds events through
`event_list_visible` / `event_get_visible`, which apply `audience_filter`: nobody outside a group sees its
events."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess, audience_filter, experiment_access

from .models import CalendarFeed, Event, Registration, RegistrationStatus, Slot, SlotBooking


def event_list_visible(*, experiment: Experiment, access: ExperimentAccess, user: AnyUser) -> QuerySet[Event]:
    """The experiment's events the person may see, with `confirmed_count`, `waitlisted_count`,
    `free_slot_count` and the person's own `my_status` (a RegistrationStatus or None) and `my_slot_id`."""
    confirmed = Count(
        "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED), distinct=True
    )
    waitlisted = Count(
        "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED), distinct=True
    )
    events = (
        Event.objects.filter(experiment=experiment)
        .filter(audience_filter(access))
        .select_related("group")
        .annotate(confirmed_count=confirmed, waitlisted_count=waitlisted)
    )
    slot_count = Subquery(
        Slot.objects.filter(event=OuterRef("pk"))
        .exclude(Exists(SlotBooking.objects.filter(slot=OuterRef("pk"), cancelled_at__isnull=True)))
        .values("event")
        .annotate(total=Count("pk"))
        .values("total")
    )
    events = events.annotate(free_slot_count=slot_count)
    if user.is_authenticated:
        mine = Registration.objects.filter(event=OuterRef("pk"), user_id=user.pk).exclude(
            status=RegistrationStatus.CANCELLED
        )
        my_booking = SlotBooking.objects.filter(
            event=OuterRef("pk"), user_id=user.pk, cancelled_at__isnull=True
        )
        events = events.annotate(
            my_status=Subquery(mine.values("status")[:1]),
            my_slot_id=Subquery(my_booking.values("slot_id")[:1]),
        )
    return events


def event_get_visible(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser, pk: int
) -> Event | None:
    return event_list_visible(experiment=experiment, access=access, user=user).filter(pk=pk).first()


def event_is_visible_to(*, event: Event, user: AnyUser) -> bool:
    """Whether the person may see (and so attend) the event: the one audience rule, asked of the database."""
    access = experiment_access(user=user, experiment=event.experiment)
    if not access.can_see_public_face:
        return False
    return Event.objects.filter(pk=event.pk).filter(audience_filter(access)).exists()


def split_upcoming(events: list[Event]) -> tuple[list[Event], list[Event]]:
    """Events not yet ended (soonest first) and past events (latest first)."""
    now = timezone.now()
    upcoming = [event for event in events if event.ends_at >= now]
    past = sorted((event for event in events if event.ends_at < now), key=lambda e: e.starts_at, reverse=True)
    return upcoming, past


def seats_left(event: Event) -> int | None:
    """Seats still free (None when the event has no limit); needs the `confirmed_count` annotation."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - event.confirmed_count)  # type: ignore[attr-defined]


def registration_active(*, event: Event, user: AnyUser) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user_id=user.pk)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when the registration is not waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def roster(*, event: Event) -> QuerySet[Registration]:
    """Confirmed and waitlisted registrations, confirmed first, each in the order they came."""
    return (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "registered_at", "pk")  # "confirmed" sorts before "waitlisted"
    )


def slot_list(*, event: Event) -> list[Slot]:
    """The event's slots with `booking` set to the active booking (or None), in time order."""
    slots = list(Slot.objects.filter(event=event).order_by("starts_at"))
    bookings = {
        booking.slot_id: booking
        for booking in SlotBooking.objects.filter(event=event, cancelled_at__isnull=True).select_related(
            "user"
        )
    }
    for slot in slots:
        slot.booking = bookings.get(slot.pk)  # type: ignore[attr-defined]
    return slots


def booking_active(*, event: Event, user: AnyUser) -> SlotBooking | None:
    if not user.is_authenticated:
        return None
    return (
        SlotBooking.objects.filter(event=event, user_id=user.pk, cancelled_at__isnull=True)
        .select_related("slot")
        .first()
    )


def bookings_active_of(*, user: AnyUser, events: list[Event]) -> list[SlotBooking]:
    """The person's active bookings of the given events (which the caller has already found visible),
    with their slots: what a calendar shows as the person's own times."""
    if not user.is_authenticated or not events:
        return []
    return list(
        SlotBooking.objects.filter(
            event_id__in=[event.pk for event in events], user_id=user.pk, cancelled_at__isnull=True
        ).select_related("slot")
    )


def calendar_feed_get(*, experiment: Experiment, user: AnyUser) -> CalendarFeed | None:
    if not user.is_authenticated:
        return None
    return CalendarFeed.objects.filter(experiment=experiment, user_id=user.pk).first()


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("experiment__city", "user").filter(token=token).first()


@dataclass(frozen=True)
class ReminderDue:
    registration_ids: list[int]
    booking_ids: list[int]


def reminders_due(*, within_hours: int = 24) -> ReminderDue:
    """Confirmed registrations and active bookings of events starting within the next `within_hours`
    that have not been reminded yet."""
    now = timezone.now()
    horizon = now + datetime.timedelta(hours=within_hours)
    registrations = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__is_cancelled=False,
        event__starts_at__gt=now,
        event__starts_at__lte=horizon,
    )
    bookings = SlotBooking.objects.filter(
        cancelled_at__isnull=True,
        reminded_at__isnull=True,
        event__is_cancelled=False,
        slot__starts_at__gt=now,
        slot__starts_at__lte=horizon,
    )
    return ReminderDue(
        registration_ids=list(registrations.values_list("pk", flat=True)),
        booking_ids=list(bookings.values_list("pk", flat=True)),
    )
