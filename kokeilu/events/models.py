"""Events of an experiment: workshops, test sessions and info sessions, with registration, a waiting list,
individual time slots (appointments), reminders and a calendar feed.

The invariants live in the database where they can: one active registration per person and event, one
active booking per slot and per person and event, an event ends after it starts and has a place or an
online link. "Never over capacity" is kept by the services, which count confirmed registrations while
holding the event's row lock (see services.registration_create).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.core.models import BaseModel, Translated
from kokeilu.experiments.models import AudienceFields, Experiment


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    TEST_SESSION = "test_session", _("Test session")
    INFO_SESSION = "info_session", _("Info session")


class Event(AudienceFields, BaseModel):
    """A workshop or test session at a place or online, for the audience chosen (see AudienceFields)."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.WORKSHOP)
    title_fi = models.CharField(_("title (Finnish)"), max_length=200, blank=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True, max_length=8000)
    description_sv = models.TextField(_("description (Swedish)"), blank=True, max_length=8000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=8000)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    offers_slots = models.BooleanField(
        _("individual time slots"),
        default=False,
        help_text=_("People book a time slot of their own instead of registering for the whole event."),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Raised by every change, so calendar apps replace their copy (iCalendar SEQUENCE).
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )

    title = Translated("title")
    description = Translated("description")

    class Meta(AudienceFields.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            *AudienceFields.Meta.constraints,
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""), name="event_has_place_or_link"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity_positive"
            ),
            models.CheckConstraint(
                condition=~Q(title_fi="") | ~Q(title_sv="") | ~Q(title_en=""), name="event_has_title"
            ),
        ]
        indexes = [models.Index(fields=["experiment", "starts_at"], name="event_experiment_start_idx")]

    def __str__(self) -> str:
        return str(self.title)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class CancellationReason(models.TextChoices):
    """Why a registration or booking was cancelled; the e-mail the person gets depends on it."""

    PERSON = "person", _("Cancelled by the person")
    TEAM = "team", _("Cancelled by the team")
    EVENT_CANCELLED = "event_cancelled", _("The event was cancelled")
    AUDIENCE_CHANGED = "audience_changed", _("The event is no longer open to the person")


class Registration(BaseModel):
    """A person's place at an event: confirmed while seats remain, otherwise on the waiting list in the
    order of `registered_at`. A cancelled registration is kept; registering again makes a new row."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    registered_at = models.DateTimeField(_("registered at"))
    promoted_at = models.DateTimeField(_("moved up from the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_reason = models.CharField(
        _("reason for cancelling"), max_length=20, choices=CancellationReason.choices, blank=True
    )
    # Set by the tasks that e-mail the person, so a repeated run does not send twice.
    promotion_notified_at = models.DateTimeField(null=True, blank=True)
    cancellation_notified_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_person",
            )
        ]
        indexes = [
            models.Index(fields=["event", "status", "registered_at"], name="registration_event_status_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event} ({self.get_status_display()})"


class Slot(BaseModel):
    """An individual time slot of an event, held by at most one person (see SlotBooking)."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
            models.UniqueConstraint(fields=["event", "starts_at"], name="slot_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.starts_at:%Y-%m-%d %H:%M}"


class SlotBooking(BaseModel):
    """A person's booking of one slot. A cancelled booking is kept and frees the slot."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="bookings"
    )
    slot = models.ForeignKey(
        Slot, verbose_name=_("time slot"), on_delete=models.CASCADE, related_name="bookings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="slot_bookings",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_reason = models.CharField(
        _("reason for cancelling"), max_length=20, choices=CancellationReason.choices, blank=True
    )
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    # Set by the task that tells the person their booking was cancelled with the event (sent once).
    cancellation_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"], condition=Q(cancelled_at__isnull=True), name="slot_booking_one_per_slot"
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(cancelled_at__isnull=True),
                name="slot_booking_one_per_person",
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(BaseModel):
    """A person's secret calendar address for one experiment's events. Calendar apps fetch it without
    signing in, so the token is the key; it can be regenerated (the old address stops working) or
    revoked. What it shows is decided at each fetch by the person's current rights."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token, editable=False)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "user"], name="calendar_feed_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.experiment}"
