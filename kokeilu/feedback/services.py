"""Writes of the feedback app: taking feedback in (web form and Open311 alike), handling it, and the
Open311 clients' keys. Each function checks its rules and refuses with a translated ApplicationError that
names the field, so the web form and the Open311 API give the same answer."""

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.catalogue.models import Service, ServiceLocation
from kokeilu.catalogue.selectors import FEEDBACK, user_can_edit_producer
from kokeilu.catalogue.services import cache_version_raise
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.tasks import enqueue

from .models import (
    CLOSED_STATES,
    DESCRIPTION_MAX_LENGTH,
    TRANSITIONS,
    ApiClient,
    Feedback,
    FeedbackKind,
    FeedbackState,
    IntakeChannel,
)
from .photos import clean_photo

NOTIFY_TASK = "kokeilu.feedback.tasks.feedback_answer_notify"
NOTE_MAX_LENGTH = 4000


@dataclass(frozen=True)
class Giver:
    """Who gave the feedback, as much as they chose to tell. Never shown in public."""

    email: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    device_id: str = ""
    account_id: str = ""


@dataclass(frozen=True)
class Place:
    """Where the feedback is about: one of the service's locations, coordinates or an address."""

    location: ServiceLocation | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address_string: str = ""
    address_id: str = ""
    zipcode: str = ""


def _check_text(value: str, field: str, max_length: int) -> str:
    if len(value) > max_length:
        raise ApplicationError(
            _("%(field)s can be at most %(max)s characters long (now %(length)s).")
            % {"field": field, "max": max_length, "length": len(value)},
            field=field,
        )
    return value


def _check_giver(giver: Giver) -> None:
    if giver.email:
        try:
            EmailValidator()(giver.email)
        except ValidationError as error:
            raise ApplicationError(_("The e-mail address is not valid."), field="email") from error
    for name, limit in (
        ("first_name", 100),
        ("last_name", 100),
        ("phone", 30),
        ("device_id", 100),
        ("account_id", 100),
    ):
        _check_text(getattr(giver, name), name, limit)


def _check_place(place: Place, service: Service) -> None:
    if place.location is not None and not place.location.services.filter(pk=service.pk).exists():
        raise ApplicationError(_("The service is not given at that location."), field="location")
    if (place.latitude is None) != (place.longitude is None):
        raise ApplicationError(_("Both lat and long are needed."), field="lat")
    in_range = place.latitude is None or (
        place.longitude is not None
        and Decimal("-90") <= place.latitude <= Decimal("90")
        and Decimal("-180") <= place.longitude <= Decimal("180")
    )
    if not in_range:
        raise ApplicationError(_("lat and long must be WGS84 coordinates."), field="lat")
    _check_text(place.address_string, "address_string", 250)
    _check_text(place.address_id, "address_id", 100)
    _check_text(place.zipcode, "zipcode", 10)


def _new_token() -> str:
    return secrets.token_hex(8)


@transaction.atomic
def feedback_submit(
    *,
    service: Service,
    kind: str,
    channel: str,
    description: str = "",
    satisfaction: int | None = None,
    giver: Giver | None = None,
    place: Place | None = None,
    api_client: ApiClient | None = None,
    media_url: str = "",
    photo: bytes | None = None,
    language: str = "fi",
    attributes: Mapping[str, Any] | None = None,
) -> Feedback:
    """Take feedback on a published service and route it to the service's producer. A photo is accepted
    only as JPEG or PNG and stored without its location and other metadata."""
    giver, place = giver or Giver(), place or Place()
    # The service as it is now, not as the caller last read it.
    service = Service.objects.select_related("producer__organisation").get(pk=service.pk)
    if not service.is_published:
        raise ApplicationError(_("Feedback can only be given on a published service."), field="service")
    if kind not in FeedbackKind.values:
        raise ApplicationError(_("Choose what kind of feedback it is."), field="kind")
    if channel not in IntakeChannel.values:
        raise ApplicationError(_("Unknown channel."), field="channel")
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise ApplicationError(_("Satisfaction is given from 1 to 5."), field="satisfaction")
    description = description.replace("\r\n", "\n").strip()
    _check_text(description, "description", DESCRIPTION_MAX_LENGTH)
    _check_giver(giver)
    _check_place(place, service)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError as error:
            raise ApplicationError(
                _("media_url must be an http or https address."), field="media_url"
            ) from error
        _check_text(media_url, "media_url", 1000)
    cleaned = clean_photo(photo) if photo is not None else None
    feedback = Feedback(
        service=service,
        producer=service.producer,
        token=_new_token(),
        channel=channel,
        api_client=api_client,
        kind=kind,
        satisfaction=satisfaction,
        description=description,
        attributes=dict(attributes or {}),
        requested_at=timezone.now(),
        state=FeedbackState.RECEIVED,
        location=place.location,
        latitude=place.latitude,
        longitude=place.longitude,
        address_string=place.address_string or (place.location.address_line if place.location else ""),
        address_id=place.address_id,
        zipcode=place.zipcode or (place.location.postal_code if place.location else ""),
        media_url=media_url,
        email=giver.email,
        first_name=giver.first_name,
        last_name=giver.last_name,
        phone=giver.phone,
        device_id=giver.device_id,
        account_id=giver.account_id,
        language=language if language in ("fi", "sv", "en") else "fi",
    )
    if place.location is not None and place.latitude is None:
        feedback.latitude, feedback.longitude = place.location.latitude, place.location.longitude
    stored_name = ""
    try:
        if cleaned is not None:
            feedback.photo.save(
                f"{secrets.token_hex(16)}.{cleaned.extension}", ContentFile(cleaned.content), save=False
            )
            stored_name = feedback.photo.name or ""
            feedback.photo_content_type = cleaned.content_type
        feedback.full_clean()
        feedback.save()
        # Open311 lists of requests are cached until feedback changes.
        cache_version_raise(FEEDBACK)
    except BaseException:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return feedback


def feedback_handle(
    *,
    feedback: Feedback,
    handled_by: User,
    state: str | None = None,
    public_answer: str | None = None,
    internal_note: str | None = None,
    description_hidden: bool | None = None,
) -> Feedback:
    """Move the feedback on, answer it in public, or both. Only the producer it was routed to (and the
    city's programme managers) handle it. Closing needs a public answer, so that every item visibly leads
    somewhere; the giver is e-mailed when the answer changes and they left an address."""
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().select_related("producer").get(pk=feedback.pk)
        if not user_can_edit_producer(handled_by, feedback.producer):
            raise PermissionDeniedError()
        now = timezone.now()
        answer_changed = False
        if public_answer is not None:
            public_answer = public_answer.replace("\r\n", "\n").strip()
            _check_text(public_answer, "public_answer", DESCRIPTION_MAX_LENGTH)
            if public_answer != feedback.public_answer:
                if not public_answer and feedback.state in CLOSED_STATES and state in (None, feedback.state):
                    raise ApplicationError(_("A closed item keeps its public answer."), field="public_answer")
                feedback.public_answer = public_answer
                answer_changed = bool(public_answer)
                if public_answer:
                    feedback.answered_at, feedback.answered_by = now, handled_by
                    if feedback.first_answered_at is None:
                        feedback.first_answered_at = now
                        feedback.response_seconds = max(0, int((now - feedback.requested_at).total_seconds()))
        if state is not None and state != feedback.state:
            if state not in TRANSITIONS.get(feedback.state, frozenset()):
                raise ApplicationError(
                    _("Feedback cannot move from “%(current)s” to “%(new)s”.")
                    % {
                        "current": FeedbackState(feedback.state).label,
                        "new": FeedbackState(state).label if state in FeedbackState.values else state,
                    },
                    field="state",
                )
            if state in CLOSED_STATES:
                if not feedback.public_answer:
                    raise ApplicationError(
                        _("Write a public answer before closing the feedback."), field="public_answer"
                    )
                feedback.closed_at = now
            else:
                feedback.closed_at = None
            feedback.state = state
        if internal_note is not None:
            feedback.internal_note = _check_text(internal_note.strip(), "internal_note", NOTE_MAX_LENGTH)
        if description_hidden is not None:
            feedback.description_hidden = description_hidden
        if answer_changed:
            feedback.answer_notified_at = None
        feedback.full_clean()
        feedback.save()
        cache_version_raise(FEEDBACK)
        if answer_changed and feedback.email:
            enqueue(NOTIFY_TASK, feedback_id=feedback.pk)
    return feedback


# --- Open311 clients --------------------------------------------------------------------------------


def _hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def _issue_key() -> tuple[str, str]:
    while True:
        prefix = secrets.token_hex(4)
        if not ApiClient.objects.filter(key_prefix=prefix).exists():
            return prefix, f"{prefix}.{secrets.token_urlsafe(32)}"


def api_client_create(*, name: str, contact_email: str = "") -> tuple[ApiClient, str]:
    """Register an Open311 client; returns the client and its key, which is shown once and not stored."""
    if not name.strip():
        raise ApplicationError(_("Give the client's name."), field="name")
    prefix, raw_key = _issue_key()
    client = ApiClient(
        name=name.strip(), contact_email=contact_email, key_prefix=prefix, key_hash=_hash_key(raw_key)
    )
    client.full_clean()
    client.save()
    return client, raw_key


def api_client_rotate_key(*, client: ApiClient) -> str:
    """Give the client a new key; the old one stops working at once."""
    prefix, raw_key = _issue_key()
    ApiClient.objects.filter(pk=client.pk).update(
        key_prefix=prefix, key_hash=_hash_key(raw_key), updated_at=timezone.now()
    )
    client.refresh_from_db()
    return raw_key


def api_client_authenticate(*, raw_key: str) -> ApiClient | None:
    """The active client the key belongs to, compared in constant time; None for any other key."""
    prefix = raw_key.split(".", 1)[0] if "." in raw_key else ""
    if not prefix or len(raw_key) > 200:
        return None
    client = ApiClient.objects.filter(key_prefix=prefix, is_active=True).first()
    if client is None or not secrets.compare_digest(client.key_hash, _hash_key(raw_key)):
        return None
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    return client
