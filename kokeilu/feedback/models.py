"""Feedback on the catalogue's services, taken through an accessible web form and the Open311 GeoReport v2
API, routed to the producer of the service, handled through explicit states and answered in public."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.catalogue.models import Producer, Service, ServiceLocation
from kokeilu.core.models import BaseModel

DESCRIPTION_MAX_LENGTH = 4000


class FeedbackKind(models.TextChoices):
    PRAISE = "praise", _("Praise")
    COMPLAINT = "complaint", _("Complaint")
    IDEA = "idea", _("Idea for improvement")
    QUESTION = "question", _("Question")


class FeedbackState(models.TextChoices):
    """Internal states; Open311 sees `open` for the first three and `closed` for the last two."""

    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("Being handled")
    WAITING = "waiting", _("Waiting for others")
    RESOLVED = "resolved", _("Answered and closed")
    DISMISSED = "dismissed", _("Closed without action")


OPEN_STATES = frozenset({FeedbackState.RECEIVED, FeedbackState.IN_PROGRESS, FeedbackState.WAITING})
CLOSED_STATES = frozenset({FeedbackState.RESOLVED, FeedbackState.DISMISSED})
# Every allowed change of state, in one place.
TRANSITIONS: dict[str, frozenset[str]] = {
    FeedbackState.RECEIVED: frozenset(
        {FeedbackState.IN_PROGRESS, FeedbackState.WAITING, FeedbackState.RESOLVED, FeedbackState.DISMISSED}
    ),
    FeedbackState.IN_PROGRESS: frozenset(
        {FeedbackState.WAITING, FeedbackState.RESOLVED, FeedbackState.DISMISSED}
    ),
    FeedbackState.WAITING: frozenset(
        {FeedbackState.IN_PROGRESS, FeedbackState.RESOLVED, FeedbackState.DISMISSED}
    ),
    FeedbackState.RESOLVED: frozenset({FeedbackState.IN_PROGRESS}),
    FeedbackState.DISMISSED: frozenset({FeedbackState.IN_PROGRESS}),
}


class IntakeChannel(models.TextChoices):
    WEB = "web", _("Web form")
    OPEN311 = "open311", _("Open311 API")


class ApiClient(BaseModel):
    """An application that sends feedback through Open311. Its key is shown once and stored as a hash."""

    name = models.CharField(_("name"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    key_prefix = models.CharField(_("key prefix"), max_length=8, unique=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def photo_path(instance: "Feedback", filename: str) -> str:
    return f"feedback/{filename}"


class Feedback(BaseModel):
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="feedback"
    )
    # The producer the feedback was routed to when it arrived; kept even if the service later moves.
    producer = models.ForeignKey(
        Producer, verbose_name=_("routed to"), on_delete=models.PROTECT, related_name="feedback"
    )
    token = models.CharField(_("token"), max_length=32, unique=True, editable=False)
    channel = models.CharField(_("received through"), max_length=10, choices=IntakeChannel.choices)
    api_client = models.ForeignKey(
        ApiClient,
        verbose_name=_("Open311 client"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FeedbackKind.choices)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    description = models.TextField(_("feedback"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    description_hidden = models.BooleanField(
        _("text hidden from the public"),
        default=False,
        help_text=_("For text with personal data or inappropriate content; the answer stays public."),
    )
    attributes = models.JSONField(_("Open311 attributes"), default=dict, blank=True)
    requested_at = models.DateTimeField(_("received at"), db_index=True)
    state = models.CharField(
        _("state"), max_length=12, choices=FeedbackState.choices, default=FeedbackState.RECEIVED
    )
    # Where: a location of the service, or what the Open311 client sent.
    location = models.ForeignKey(
        ServiceLocation,
        verbose_name=_("location"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address_string = models.CharField(_("address"), max_length=250, blank=True)
    address_id = models.CharField(_("address identifier"), max_length=100, blank=True)
    zipcode = models.CharField(_("postal code"), max_length=10, blank=True)
    media_url = models.URLField(_("media URL"), max_length=1000, blank=True)
    photo = models.FileField(_("photo"), upload_to=photo_path, blank=True, max_length=200)
    photo_content_type = models.CharField(_("photo type"), max_length=20, blank=True)
    # Who (never shown in public): kept for answering, as the giver chose.
    email = models.EmailField(_("e-mail"), blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    device_id = models.CharField(_("device identifier"), max_length=100, blank=True)
    account_id = models.CharField(_("account identifier"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=2, default="fi")
    # Handling
    public_answer = models.TextField(_("public answer"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    # Seconds from receiving to the first public answer: what the response-time metric averages.
    response_seconds = models.PositiveIntegerField(_("response time (s)"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    answer_notified_at = models.DateTimeField(_("giver notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="feedback_satisfaction_range",
            ),
            models.CheckConstraint(condition=Q(state__in=FeedbackState.values), name="feedback_state_valid"),
            models.CheckConstraint(
                condition=Q(state__in=sorted(state.value for state in OPEN_STATES))
                | Q(closed_at__isnull=False),
                name="feedback_closed_has_time",
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
                name="feedback_coordinates_both_or_none",
            ),
        ]
        indexes = [
            models.Index(fields=["service", "requested_at"], name="feedback_service_time_idx"),
            models.Index(fields=["producer", "state"], name="feedback_producer_state_idx"),
            models.Index(fields=["producer", "requested_at"], name="feedback_producer_time_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.service}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def open311_status(self) -> str:
        return "open" if self.is_open else "closed"

    @property
    def public_description(self) -> str:
        return "" if self.description_hidden else self.description
