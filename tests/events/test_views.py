import csv
import io

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from kokeilu.events import services
from kokeilu.events.models import CalendarFeed, Event, Registration, SlotBooking
from kokeilu.experiments.models import Experiment
from tests.factories import ExperimentMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(name, experiment, **kwargs):
    return reverse(f"events:{name}", kwargs={"slug": experiment.slug, **kwargs})


def test_list_shows_seats_and_own_state_in_few_queries(
    experiment,
    workshop,
    group_event,
    make_event,
    tester,
    other_tester,
    client_for,
    django_assert_max_num_queries,
):
    for number in range(10):
        make_event(title_fi=f"Tapahtuma {number}", capacity=5)
    services.registration_create(event=workshop, user=other_tester)
    services.registration_create(event=workshop, user=tester)
    client = client_for(tester)
    client.get(_url("list", experiment))
    with django_assert_max_num_queries(12):
        page = client.get(_url("list", experiment))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Tapahtuma 9" in body and "Ryhmän testi" in body
    assert "Olet ilmoittautunut" in body or "You are registered" in body
    assert "Täynnä" in body or "Full" in body


def test_register_page_registers_and_waitlists(experiment, workshop, tester, other_tester, client_for):
    other = UserFactory(username="third", email="third@example.test")
    ExperimentMemberFactory(experiment=experiment, user=other, role="tester")
    for user in (tester, other_tester, other):
        response = client_for(user).post(_url("register", experiment, pk=workshop.pk))
        assert response.status_code == 302
    assert dict(Registration.objects.values_list("user__username", "status")) == {
        "tester": "confirmed",
        "other_tester": "confirmed",
        "third": "waitlisted",
    }
    page = client_for(other).get(_url("detail", experiment, pk=workshop.pk)).content.decode()
    assert "1" in page and "unregister" in page


def test_unregister_moves_the_next_person_up(
    experiment, workshop, tester, other_tester, client_for, django_capture_on_commit_callbacks
):
    other = UserFactory(username="third", email="third@example.test")
    ExperimentMemberFactory(experiment=experiment, user=other, role="tester")
    for user in (tester, other_tester, other):
        services.registration_create(event=workshop, user=user)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        client_for(tester).post(_url("unregister", experiment, pk=workshop.pk))
    assert Registration.objects.get(user=other).status == "confirmed"
    assert [message.to for message in mail.outbox] == [["third@example.test"]]


def test_team_creates_an_event_through_the_form(experiment, team_member, testers_group, client_for):
    data = {
        "kind": "workshop",
        "title_fi": "Työpaja",
        "starts_at": "2031-05-04T13:00",
        "ends_at": "2031-05-04T15:00",
        "place": "",
        "online_url": "",
        "audience": "group",
        "group": testers_group.pk,
        "capacity": "10",
        "registration_open": "on",
    }
    response = client_for(team_member).post(_url("create", experiment), data)
    assert response.status_code == 400
    assert "Työpaja" in response.content.decode()  # what was typed is kept
    assert not Event.objects.exists()
    response = client_for(team_member).post(_url("create", experiment), {**data, "place": "Iso Omena"})
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.group == testers_group and event.capacity == 10
    # Helsinki time (UTC+3 in May).
    assert event.starts_at.isoformat() == "2031-05-04T10:00:00+00:00"


def test_participants_page_and_csv(experiment, workshop, tester, other_tester, programme_manager, client_for):
    for user in (tester, other_tester):
        services.registration_create(event=workshop, user=user)
    services.event_update(event=workshop, updated_by=programme_manager, capacity=2)
    page = client_for(programme_manager).get(_url("participants", experiment, pk=workshop.pk))
    assert page.status_code == 200
    assert "Testaaja" in page.content.decode()
    response = client_for(programme_manager).get(_url("participants_csv", experiment, pk=workshop.pk))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 3
    assert {row[1] for row in rows[1:]} == {tester.email, other_tester.email}


def test_slot_booking_through_the_page(experiment, slot_event, tester, other_tester, client_for):
    first = slot_event.slots.order_by("starts_at").first()
    client_for(tester).post(_url("slot_book", experiment, pk=slot_event.pk, slot_id=first.pk))
    response = client_for(other_tester).post(
        _url("slot_book", experiment, pk=slot_event.pk, slot_id=first.pk)
    )
    assert response.status_code == 302
    assert list(SlotBooking.objects.values_list("user__username", flat=True)) == ["tester"]
    page = client_for(other_tester).get(_url("detail", experiment, pk=slot_event.pk)).content.decode()
    assert "Testi Testaaja" not in page  # testers do not see who booked
    client_for(tester).post(_url("booking_cancel", experiment, pk=slot_event.pk))
    assert SlotBooking.objects.get().cancelled_at is not None


def test_team_adds_slots_and_sees_errors(experiment, workshop, programme_manager, client_for):
    response = client_for(programme_manager).post(
        _url("slots_generate", experiment, pk=workshop.pk),
        {"first_starts_at": "2001-01-01T10:00", "length_minutes": 20, "count": 3},
    )
    assert response.status_code == 400
    assert not workshop.slots.exists()


def test_calendar_feed_needs_no_login_and_can_be_regenerated_and_revoked(
    experiment, workshop, group_event, tester, client_for
):
    client = client_for(tester)
    client.post(_url("feed_manage", experiment))
    feed = CalendarFeed.objects.get(user=tester)
    url = _url("feed", experiment, token=feed.token)
    assert url in client.get(_url("list", experiment)).content.decode()
    response = client_for(None).get(url)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")} == {"Työpaja", "Ryhmän testi"}
    client.post(_url("feed_manage", experiment), {"action": "regenerate"})
    assert client_for(None).get(url).status_code == 404
    new = CalendarFeed.objects.get(user=tester)
    assert client_for(None).get(_url("feed", experiment, token=new.token)).status_code == 200
    client.post(_url("feed_manage", experiment), {"action": "revoke"})
    assert client_for(None).get(_url("feed", experiment, token=new.token)).status_code == 404


def test_feed_follows_the_persons_current_rights(experiment, group_event, tester, testers_group, client_for):
    feed = services.calendar_feed_get_or_create(experiment=experiment, user=tester)
    url = _url("feed", experiment, token=feed.token)
    assert "Ryhm" in client_for(None).get(url).content.decode()
    testers_group.members.clear()
    assert "Ryhm" not in client_for(None).get(url).content.decode()


def test_public_experiment_shows_public_events_to_everyone_and_lets_signed_in_people_register(
    experiment, workshop, public_event, applicant, client_for
):
    Experiment.objects.filter(pk=experiment.pk).update(is_public=True)
    page = client_for(None).get(_url("list", experiment)).content.decode()
    assert "Infotilaisuus" in page and _url("detail", experiment, pk=workshop.pk) not in page
    assert client_for(None).get(_url("detail", experiment, pk=workshop.pk)).status_code == 404
    anonymous = client_for(None).post(_url("register", experiment, pk=public_event.pk))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    client_for(applicant).post(_url("register", experiment, pk=public_event.pk))
    assert Registration.objects.get().user == applicant
    assert client_for(applicant).post(_url("register", experiment, pk=workshop.pk)).status_code == 404


def test_overview_section_lists_next_events_with_state(
    experiment, workshop, group_event, tester, other_tester, client_for
):
    services.registration_create(event=workshop, user=tester)
    page = client_for(tester).get(reverse("experiments:detail", kwargs={"slug": experiment.slug}))
    body = page.content.decode()
    assert "events-overview-heading" in body and "Ryhmän testi" in body
    other = client_for(other_tester).get(reverse("experiments:detail", kwargs={"slug": experiment.slug}))
    assert "Ryhmän testi" not in other.content.decode()


def test_detail_page_renders_for_every_state(experiment, workshop, slot_event, programme_manager, client_for):
    services.event_cancel(event=workshop, cancelled_by=programme_manager)
    for event in (workshop, slot_event):
        assert client_for(programme_manager).get(_url("detail", experiment, pk=event.pk)).status_code == 200
        assert client_for(programme_manager).get(_url("edit", experiment, pk=event.pk)).status_code == 200


def _(text: str) -> str:
    """The Finnish text the pages show (they are requested in Finnish)."""
    with override("fi"):
        return gettext(text)


def test_cancelling_the_event_on_its_page_cancels_places_and_emails(
    experiment, workshop, tester, other_tester, team_member, client_for, django_capture_on_commit_callbacks
):
    for user in (tester, other_tester):
        services.registration_create(event=workshop, user=user)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(team_member).post(_url("cancel", experiment, pk=workshop.pk))
    assert response.status_code == 302
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    assert sorted(message.to[0] for message in mail.outbox) == [other_tester.email, tester.email]
    page = client_for(tester).get(_url("detail", experiment, pk=workshop.pk)).content.decode()
    assert _("This event has been cancelled.") in page
    assert _("Cancel my registration") not in page


def test_team_deletes_free_slots_and_cancels_bookings_on_the_event_page(
    experiment, slot_event, tester, team_member, client_for, django_capture_on_commit_callbacks
):
    first, second, _third = slot_event.slots.order_by("starts_at")
    booking = services.slot_book(slot=first, user=tester)
    team = client_for(team_member)
    page = team.get(_url("detail", experiment, pk=slot_event.pk)).content.decode()
    assert _url("slot_delete", experiment, pk=slot_event.pk, slot_id=second.pk) in page
    assert _url("slot_delete", experiment, pk=slot_event.pk, slot_id=first.pk) not in page
    assert _url("booking_remove", experiment, pk=slot_event.pk, booking_id=booking.pk) in page
    tester_page = client_for(tester).get(_url("detail", experiment, pk=slot_event.pk)).content.decode()
    assert "/delete/" not in tester_page and "/bookings/" not in tester_page

    response = team.post(_url("slot_delete", experiment, pk=slot_event.pk, slot_id=first.pk), follow=True)
    assert _("Somebody has booked this time. Cancel their booking first, then delete the slot.") in (
        response.content.decode()
    )
    assert slot_event.slots.count() == 3
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        team.post(_url("booking_remove", experiment, pk=slot_event.pk, booking_id=booking.pk))
    assert SlotBooking.objects.get().cancelled_at is not None
    assert [message.to for message in mail.outbox] == [[tester.email]]
    response = team.post(_url("slot_delete", experiment, pk=slot_event.pk, slot_id=first.pk), follow=True)
    assert _("The time slot was deleted.") in response.content.decode()
    assert list(slot_event.slots.order_by("starts_at")) == [second, _third]


def test_participants_page_cancels_a_booking_and_returns_there(
    experiment, slot_event, tester, team_member, client_for
):
    booking = services.slot_book(slot=slot_event.slots.first(), user=tester)
    page = client_for(team_member).get(_url("participants", experiment, pk=slot_event.pk)).content.decode()
    action = _url("booking_remove", experiment, pk=slot_event.pk, booking_id=booking.pk)
    assert action in page
    response = client_for(team_member).post(action, {"next": "participants"})
    assert response["Location"] == _url("participants", experiment, pk=slot_event.pk)
    assert SlotBooking.objects.get().cancelled_at is not None


def test_edit_form_refuses_an_audience_that_leaves_people_out_until_confirmed(
    experiment, workshop, tester, other_tester, team_member, testers_group, client_for
):
    services.registration_create(event=workshop, user=tester)
    services.registration_create(event=workshop, user=other_tester)
    data = {
        "kind": "workshop",
        "title_fi": "Työpaja",
        "starts_at": timezone.localtime(workshop.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(workshop.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "place": workshop.place,
        "capacity": "2",
        "audience": "group",
        "group": testers_group.pk,
        "registration_open": "on",
    }
    client = client_for(team_member)
    assert (
        "cancel_excluded_participants"
        in client.get(_url("edit", experiment, pk=workshop.pk)).content.decode()
    )
    response = client.post(_url("edit", experiment, pk=workshop.pk), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "audience" in errors and "1" in errors["audience"][0]
    assert Event.objects.get(pk=workshop.pk).audience == "experiment"
    response = client.post(
        _url("edit", experiment, pk=workshop.pk), {**data, "cancel_excluded_participants": "on"}
    )
    assert response.status_code == 302
    assert dict(Registration.objects.values_list("user__username", "status")) == {
        "tester": "confirmed",
        "other_tester": "cancelled",
    }
    assert "cancel_excluded_participants" not in client.get(_url("create", experiment)).content.decode()
