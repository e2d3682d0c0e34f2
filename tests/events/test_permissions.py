"""Who may open and do what in the events app, over WORKSPACE_PERSONAS x every page and API endpoint.

The experiment is not public. `workshop` is for everyone in the experiment; `group_event` is for the
testers group only; `slot_event` offers time slots. A denied request changes nothing and sends no mail.
The cases run in order for each persona, so the team's removals come before the cancelling of events and
a slot is deleted before anybody could book it.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kokeilu.events import services
from kokeilu.events.models import CalendarFeed, Event, Registration, Slot, SlotBooking
from tests.conftest import WORKSPACE_PERSONAS

pytestmark = pytest.mark.django_db

OUTSIDERS = {"anonymous", "applicant", "other_city_manager"}
TEAM = {"partner_member", "team_member", "experiment_lead", "programme_manager", "site_admin"}
MANAGERS = {"experiment_lead", "programme_manager", "site_admin"}
IN_GROUP = {"tester"} | MANAGERS


def _state():
    return (
        list(Event.objects.order_by("pk").values_list("title_fi", "is_cancelled", "capacity", "revision")),
        list(Registration.objects.order_by("pk").values_list("user_id", "status")),
        Slot.objects.count(),
        list(SlotBooking.objects.order_by("pk").values_list("user_id", "cancelled_at")),
        list(CalendarFeed.objects.order_by("pk").values_list("user_id", "token")),
    )


@pytest.fixture
def world(
    experiment,
    workshop,
    group_event,
    slot_event,
    programme_manager,
    team_member,
    tester,
    other_tester,
    partner_member,
    experiment_lead,
):
    """Everyone exists; the tester holds a registration and a booking the team may cancel."""
    registration = services.registration_create(event=workshop, user=tester)
    booking = services.slot_book(slot=slot_event.slots.order_by("starts_at").last(), user=tester)
    return {
        "slug": experiment.slug,
        "workshop": workshop,
        "group_event": group_event,
        "slot_event": slot_event,
        "registration": registration,
        "booking": booking,
        "free_slot": slot_event.slots.order_by("starts_at").first(),
        "spare_slot": slot_event.slots.order_by("starts_at")[1],  # free, for deleting
    }


def _html_cases(w):
    slug, ws, ge, se = w["slug"], w["workshop"].pk, w["group_event"].pk, w["slot_event"].pk
    start = (w["workshop"].starts_at + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    end = (w["workshop"].starts_at + datetime.timedelta(days=1, hours=1)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "kind": "workshop",
        "title_fi": "Uusi",
        "starts_at": start,
        "ends_at": end,
        "place": "Paikka",
        "audience": "experiment",
        "registration_open": "on",
    }
    later = w["slot_event"].starts_at + datetime.timedelta(hours=1)
    slots = {
        "first_starts_at": timezone.localtime(later).strftime("%Y-%m-%dT%H:%M"),
        "length_minutes": 20,
        "count": 2,
    }

    def url(name, **kwargs):
        return reverse(f"events:{name}", kwargs={"slug": slug, **kwargs})

    # (key, method, url, data, who may: "view" | "team" | "group" | "group_team" | "public")
    return [
        ("list", "get", url("list"), None, "view"),
        ("detail", "get", url("detail", pk=ws), None, "view"),
        ("detail_group", "get", url("detail", pk=ge), None, "group"),
        ("ics", "get", url("ics", pk=ws), None, "view"),
        ("ics_group", "get", url("ics", pk=ge), None, "group"),
        ("create_page", "get", url("create"), None, "team"),
        ("edit_page", "get", url("edit", pk=ws), None, "team"),
        ("participants", "get", url("participants", pk=ws), None, "team"),
        ("participants_csv", "get", url("participants_csv", pk=ws), None, "team"),
        ("participants_group", "get", url("participants", pk=ge), None, "group_team"),
        ("create", "post", url("create"), form, "team"),
        ("edit", "post", url("edit", pk=ws), {**form, "title_fi": "Muutettu"}, "team"),
        ("register", "post", url("register", pk=ws), {}, "view"),
        ("register_group", "post", url("register", pk=ge), {}, "group"),
        ("slots_generate", "post", url("slots_generate", pk=se), slots, "team"),
        ("slot_delete", "post", url("slot_delete", pk=se, slot_id=w["spare_slot"].pk), {}, "team"),
        (
            "booking_remove",
            "post",
            url("booking_remove", pk=se, booking_id=w["booking"].pk),
            {"next": "participants"},
            "team",
        ),
        ("slot_book", "post", url("slot_book", pk=se, slot_id=w["free_slot"].pk), {}, "view"),
        (
            "remove",
            "post",
            url("registration_remove", pk=ws, registration_id=w["registration"].pk),
            {},
            "team",
        ),
        ("feed", "post", url("feed_manage"), {}, "view"),
        ("cancel", "post", url("cancel", pk=ws), {}, "team"),
        ("cancel_group", "post", url("cancel", pk=ge), {}, "group_team"),
    ]


def _expected_html(persona, who, method):
    if persona == "anonymous" and method == "post":
        return 302  # to the sign-in page (or 404 where the experiment is hidden; never a change)
    if persona in OUTSIDERS:
        return 404 if method == "get" or persona != "anonymous" else 302
    if who in ("team", "group_team") and persona not in TEAM:
        return 403  # the workspace level is checked before the event is looked up
    if who in ("group", "group_team") and persona not in IN_GROUP:
        return 404
    return 302 if method == "post" else 200


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_html_permission_matrix(
    persona, world, workspace_persona, client_for, django_capture_on_commit_callbacks
):
    user = workspace_persona(persona)
    for key, method, url, data, who in _html_cases(world):
        client = client_for(user)
        expected = _expected_html(persona, who, method)
        before = _state()
        mail.outbox = []
        with django_capture_on_commit_callbacks(execute=True):
            response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        if persona == "anonymous" and method == "get" and expected == 404 and response.status_code == 302:
            expected = 302  # login_required pages send anonymous visitors to sign in
        assert response.status_code == expected, (persona, key, response.status_code)
        if method == "post" and (expected != 302 or persona == "anonymous"):
            assert _state() == before, (persona, key)
            assert mail.outbox == [], (persona, key)


def _api_cases(w):
    slug, ws, ge, se = w["slug"], w["workshop"].pk, w["group_event"].pk, w["slot_event"].pk
    base = f"/api/v1/experiments/{slug}/events/"
    start = w["workshop"].starts_at + datetime.timedelta(days=1)
    body = {
        "title_fi": "Uusi",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
        "place": "Paikka",
    }
    later = w["slot_event"].starts_at + datetime.timedelta(hours=1)
    slots = {"first_starts_at": later.isoformat(), "length_minutes": 20, "count": 2}
    return [
        ("list", "get", base, None, "view", 200),
        ("detail", "get", f"{base}{ws}/", None, "view", 200),
        ("detail_group", "get", f"{base}{ge}/", None, "group", 200),
        ("slots", "get", f"{base}{se}/slots/", None, "view", 200),
        ("participants", "get", f"{base}{ws}/participants/", None, "team", 200),
        ("participants_group", "get", f"{base}{ge}/participants/", None, "group_team", 200),
        ("create", "post", base, body, "team", 201),
        ("update", "patch", f"{base}{ws}/", {"title_fi": "Muutettu"}, "team", 200),
        ("slots_generate", "post", f"{base}{se}/slots/", slots, "team", 201),
        # A booked slot is refused (400, nothing changes) until the team cancels the booking.
        ("slot_delete_booked", "delete", f"{base}{se}/slots/{w['booking'].slot_id}/", {}, "team", 400),
        ("slot_delete", "delete", f"{base}{se}/slots/{w['spare_slot'].pk}/", {}, "team", 204),
        ("participants_slots", "get", f"{base}{se}/participants/", None, "team", 200),
        (
            "booking_cancel_by_team",
            "post",
            f"{base}{se}/participants/bookings/{w['booking'].pk}/cancel/",
            {},
            "team",
            200,
        ),
        (
            "registration_cancel_by_team",
            "post",
            f"{base}{ws}/participants/registrations/{w['registration'].pk}/cancel/",
            {},
            "team",
            200,
        ),
        ("register", "post", f"{base}{ws}/register/", {}, "view", None),
        ("register_group", "post", f"{base}{ge}/register/", {}, "group", None),
        ("slot_book", "post", f"{base}{se}/slots/{w['free_slot'].pk}/book/", {}, "view", None),
        ("cancel", "post", f"{base}{ws}/cancel/", {}, "team", 200),
        ("cancel_group", "post", f"{base}{ge}/cancel/", {}, "group_team", 200),
    ]


def _expected_api(persona, who, success):
    if persona == "anonymous":
        return 403
    if persona in OUTSIDERS:
        return 404
    if who in ("team", "group_team") and persona not in TEAM:
        return 403
    if who in ("group", "group_team") and persona not in IN_GROUP:
        return 404
    return success


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_api_permission_matrix(persona, world, workspace_persona, django_capture_on_commit_callbacks):
    user = workspace_persona(persona)
    for key, method, url, data, who, success in _api_cases(world):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        before = _state()
        mail.outbox = []
        with django_capture_on_commit_callbacks(execute=True):
            response = (
                getattr(client, method)(url, data, format="json") if data is not None else client.get(url)
            )
        expected = _expected_api(persona, who, success)
        if expected is None:
            # Registering and booking: the tester already holds a registration (200) and a booking (400).
            assert response.status_code in (200, 201, 400), (persona, key, response.status_code)
            continue
        assert response.status_code == expected, (persona, key, response.status_code, response.content[:200])
        if expected >= 400 and method != "get":
            assert _state() == before, (persona, key)
            assert mail.outbox == [], (persona, key)


@pytest.mark.parametrize("persona", ["anonymous", "applicant", "other_tester"])
def test_group_events_are_invisible_to_non_members_everywhere(
    persona, world, workspace_persona, client_for, experiment
):
    user = workspace_persona(persona)
    client = client_for(user)
    list_page = client.get(reverse("events:list", kwargs={"slug": experiment.slug}))
    assert "Ryhmän testi" not in list_page.content.decode()
    if user is not None:
        api = APIClient()
        api.force_authenticate(user)
        response = api.get(f"/api/v1/experiments/{experiment.slug}/events/")
        assert "Ryhmän testi" not in response.content.decode()
        if persona == "other_tester":
            feed = services.calendar_feed_get_or_create(experiment=experiment, user=user)
            body = (
                client_for(None)
                .get(reverse("events:feed", kwargs={"slug": experiment.slug, "token": feed.token}))
                .content.decode()
            )
            assert "Työpaja" in body and "Ryhm" not in body
