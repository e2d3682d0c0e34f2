"""The events API under /api/v1/experiments/<slug>/, through the same services and selectors as the pages.

An experiment the person may not see, or an event outside what they may see, answers 404; a member who
lacks the team's rights gets 403; a rule of the service answers 400 (under the field, or `detail` with a
`code`, e.g. `event_cancelled`, `registration_closed`, `book_a_slot`, `slot_taken`, `already_booked`,
`slot_booked`, `audience_excludes_participants`).
"""

from typing import Any, cast

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.experiments.api.groups import group_from_id
from kokeilu.experiments.models import Audience, Experiment
from kokeilu.experiments.selectors import ExperimentAccess, audience_filter
from kokeilu.experiments.workspace import Level, workspace_or_404

from .. import services
from ..models import Event, Registration, RegistrationStatus, Slot, SlotBooking
from ..selectors import (
    booking_active,
    event_get_visible,
    event_list_visible,
    registration_active,
    roster,
    seats_left,
    slot_list,
    waitlist_position,
)

_NOT_FOUND = OpenApiResponse(description="No such experiment or event, or not one you may see.")
_FORBIDDEN = OpenApiResponse(description="Only the experiment's team can do this.")
_REFUSED = OpenApiResponse(
    description="Refused by the rules; the error is under the field it concerns, or under `detail` "
    "with a `code`."
)


def _user(request: Request) -> User:
    return cast(User, request.user)


def _workspace(request: Request, slug: str, level: Level = "public") -> tuple[Experiment, ExperimentAccess]:
    return workspace_or_404(user=request.user, slug=slug, level=level)


def _event(
    request: Request, slug: str, event_id: int, level: Level = "public"
) -> tuple[Event, ExperimentAccess]:
    experiment, access = _workspace(request, slug, level)
    event = event_get_visible(experiment=experiment, access=access, user=request.user, pk=event_id)
    if event is None:
        raise Http404
    event.experiment = experiment
    event.seats_left = seats_left(event)  # type: ignore[attr-defined]
    return event, access


# --- Serializers ------------------------------------------------------------------------------------------


class EventInput(serializers.Serializer):
    """An event; on PATCH every field is optional. Times are ISO 8601 with an offset."""

    kind = serializers.CharField(required=False, help_text="workshop, test_session or info_session.")
    title_fi = serializers.CharField(required=False, allow_blank=True, max_length=200)
    title_sv = serializers.CharField(required=False, allow_blank=True, max_length=200)
    title_en = serializers.CharField(required=False, allow_blank=True, max_length=200)
    description_fi = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    description_sv = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    description_en = serializers.CharField(required=False, allow_blank=True, max_length=8000)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(required=False, allow_blank=True, max_length=300)
    online_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    capacity = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="Empty: no limit."
    )
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    group = serializers.IntegerField(required=False, allow_null=True, help_text="Id of a participant group.")
    registration_open = serializers.BooleanField(required=False)


class EventUpdateInput(EventInput):
    cancel_excluded_participants = serializers.BooleanField(
        required=False,
        default=False,
        help_text="When the new audience leaves out people who registered or booked a time: true cancels "
        "their places and e-mails them; otherwise the change is refused (code "
        "`audience_excludes_participants`).",
    )


class EventOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()
    description = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField()
    online_url = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)
    audience = serializers.CharField()
    group = serializers.IntegerField(source="group_id", allow_null=True)
    registration_open = serializers.BooleanField()
    offers_slots = serializers.BooleanField()
    is_cancelled = serializers.BooleanField()
    confirmed_count = serializers.IntegerField()
    waitlisted_count = serializers.IntegerField()
    seats_left = serializers.IntegerField(allow_null=True, help_text="Null when the event has no limit.")
    free_slot_count = serializers.IntegerField(allow_null=True)
    my_status = serializers.CharField(allow_null=True, help_text="confirmed, waitlisted or null.")
    my_slot = serializers.IntegerField(source="my_slot_id", allow_null=True)


class RegistrationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    event = serializers.IntegerField(source="event_id")
    status = serializers.CharField(help_text="confirmed, waitlisted or cancelled.")
    registered_at = serializers.DateTimeField()
    waitlist_position = serializers.SerializerMethodField()

    def get_waitlist_position(self, registration: Registration) -> int | None:
        """1 for the first on the waiting list; null unless waitlisted."""
        return waitlist_position(registration)


class SlotOutput(serializers.Serializer):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    is_free = serializers.SerializerMethodField()
    is_mine = serializers.SerializerMethodField()

    def get_is_free(self, slot: Slot) -> bool:
        return slot.booking is None  # type: ignore[attr-defined]

    def get_is_mine(self, slot: Slot) -> bool:
        booking = slot.booking  # type: ignore[attr-defined]
        return booking is not None and booking.user_id == self.context["user_id"]


class SlotsGenerateInput(serializers.Serializer):
    first_starts_at = serializers.DateTimeField()
    length_minutes = serializers.IntegerField(min_value=1)
    count = serializers.IntegerField(min_value=1)


class BookingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    slot = serializers.IntegerField(source="slot_id")
    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    cancelled_at = serializers.DateTimeField(allow_null=True)


class ParticipantOutput(serializers.Serializer):
    registration = serializers.IntegerField(source="id")
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.__str__")
    email = serializers.EmailField(source="user.email")
    status = serializers.CharField()
    registered_at = serializers.DateTimeField()
    promoted_at = serializers.DateTimeField(allow_null=True)


class BookedSlotOutput(serializers.Serializer):
    booking = serializers.IntegerField(source="booking.pk", help_text="Id of the booking (to cancel it).")
    slot = serializers.IntegerField(source="pk")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    user = serializers.IntegerField(source="booking.user_id")
    name = serializers.CharField(source="booking.user.__str__")
    email = serializers.EmailField(source="booking.user.email")


class ParticipantsOutput(serializers.Serializer):
    confirmed = ParticipantOutput(many=True)
    waitlisted = ParticipantOutput(many=True)
    bookings = BookedSlotOutput(many=True)


def _event_fields(experiment: Experiment, data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    if "group" in fields:
        group_id = fields.pop("group")
        fields["group"] = group_from_id(experiment, group_id or None)
    return fields


def _event_response(request: Request, slug: str, event_id: int, code: int = status.HTTP_200_OK) -> Response:
    event, _access = _event(request, slug, event_id)
    return Response(EventOutput(event).data, status=code)


# --- Events -----------------------------------------------------------------------------------------------


class EventListCreateApi(APIView):
    @extend_schema(responses={200: EventOutput(many=True), 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The experiment's events you may see, soonest first, with seats and your own state."""
        experiment, access = _workspace(request, slug)
        events = list(event_list_visible(experiment=experiment, access=access, user=request.user))
        for event in events:
            event.seats_left = seats_left(event)  # type: ignore[attr-defined]
        return Response(EventOutput(events, many=True).data)

    @extend_schema(
        request=EventInput, responses={201: EventOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def post(self, request: Request, slug: str) -> Response:
        """Create an event (the team)."""
        experiment, _access = _workspace(request, slug, "team")
        data = EventInput(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_create(
            experiment=experiment, created_by=_user(request), **_event_fields(experiment, data.validated_data)
        )
        # The creator may be a team member outside the event's group, who cannot see it afterwards: the
        # answer describes what they have just written, without anyone's registrations.
        event.confirmed_count = event.waitlisted_count = 0  # type: ignore[attr-defined]
        event.free_slot_count = event.my_status = event.my_slot_id = None  # type: ignore[attr-defined]
        event.seats_left = seats_left(event)  # type: ignore[attr-defined]
        return Response(EventOutput(event).data, status=status.HTTP_201_CREATED)


class EventDetailApi(APIView):
    @extend_schema(responses={200: EventOutput, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, event_id: int) -> Response:
        """One event you may see."""
        return _event_response(request, slug, event_id)

    @extend_schema(
        request=EventUpdateInput,
        responses={200: EventOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, event_id: int) -> Response:
        """Change the given fields (the team). A larger capacity moves people up from the waiting list. An
        audience that leaves out people who registered or booked is refused unless
        `cancel_excluded_participants` is true."""
        event, _access = _event(request, slug, event_id, "team")
        data = EventUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        confirmed = fields.pop("cancel_excluded_participants", False)
        services.event_update(
            event=event,
            updated_by=_user(request),
            cancel_excluded_participants=confirmed,
            **_event_fields(event.experiment, fields),
        )
        return _event_response(request, slug, event_id)


class EventCancelApi(APIView):
    @extend_schema(request=None, responses={200: EventOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def post(self, request: Request, slug: str, event_id: int) -> Response:
        """Cancel the event (the team): registration closes, every registration and booking is cancelled
        and those people are e-mailed once."""
        event, _access = _event(request, slug, event_id, "team")
        services.event_cancel(event=event, cancelled_by=_user(request))
        return _event_response(request, slug, event_id)


class EventRegisterApi(APIView):
    @extend_schema(
        request=None,
        responses={
            201: RegistrationOutput,
            200: RegistrationOutput,
            400: _REFUSED,
            403: _FORBIDDEN,
            404: _NOT_FOUND,
        },
    )
    def post(self, request: Request, slug: str, event_id: int) -> Response:
        """Register for the event: `confirmed` while seats remain, otherwise `waitlisted`. Registering again
        returns the existing registration with 200."""
        # The hot path of a rush: the plain visible event (no counts); the service locks and counts.
        experiment, access = _workspace(request, slug)
        event = (
            Event.objects.filter(experiment=experiment, pk=event_id).filter(audience_filter(access)).first()
        )
        if event is None:
            raise Http404
        event.experiment = experiment
        asked_at = timezone.now()
        registration = services.registration_create(event=event, user=_user(request))
        code = status.HTTP_201_CREATED if registration.registered_at >= asked_at else status.HTTP_200_OK
        return Response(RegistrationOutput(registration).data, status=code)


class EventRegistrationCancelApi(APIView):
    @extend_schema(request=None, responses={200: RegistrationOutput, 404: _NOT_FOUND})
    def post(self, request: Request, slug: str, event_id: int) -> Response:
        """Cancel your registration; the first person on the waiting list moves up and is e-mailed."""
        event, _access = _event(request, slug, event_id)
        registration = registration_active(event=event, user=request.user)
        if registration is None:
            raise Http404
        registration.event = event
        cancelled = services.registration_cancel(registration=registration, cancelled_by=_user(request))
        return Response(RegistrationOutput(cancelled).data)


class EventSlotListGenerateApi(APIView):
    @extend_schema(responses={200: SlotOutput(many=True), 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, event_id: int) -> Response:
        """The event's time slots, free or booked (who booked is not shown)."""
        event, _access = _event(request, slug, event_id)
        return Response(
            SlotOutput(slot_list(event=event), many=True, context={"user_id": request.user.pk}).data
        )

    @extend_schema(
        request=SlotsGenerateInput,
        responses={201: SlotOutput(many=True), 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, event_id: int) -> Response:
        """Add back-to-back slots within the event's time (the team); returns all the event's slots."""
        event, _access = _event(request, slug, event_id, "team")
        data = SlotsGenerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.slots_generate(event=event, created_by=_user(request), **data.validated_data)
        return Response(
            SlotOutput(slot_list(event=event), many=True, context={"user_id": request.user.pk}).data,
            status=status.HTTP_201_CREATED,
        )


class EventSlotDeleteApi(APIView):
    @extend_schema(
        request=None,
        responses={204: None, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def delete(self, request: Request, slug: str, event_id: int, slot_id: int) -> Response:
        """Delete a free time slot (the team). A booked slot is refused with code `slot_booked`: cancel the
        booking first."""
        event, _access = _event(request, slug, event_id, "team")
        slot = Slot.objects.filter(event=event, pk=slot_id).first()
        if slot is None:
            raise Http404
        slot.event = event
        services.slot_delete(slot=slot, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class EventSlotBookApi(APIView):
    @extend_schema(
        request=None, responses={201: BookingOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def post(self, request: Request, slug: str, event_id: int, slot_id: int) -> Response:
        """Book the slot: one per person and event, one person per slot."""
        event, _access = _event(request, slug, event_id)
        slot = Slot.objects.filter(event=event, pk=slot_id).first()
        if slot is None:
            raise Http404
        slot.event = event
        booking = services.slot_book(slot=slot, user=_user(request))
        return Response(BookingOutput(booking).data, status=status.HTTP_201_CREATED)


class EventBookingCancelApi(APIView):
    @extend_schema(request=None, responses={200: BookingOutput, 404: _NOT_FOUND})
    def post(self, request: Request, slug: str, event_id: int) -> Response:
        """Cancel your booking; the slot is free again."""
        event, _access = _event(request, slug, event_id)
        booking = booking_active(event=event, user=request.user)
        if booking is None:
            raise Http404
        booking.event = event
        cancelled = services.booking_cancel(booking=booking, cancelled_by=_user(request))
        return Response(BookingOutput(cancelled).data)


class EventParticipantRegistrationCancelApi(APIView):
    @extend_schema(request=None, responses={200: RegistrationOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def post(self, request: Request, slug: str, event_id: int, registration_id: int) -> Response:
        """Cancel somebody's registration (the team); they are e-mailed, and the first person on the
        waiting list moves up. Cancelling a cancelled registration returns it unchanged."""
        event, _access = _event(request, slug, event_id, "team")
        registration = Registration.objects.filter(event=event, pk=registration_id).first()
        if registration is None:
            raise Http404
        registration.event = event
        cancelled = services.registration_cancel(registration=registration, cancelled_by=_user(request))
        return Response(RegistrationOutput(cancelled).data)


class EventParticipantBookingCancelApi(APIView):
    @extend_schema(request=None, responses={200: BookingOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def post(self, request: Request, slug: str, event_id: int, booking_id: int) -> Response:
        """Cancel somebody's slot booking (the team); they are e-mailed and the slot is free again."""
        event, _access = _event(request, slug, event_id, "team")
        booking = SlotBooking.objects.filter(event=event, pk=booking_id).select_related("slot").first()
        if booking is None:
            raise Http404
        booking.event = event
        cancelled = services.booking_cancel(booking=booking, cancelled_by=_user(request))
        return Response(BookingOutput(cancelled).data)


class EventParticipantsApi(APIView):
    @extend_schema(responses={200: ParticipantsOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, event_id: int) -> Response:
        """The roster (the team): confirmed, the waiting list in order, and booked slots."""
        event, _access = _event(request, slug, event_id, "team")
        registrations = list(roster(event=event))
        bookings = [slot for slot in slot_list(event=event) if slot.booking]  # type: ignore[attr-defined]
        data = {
            "confirmed": [r for r in registrations if r.status == RegistrationStatus.CONFIRMED],
            "waitlisted": [r for r in registrations if r.status == RegistrationStatus.WAITLISTED],
            "bookings": bookings,
        }
        return Response(ParticipantsOutput(data).data)
