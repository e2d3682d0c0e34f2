import datetime

import pytest
from django.core import mail
from rest_framework.test import APIClient

from kokeilu.events import services
from kokeilu.events.models import Event, Registration
from tests.factories import ExperimentMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def base(experiment):
    return f"/api/v1/experiments/{experiment.slug}/events/"


def test_create_update_and_cancel(experiment, team_member, experiment_lead, testers_group):
    start = datetime.datetime(2031, 5, 4, 10, tzinfo=datetime.UTC)
    body = {
        "title_fi": "Työpaja",
        "title_en": "Workshop",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
        "online_url": "https://meet.example.test/a",
        "capacity": 3,
        "audience": "group",
        "group": testers_group.pk,
    }
    response = api(team_member).post(base(experiment), body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["capacity"], data["seats_left"], data["audience"], data["group"]) == (
        3,
        3,
        "group",
        testers_group.pk,
    )
    event_id = data["id"]
    # The team member is not in the group: from now on the event is not theirs to see; the lead's it is.
    assert api(team_member).get(f"{base(experiment)}{event_id}/").status_code == 404
    lead = api(experiment_lead)
    response = lead.patch(f"{base(experiment)}{event_id}/", {"place": "Iso Omena"}, format="json")
    assert response.status_code == 200 and response.json()["place"] == "Iso Omena"
    response = lead.patch(f"{base(experiment)}{event_id}/", {"place": "", "online_url": ""}, format="json")
    assert response.status_code == 400 and "place" in response.json()
    assert lead.post(f"{base(experiment)}{event_id}/cancel/").json()["is_cancelled"] is True


def test_create_refuses_a_group_of_another_experiment(experiment, team_member):
    from tests.factories import ParticipantGroupFactory

    foreign = ParticipantGroupFactory()
    start = datetime.datetime(2031, 5, 4, 10, tzinfo=datetime.UTC)
    response = api(team_member).post(
        base(experiment),
        {
            "title_fi": "X",
            "starts_at": start.isoformat(),
            "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
            "place": "P",
            "audience": "group",
            "group": foreign.pk,
        },
        format="json",
    )
    assert response.status_code == 400 and "group" in response.json()
    assert not Event.objects.exists()


def test_register_waitlist_and_move_up(
    experiment, workshop, tester, other_tester, django_capture_on_commit_callbacks
):
    third = UserFactory(username="third", email="third@example.test")
    ExperimentMemberFactory(experiment=experiment, user=third, role="tester")
    url = f"{base(experiment)}{workshop.pk}/register/"
    assert api(tester).post(url).json()["status"] == "confirmed"
    assert api(other_tester).post(url).json()["status"] == "confirmed"
    response = api(third).post(url)
    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted" and response.json()["waitlist_position"] == 1
    assert api(third).post(url).status_code == 200  # again: the same registration
    detail = api(third).get(f"{base(experiment)}{workshop.pk}/").json()
    assert (detail["seats_left"], detail["waitlisted_count"], detail["my_status"]) == (0, 1, "waitlisted")
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = api(tester).post(f"{base(experiment)}{workshop.pk}/registration/cancel/")
    assert response.json()["status"] == "cancelled"
    assert Registration.objects.get(user=third).status == "confirmed"
    assert mail.outbox[0].to == ["third@example.test"]
    assert api(tester).post(f"{base(experiment)}{workshop.pk}/registration/cancel/").status_code == 404


def test_register_refusals_have_codes(experiment, make_event, slot_event, tester):
    closed = make_event(registration_open=False)
    response = api(tester).post(f"{base(experiment)}{closed.pk}/register/")
    assert response.status_code == 400 and response.json()["code"] == "registration_closed"
    response = api(tester).post(f"{base(experiment)}{slot_event.pk}/register/")
    assert response.json()["code"] == "book_a_slot"


def test_slots_list_book_and_cancel(experiment, slot_event, tester, other_tester):
    slots = api(tester).get(f"{base(experiment)}{slot_event.pk}/slots/").json()
    assert len(slots) == 3 and all(slot["is_free"] for slot in slots)
    book = f"{base(experiment)}{slot_event.pk}/slots/{slots[0]['id']}/book/"
    assert api(tester).post(book).status_code == 201
    response = api(other_tester).post(book)
    assert response.status_code == 400 and response.json()["code"] == "slot_taken"
    listed = api(tester).get(f"{base(experiment)}{slot_event.pk}/slots/").json()
    assert listed[0]["is_mine"] and not listed[0]["is_free"]
    assert api(tester).post(f"{base(experiment)}{slot_event.pk}/booking/cancel/").json()["cancelled_at"]
    assert api(other_tester).post(book).status_code == 201


def test_team_generates_slots(experiment, workshop, make_event, programme_manager):
    event = make_event(title_fi="Testipäivä")
    response = api(programme_manager).post(
        f"{base(experiment)}{event.pk}/slots/",
        {"first_starts_at": event.starts_at.isoformat(), "length_minutes": 30, "count": 4},
        format="json",
    )
    assert response.status_code == 201 and len(response.json()) == 4
    response = api(programme_manager).post(
        f"{base(experiment)}{event.pk}/slots/",
        {"first_starts_at": event.starts_at.isoformat(), "length_minutes": 30, "count": 1},
        format="json",
    )
    assert response.status_code == 400


def test_participants_for_the_team(experiment, workshop, tester, other_tester, team_member):
    services.registration_create(event=workshop, user=tester)
    services.registration_create(event=workshop, user=other_tester)
    data = api(team_member).get(f"{base(experiment)}{workshop.pk}/participants/").json()
    assert [row["email"] for row in data["confirmed"]] == [tester.email, other_tester.email]
    assert data["waitlisted"] == [] and data["bookings"] == []


def test_list_in_few_queries(experiment, make_event, tester, django_assert_max_num_queries):
    for number in range(15):
        make_event(title_fi=f"T{number}", capacity=3)
    client = api(tester)
    client.get(base(experiment))
    with django_assert_max_num_queries(8):
        response = client.get(base(experiment))
    assert len(response.json()) == 15


def test_cancelling_an_event_cancels_every_place_and_emails_once(
    experiment, workshop, tester, other_tester, team_member, django_capture_on_commit_callbacks
):
    services.registration_create(event=workshop, user=tester)
    services.registration_create(event=workshop, user=other_tester)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = api(team_member).post(f"{base(experiment)}{workshop.pk}/cancel/")
        again = api(team_member).post(f"{base(experiment)}{workshop.pk}/cancel/")
    assert response.status_code == 200 and again.status_code == 200
    data = again.json()
    assert (data["is_cancelled"], data["confirmed_count"], data["seats_left"]) == (True, 0, 2)
    assert sorted(message.to[0] for message in mail.outbox) == [other_tester.email, tester.email]


def test_team_cancels_someone_elses_registration_and_the_waiting_list_moves_up(
    experiment, workshop, tester, other_tester, team_member, django_capture_on_commit_callbacks
):
    third = UserFactory(username="third", email="third@example.test")
    ExperimentMemberFactory(experiment=experiment, user=third, role="tester")
    registration = services.registration_create(event=workshop, user=tester)
    services.registration_create(event=workshop, user=other_tester)
    services.registration_create(event=workshop, user=third)
    url = f"{base(experiment)}{workshop.pk}/participants/registrations/{registration.pk}/cancel/"
    assert api(other_tester).post(url).status_code == 403
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = api(team_member).post(url)
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert sorted(message.to[0] for message in mail.outbox) == [tester.email, "third@example.test"]
    assert Registration.objects.get(user=third).status == "confirmed"
    # Another event's registration is not found through this event.
    other = f"{base(experiment)}{workshop.pk + 1000}/participants/registrations/{registration.pk}/cancel/"
    assert api(team_member).post(other).status_code == 404


def test_team_cancels_a_booking_then_deletes_the_slot(
    experiment, slot_event, tester, team_member, django_capture_on_commit_callbacks
):
    slot = slot_event.slots.first()
    booking = services.slot_book(slot=slot, user=tester)
    participants = api(team_member).get(f"{base(experiment)}{slot_event.pk}/participants/").json()
    assert [(row["booking"], row["slot"], row["email"]) for row in participants["bookings"]] == [
        (booking.pk, slot.pk, tester.email)
    ]
    delete = f"{base(experiment)}{slot_event.pk}/slots/{slot.pk}/"
    response = api(team_member).delete(delete)
    assert response.status_code == 400 and response.json()["code"] == "slot_booked"
    assert api(tester).delete(delete).status_code == 403
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        cancel = api(team_member).post(
            f"{base(experiment)}{slot_event.pk}/participants/bookings/{booking.pk}/cancel/"
        )
    assert cancel.status_code == 200 and cancel.json()["cancelled_at"]
    assert [message.to for message in mail.outbox] == [[tester.email]]
    assert api(team_member).delete(delete).status_code == 204
    assert api(team_member).delete(delete).status_code == 404
    assert slot_event.slots.count() == 2


def test_narrowing_the_audience_needs_confirmation(
    experiment, workshop, tester, other_tester, experiment_lead, testers_group
):
    services.registration_create(event=workshop, user=tester)
    services.registration_create(event=workshop, user=other_tester)
    url = f"{base(experiment)}{workshop.pk}/"
    body = {"audience": "group", "group": testers_group.pk}
    response = api(experiment_lead).patch(url, body, format="json")
    assert response.status_code == 400 and "audience" in response.json()
    assert Event.objects.get(pk=workshop.pk).audience == "experiment"
    response = api(experiment_lead).patch(url, {**body, "cancel_excluded_participants": True}, format="json")
    assert response.status_code == 200
    assert (response.json()["audience"], response.json()["confirmed_count"]) == ("group", 1)
    assert Registration.objects.get(user=other_tester).status == "cancelled"
