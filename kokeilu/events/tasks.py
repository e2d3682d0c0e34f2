"""Background work for events: the e-mail to someone who moved up from the waiting list, the e-mail to
people whose registration or booking was cancelled for them (the event was cancelled, its audience no
longer includes them, or the team cancelled it), and reminders before an event or a booked time slot.
Every task is idempotent: it claims its row by setting the
`*_at` field with a conditional UPDATE first, so a repeated or concurrent run sends nothing twice."""

import zoneinfo

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kokeilu.experiments.tasks import absolute_url

from .models import CancellationReason, Event, Registration, RegistrationStatus, SlotBooking

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def _claim(queryset: QuerySet, field: str) -> bool:
    """Set `field` to now where it is still empty; True when this run got the row."""
    return queryset.filter(**{f"{field}__isnull": True}).update(**{field: timezone.now()}) == 1


def _event_context(event: Event, language: str) -> dict[str, object]:
    with translation.override(language):
        return {
            "title": str(event.title),
            "experiment_title": str(event.experiment.title),
            "starts_at": timezone.localtime(event.starts_at, HELSINKI),
            "ends_at": timezone.localtime(event.ends_at, HELSINKI),
            "place": event.place,
            "online_url": event.online_url,
            "url": absolute_url(
                reverse("events:detail", kwargs={"slug": event.experiment.slug, "pk": event.pk})
            ),
        }


def _send(template: str, subject: str, context: dict[str, object], email: str) -> None:
    body = render_to_string(template, context)
    send_mail(subject, body, None, [email])


def send_promotion_notice(*, registration_id: int) -> None:
    """Tell a person who moved up from the waiting list that they now have a seat."""
    registration = (
        Registration.objects.select_related("event__experiment", "user")
        .filter(pk=registration_id, status=RegistrationStatus.CONFIRMED, promoted_at__isnull=False)
        .first()
    )
    if registration is None or not registration.user.email:
        return
    if not _claim(Registration.objects.filter(pk=registration.pk), "promotion_notified_at"):
        return
    language = registration.user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = _event_context(registration.event, language)
        subject = _("You have a seat: %(title)s") % {"title": context["title"]}
        _send("events/email/promoted.txt", subject, context, registration.user.email)


def send_registration_reminder(*, registration_id: int) -> None:
    """Remind a confirmed participant of the coming event, once."""
    registration = (
        Registration.objects.select_related("event__experiment", "user")
        .filter(pk=registration_id, status=RegistrationStatus.CONFIRMED, event__is_cancelled=False)
        .first()
    )
    if registration is None or not registration.user.email or registration.event.starts_at <= timezone.now():
        return
    if not _claim(Registration.objects.filter(pk=registration.pk), "reminded_at"):
        return
    language = registration.user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = _event_context(registration.event, language)
        subject = _("Reminder: %(title)s") % {"title": context["title"]}
        _send("events/email/reminder.txt", subject, context, registration.user.email)


def send_booking_reminder(*, booking_id: int) -> None:
    """Remind a person of the time slot they booked, once."""
    booking = (
        SlotBooking.objects.select_related("event__experiment", "user", "slot")
        .filter(pk=booking_id, cancelled_at__isnull=True, event__is_cancelled=False)
        .first()
    )
    if booking is None or not booking.user.email or booking.slot.starts_at <= timezone.now():
        return
    if not _claim(SlotBooking.objects.filter(pk=booking.pk), "reminded_at"):
        return
    language = booking.user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = _event_context(booking.event, language)
        context["slot_starts_at"] = timezone.localtime(booking.slot.starts_at, HELSINKI)
        context["slot_ends_at"] = timezone.localtime(booking.slot.ends_at, HELSINKI)
        subject = _("Reminder: your time at %(title)s") % {"title": context["title"]}
        _send("events/email/booking_reminder.txt", subject, context, booking.user.email)


NOTIFIED_CANCELLATIONS = (
    CancellationReason.EVENT_CANCELLED,
    CancellationReason.AUDIENCE_CHANGED,
    CancellationReason.TEAM,
)


def send_cancellation_notices(*, event_id: int) -> None:
    """Tell each person whose registration (confirmed or waitlisted) or slot booking of the event was
    cancelled for them, and who has not been told yet, once: one e-mail per person and reason, in their
    language, times in Helsinki time. The rows are claimed (`cancellation_notified_at`) before sending,
    so a repeated or concurrent run sends nothing twice. People without an e-mail address are skipped."""
    event = Event.objects.select_related("experiment").filter(pk=event_id).first()
    if event is None:
        return
    registrations = Registration.objects.filter(
        event=event,
        status=RegistrationStatus.CANCELLED,
        cancellation_reason__in=NOTIFIED_CANCELLATIONS,
        cancellation_notified_at__isnull=True,
    ).select_related("user")
    bookings = SlotBooking.objects.filter(
        event=event,
        cancelled_at__isnull=False,
        cancellation_reason__in=NOTIFIED_CANCELLATIONS,
        cancellation_notified_at__isnull=True,
    ).select_related("user", "slot")
    pending: dict[tuple[int, str], dict] = {}
    for registration in registrations:
        entry = pending.setdefault(
            (registration.user_id, registration.cancellation_reason),
            {"user": registration.user, "registrations": [], "bookings": []},
        )
        entry["registrations"].append(registration)
    for booking in bookings:
        entry = pending.setdefault(
            (booking.user_id, booking.cancellation_reason),
            {"user": booking.user, "registrations": [], "bookings": []},
        )
        entry["bookings"].append(booking)
    for (_user_id, reason), entry in pending.items():
        user = entry["user"]
        if not user.email:
            continue
        now = timezone.now()
        claimed = Registration.objects.filter(
            pk__in=[row.pk for row in entry["registrations"]], cancellation_notified_at__isnull=True
        ).update(cancellation_notified_at=now)
        claimed += SlotBooking.objects.filter(
            pk__in=[row.pk for row in entry["bookings"]], cancellation_notified_at__isnull=True
        ).update(cancellation_notified_at=now)
        if not claimed:
            continue
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = _event_context(event, language)
            context["reason"] = reason
            booked: SlotBooking | None = entry["bookings"][0] if entry["bookings"] else None
            if booked is not None:
                context["slot_starts_at"] = timezone.localtime(booked.slot.starts_at, HELSINKI)
                context["slot_ends_at"] = timezone.localtime(booked.slot.ends_at, HELSINKI)
            if reason == CancellationReason.EVENT_CANCELLED:
                subject = _("Cancelled: %(title)s") % {"title": context["title"]}
            elif booked is not None:
                subject = _("Your booking was cancelled: %(title)s") % {"title": context["title"]}
            else:
                subject = _("Your registration was cancelled: %(title)s") % {"title": context["title"]}
            _send("events/email/cancelled.txt", subject, context, user.email)
