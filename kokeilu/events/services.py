"""Writes for events: the team's events and slots, people's registrations and bookings, calendar feeds.

Capacity is kept by locking the event's row (SELECT ... FOR UPDATE) for every write that changes who holds
a seat or a slot, and counting inside the lock: concurrent registrations for one event queue up on the
lock, so each sees the others' committed rows and none can take a seat that is already gone. The partial
unique constraints catch what the lock cannot (a person registering twice from two events' views, a
programming error) as an IntegrityError, turned into the same refusal.
"""

import datetime
from collections.abc import Collection
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.tasks import enqueue
from kokeilu.experiments.models import Audience, Experiment, ParticipantGroup
from kokeilu.experiments.selectors import experiment_access
from kokeilu.experiments.services import require_team

from .models import (
    CalendarFeed,
    CancellationReason,
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
    Slot,
    SlotBooking,
    _feed_token,
)
from .selectors import event_is_visible_to

EDITABLE_FIELDS = frozenset(
    {
        "kind",
        "title_fi",
        "title_sv",
        "title_en",
        "description_fi",
        "description_sv",
        "description_en",
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "capacity",
        "audience",
        "group",
        "registration_open",
    }
)
MAX_SLOTS_PER_GENERATION = 200
SLOT_MINUTES_MIN = 5
SLOT_MINUTES_MAX = 8 * 60


# --- Events ----------------------------------------------------------------------------------------------


def _check_event(event: Event) -> None:
    """The rules an event's fields must meet; raises ApplicationError by the field concerned."""
    if not (event.title_fi.strip() or event.title_sv.strip() or event.title_en.strip()):
        raise ApplicationError(_("Give the event a title in at least one language."), field="title_fi")
    if event.kind not in EventKind.values:
        raise ApplicationError(_("Choose the kind of event."), field="kind")
    for name in ("starts_at", "ends_at"):
        moment = getattr(event, name)
        if moment is None or timezone.is_naive(moment):
            raise ApplicationError(_("Give the date and time."), field=name)
    if event.ends_at <= event.starts_at:
        raise ApplicationError(_("The event must end after it starts."), field="ends_at")
    if not event.place.strip() and not event.online_url.strip():
        raise ApplicationError(_("Give a place or an online link (or both)."), field="place")
    if event.capacity is not None and event.capacity < 1:
        raise ApplicationError(_("The capacity must be at least 1, or empty for no limit."), field="capacity")
    if event.audience == Audience.GROUP:
        if event.group is None:
            raise ApplicationError(_("Choose the group the event is for."), field="group")
        if event.group.experiment_id != event.experiment_id:
            raise ApplicationError(_("The group is not in this experiment."), field="group")
    elif event.group is not None:
        event.group = None
    event.full_clean(exclude=["experiment", "created_by", "group"])


def event_create(
    *,
    experiment: Experiment,
    created_by: User,
    title_fi: str = "",
    title_sv: str = "",
    title_en: str = "",
    description_fi: str = "",
    description_sv: str = "",
    description_en: str = "",
    kind: str = EventKind.WORKSHOP,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online_url: str = "",
    capacity: int | None = None,
    audience: str = Audience.EXPERIMENT,
    group: ParticipantGroup | None = None,
    registration_open: bool = True,
) -> Event:
    """A new event of the experiment, by its team."""
    require_team(created_by, experiment)
    event = Event(
        experiment=experiment,
        created_by=created_by,
        kind=kind,
        title_fi=title_fi.strip(),
        title_sv=title_sv.strip(),
        title_en=title_en.strip(),
        description_fi=description_fi,
        description_sv=description_sv,
        description_en=description_en,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        online_url=online_url.strip(),
        capacity=capacity,
        audience=audience,
        group=group,
        registration_open=registration_open,
    )
    _check_event(event)
    event.save()
    return event


def _cancel_attendance(event: Event, *, reason: str, user_ids: set[int] | None = None) -> tuple[int, int]:
    """Cancel the active registrations and bookings of the (locked) event, of everyone or of `user_ids`,
    with the reason given; returns how many registrations and bookings were cancelled."""
    now = timezone.now()
    registrations = Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED)
    bookings = SlotBooking.objects.filter(event=event, cancelled_at__isnull=True)
    if user_ids is not None:
        registrations = registrations.filter(user_id__in=user_ids)
        bookings = bookings.filter(user_id__in=user_ids)
    cancelled_registrations = registrations.update(
        status=RegistrationStatus.CANCELLED, cancelled_at=now, cancellation_reason=reason, updated_at=now
    )
    cancelled_bookings = bookings.update(cancelled_at=now, cancellation_reason=reason, updated_at=now)
    return cancelled_registrations, cancelled_bookings


def _people_who_no_longer_see(event: Event) -> set[int]:
    """Ids of the people holding a seat, a waiting-list place or a slot of the (saved, locked) event who
    may not see it any more: the audience rule asked per person, as when they registered."""
    holders = {
        registration.user_id: registration.user
        for registration in Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
    }
    for booking in SlotBooking.objects.filter(event=event, cancelled_at__isnull=True).select_related("user"):
        holders.setdefault(booking.user_id, booking.user)
    return {user_id for user_id, user in holders.items() if not event_is_visible_to(event=event, user=user)}


def event_update(
    *, event: Event, updated_by: User, cancel_excluded_participants: bool = False, **fields: Any
) -> Event:
    """Change the given fields. The capacity cannot go below the confirmed registrations; when it grows,
    people move up from the waiting list (and are e-mailed).

    Narrowing the audience (e.g. from the whole experiment to one group, or from public to the experiment)
    can leave registered people, people on the waiting list or slot holders unable to see the event. Such
    a change is refused (code `audience_excludes_participants`, under `audience`) and nothing changes,
    unless the team confirms it with `cancel_excluded_participants=True`: then those people's registrations
    and bookings are cancelled (reason `audience_changed`), each of them is e-mailed once in their own
    language, and freed seats go to the next people on the waiting list who can still see the event.
    Silently keeping a seat nobody can see would hold seats against the capacity and send reminders and
    calendar entries for an event the person is no longer let into; cancelling without asking would let a
    slip of the audience field throw people out. So the team decides, knowing how many are affected."""
    require_team(updated_by, event.experiment)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ApplicationError(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        locked = (
            Event.objects.select_for_update(of=("self",))
            .select_related("experiment", "group")
            .get(pk=event.pk)
        )
        if locked.is_cancelled:
            raise ApplicationError(_("A cancelled event cannot be changed."), code="event_cancelled")
        audience_before = (locked.audience, locked.group_id)
        for name, value in fields.items():
            setattr(locked, name, value.strip() if isinstance(value, str) and name != "audience" else value)
        _check_event(locked)
        locked.revision += 1
        locked.save()
        if (locked.audience, locked.group_id) != audience_before:
            excluded = _people_who_no_longer_see(locked)
            if excluded and not cancel_excluded_participants:
                raise ApplicationError(
                    ngettext(
                        "%(count)s person who has registered or booked a time could no longer see the "
                        "event. Cancel their registration first, or confirm that it is cancelled and "
                        "they are told.",
                        "%(count)s people who have registered or booked a time could no longer see the "
                        "event. Cancel their registrations first, or confirm that they are cancelled and "
                        "the people are told.",
                        len(excluded),
                    )
                    % {"count": len(excluded)},
                    field="audience",
                    code="audience_excludes_participants",
                )
            if excluded:
                _cancel_attendance(locked, reason=CancellationReason.AUDIENCE_CHANGED, user_ids=excluded)
                enqueue("kokeilu.events.tasks.send_cancellation_notices", event_id=locked.pk)
        if locked.capacity is not None:
            confirmed = Registration.objects.filter(event=locked, status=RegistrationStatus.CONFIRMED).count()
            if locked.capacity < confirmed:
                raise ApplicationError(
                    ngettext(
                        "%(count)s person is already registered; the capacity cannot be smaller.",
                        "%(count)s people are already registered; the capacity cannot be smaller.",
                        confirmed,
                    )
                    % {"count": confirmed},
                    field="capacity",
                )
        _fill_from_waitlist(locked)
    return locked


def attendance_reconcile(*, experiment: Experiment, user_ids: Collection[int]) -> int:
    """Cancel these people's places at the experiment's upcoming events that they may no longer see,
    after they left the experiment or one of its groups (or lost a role that let them see it).

    The same as narrowing an event's audience, seen from the person's side: each place goes with reason
    `audience_changed`, the person is e-mailed once, and freed seats go to the next people on the waiting
    list. Called by the experiments services (through kokeilu.experiments.workspace.access_changed) in
    the transaction that changed the membership. Returns how many registrations and bookings were
    cancelled."""
    people = set(user_ids)
    if not people:
        return 0
    now = timezone.now()
    upcoming = {
        "event__experiment_id": experiment.pk,
        "event__is_cancelled": False,
        "event__starts_at__gt": now,
    }
    event_ids = set(
        Registration.objects.filter(user_id__in=people, **upcoming)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("event_id", flat=True)
    ) | set(
        SlotBooking.objects.filter(user_id__in=people, cancelled_at__isnull=True, **upcoming).values_list(
            "event_id", flat=True
        )
    )
    cancelled = 0
    with transaction.atomic():
        for event_id in sorted(event_ids):
            locked = (
                Event.objects.select_for_update(of=("self",))
                .select_related("experiment", "group")
                .get(pk=event_id)
            )
            excluded = _people_who_no_longer_see(locked) & people
            if not excluded:
                continue
            registrations, bookings = _cancel_attendance(
                locked, reason=CancellationReason.AUDIENCE_CHANGED, user_ids=excluded
            )
            cancelled += registrations + bookings
            enqueue("kokeilu.events.tasks.send_cancellation_notices", event_id=locked.pk)
            _fill_from_waitlist(locked)
    return cancelled


def event_cancel(*, event: Event, cancelled_by: User) -> Event:
    """Cancel the event: registration closes and it shows as cancelled (also in calendars). Every
    confirmed and waitlisted registration and every slot booking is cancelled with it (reason
    `event_cancelled`), so no seat or slot stays taken, and each of those people is e-mailed once, in
    their own language. Cancelling again changes nothing and sends nothing new."""
    require_team(cancelled_by, event.experiment)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if not locked.is_cancelled:
            locked.is_cancelled = True
            locked.cancelled_at = timezone.now()
            locked.registration_open = False
            locked.revision += 1
            locked.save(
                update_fields=["is_cancelled", "cancelled_at", "registration_open", "revision", "updated_at"]
            )
        if any(_cancel_attendance(locked, reason=CancellationReason.EVENT_CANCELLED)):
            enqueue("kokeilu.events.tasks.send_cancellation_notices", event_id=locked.pk)
    return locked


# --- Registration and the waiting list ---------------------------------------------------------------------


def _require_can_attend(event: Event, user: User) -> None:
    """Raise unless the person may register or book: signed in and able to see the event."""
    if not user.is_authenticated or not event_is_visible_to(event=event, user=user):
        raise PermissionDeniedError(_("You cannot register for this event."))


def _require_open(event: Event, *, now: datetime.datetime) -> None:
    """Raise unless the (locked) event takes registrations now."""
    if event.is_cancelled:
        raise ApplicationError(_("The event has been cancelled."), code="event_cancelled")
    if event.starts_at <= now:
        raise ApplicationError(_("The event has already started."), code="event_started")
    if not event.registration_open:
        raise ApplicationError(_("Registration for the event is closed."), code="registration_closed")


def _fill_from_waitlist(event: Event) -> list[Registration]:
    """Move the first people on the waiting list up into the free seats. Call with the event row locked.

    Nobody moves up for a cancelled event or one that has started."""
    now = timezone.now()
    if event.is_cancelled or event.starts_at <= now:
        return []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).order_by(
        "registered_at", "pk"
    )
    if event.capacity is not None:
        confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
        free = event.capacity - confirmed
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        enqueue("kokeilu.events.tasks.send_promotion_notice", registration_id=registration.pk)
    return promoted


def registration_create(*, event: Event, user: User) -> Registration:
    """Register the person: confirmed while seats remain, otherwise on the waiting list. Registering
    again while registered returns the existing registration (a double click is harmless)."""
    if event.offers_slots:
        raise ApplicationError(_("Book a time slot for this event instead."), code="book_a_slot")
    _require_can_attend(event, user)
    try:
        with transaction.atomic():
            # The lock serialises everyone registering for this event; the count below sees every
            # registration committed before we got the lock.
            locked = Event.objects.select_for_update().get(pk=event.pk)
            now = timezone.now()
            _require_open(locked, now=now)
            if locked.offers_slots:
                raise ApplicationError(_("Book a time slot for this event instead."), code="book_a_slot")
            existing = (
                Registration.objects.filter(event=locked, user=user)
                .exclude(status=RegistrationStatus.CANCELLED)
                .first()
            )
            if existing is not None:
                return existing
            status = RegistrationStatus.CONFIRMED
            if locked.capacity is not None:
                confirmed = Registration.objects.filter(
                    event=locked, status=RegistrationStatus.CONFIRMED
                ).count()
                if confirmed >= locked.capacity:
                    status = RegistrationStatus.WAITLISTED
            return Registration.objects.create(event=locked, user=user, status=status, registered_at=now)
    except IntegrityError as error:
        raise ApplicationError(
            _("You are already registered for this event."), code="already_registered"
        ) from error


def registration_cancel(*, registration: Registration, cancelled_by: User) -> Registration:
    """Cancel a registration (the person's own, or anyone's by the team, who is then e-mailed once). A
    freed seat goes to the first person on the waiting list, who is e-mailed."""
    by_team = cancelled_by.pk != registration.user_id
    if by_team:
        require_team(cancelled_by, registration.event.experiment)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            return current
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.cancellation_reason = CancellationReason.TEAM if by_team else CancellationReason.PERSON
        current.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
        if by_team:
            enqueue("kokeilu.events.tasks.send_cancellation_notices", event_id=event.pk)
        _fill_from_waitlist(event)
    return current


# --- Time slots (appointments) -----------------------------------------------------------------------------


def slots_generate(
    *,
    event: Event,
    created_by: User,
    first_starts_at: datetime.datetime,
    length_minutes: int,
    count: int,
) -> list[Slot]:
    """Add `count` back-to-back slots of `length_minutes` from `first_starts_at`, within the event's time
    and overlapping no existing slot. The event then takes bookings instead of registrations."""
    require_team(created_by, event.experiment)
    if not SLOT_MINUTES_MIN <= length_minutes <= SLOT_MINUTES_MAX:
        raise ApplicationError(
            _("A slot lasts from %(min)s to %(max)s minutes.")
            % {"min": SLOT_MINUTES_MIN, "max": SLOT_MINUTES_MAX},
            field="length_minutes",
        )
    if not 1 <= count <= MAX_SLOTS_PER_GENERATION:
        raise ApplicationError(
            _("Create from 1 to %(max)s slots at a time.") % {"max": MAX_SLOTS_PER_GENERATION}, field="count"
        )
    if timezone.is_naive(first_starts_at):
        raise ApplicationError(_("Give the date and time."), field="first_starts_at")
    length = datetime.timedelta(minutes=length_minutes)
    last_ends_at = first_starts_at + length * count
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.is_cancelled:
            raise ApplicationError(_("The event has been cancelled."), code="event_cancelled")
        if first_starts_at < locked.starts_at or last_ends_at > locked.ends_at:
            raise ApplicationError(_("The slots must fit within the event's time."), field="first_starts_at")
        if Registration.objects.filter(event=locked).exclude(status=RegistrationStatus.CANCELLED).exists():
            raise ApplicationError(
                _("People have registered for the whole event; it cannot take slot bookings."),
                code="has_registrations",
            )
        if Slot.objects.filter(
            event=locked, starts_at__lt=last_ends_at, ends_at__gt=first_starts_at
        ).exists():
            raise ApplicationError(_("The new slots would overlap existing ones."), field="first_starts_at")
        slots = Slot.objects.bulk_create(
            [
                Slot(
                    event=locked,
                    starts_at=first_starts_at + length * number,
                    ends_at=first_starts_at + length * (number + 1),
                )
                for number in range(count)
            ]
        )
        if not locked.offers_slots:
            locked.offers_slots = True
            locked.save(update_fields=["offers_slots", "updated_at"])
    return slots


def slot_book(*, slot: Slot, user: User) -> SlotBooking:
    """Book the slot for the person: one slot per person and event, one person per slot."""
    event = slot.event
    _require_can_attend(event, user)
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            now = timezone.now()
            if locked.is_cancelled:
                raise ApplicationError(_("The event has been cancelled."), code="event_cancelled")
            if not locked.registration_open:
                raise ApplicationError(_("Booking for the event is closed."), code="registration_closed")
            if slot.starts_at <= now:
                raise ApplicationError(_("This time has already passed."), code="slot_past")
            active = SlotBooking.objects.filter(event=locked, cancelled_at__isnull=True)
            if active.filter(user=user).exists():
                raise ApplicationError(
                    _("You have already booked a time for this event. Cancel it first to choose another."),
                    code="already_booked",
                )
            if active.filter(slot=slot).exists():
                raise ApplicationError(
                    _("Somebody has just booked this time. Choose another."), code="slot_taken"
                )
            return SlotBooking.objects.create(event=locked, slot=slot, user=user)
    except IntegrityError as error:
        raise ApplicationError(
            _("Somebody has just booked this time. Choose another."), code="slot_taken"
        ) from error


def booking_cancel(*, booking: SlotBooking, cancelled_by: User) -> SlotBooking:
    """Cancel a booking (one's own, or anyone's by the team, who is then e-mailed once); the slot is free
    again."""
    by_team = cancelled_by.pk != booking.user_id
    if by_team:
        require_team(cancelled_by, booking.event.experiment)
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=booking.event_id)
        current = SlotBooking.objects.get(pk=booking.pk)
        if current.cancelled_at is None:
            current.cancelled_at = timezone.now()
            current.cancellation_reason = CancellationReason.TEAM if by_team else CancellationReason.PERSON
            current.save(update_fields=["cancelled_at", "cancellation_reason", "updated_at"])
            if by_team:
                enqueue("kokeilu.events.tasks.send_cancellation_notices", event_id=booking.event_id)
    return current


def slot_delete(*, slot: Slot, deleted_by: User) -> None:
    """Delete a free time slot (the team). A slot somebody holds is refused (code `slot_booked`): the team
    cancels the booking first, so the person is told. Cancelled bookings of the slot go with it. The event
    keeps taking bookings (new slots can be added) even when its last slot is deleted."""
    require_team(deleted_by, slot.event.experiment)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=slot.event_id)
        if locked.is_cancelled:
            raise ApplicationError(_("A cancelled event cannot be changed."), code="event_cancelled")
        if SlotBooking.objects.filter(slot_id=slot.pk, cancelled_at__isnull=True).exists():
            raise ApplicationError(
                _("Somebody has booked this time. Cancel their booking first, then delete the slot."),
                code="slot_booked",
            )
        Slot.objects.filter(pk=slot.pk, event=locked).delete()


# --- Calendar feeds ---------------------------------------------------------------------------------------


def _require_feed_access(experiment: Experiment, user: User) -> None:
    if (
        not user.is_authenticated
        or not experiment_access(user=user, experiment=experiment).can_see_public_face
    ):
        raise PermissionDeniedError()


def calendar_feed_get_or_create(*, experiment: Experiment, user: User) -> CalendarFeed:
    """The person's calendar address for the experiment's events, made on first use."""
    _require_feed_access(experiment, user)
    feed, _created = CalendarFeed.objects.get_or_create(experiment=experiment, user=user)
    return feed


def calendar_feed_regenerate(*, experiment: Experiment, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    _require_feed_access(experiment, user)
    feed, created = CalendarFeed.objects.get_or_create(experiment=experiment, user=user)
    if not created:
        feed.token = _feed_token()
        feed.save(update_fields=["token", "updated_at"])
    return feed


def calendar_feed_revoke(*, experiment: Experiment, user: User) -> None:
    """Remove the person's calendar address (no access check needed: one can always remove one's own)."""
    if user.is_authenticated:
        CalendarFeed.objects.filter(experiment=experiment, user=user).delete()
