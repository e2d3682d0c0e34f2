import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.events import services, tasks
from kokeilu.events.models import Event, Registration, SlotBooking
from kokeilu.events.selectors import event_list_visible, waitlist_position
from kokeilu.experiments.models import Audience, Experiment
from kokeilu.experiments.selectors import experiment_access
from tests.factories import ExperimentMemberFactory, ParticipantGroupFactory, UserFactory

from .conftest import in_days

pytestmark = pytest.mark.django_db


def _testers(experiment, count, prefix="person"):
    people = []
    for number in range(count):
        user = UserFactory(username=f"{prefix}{number}", email=f"{prefix}{number}@example.test")
        ExperimentMemberFactory(experiment=experiment, user=user, role="tester")
        people.append(user)
    return people


# --- Events -----------------------------------------------------------------------------------------------


def test_team_creates_an_event(experiment, team_member):
    event = services.event_create(
        experiment=experiment,
        created_by=team_member,
        title_fi="Työpaja",
        starts_at=in_days(3),
        ends_at=in_days(3) + datetime.timedelta(hours=1),
        online_url="https://meet.example.test/x",
    )
    assert event.capacity is None
    assert event.audience == Audience.EXPERIMENT


@pytest.mark.parametrize("persona", ["tester", "other_tester", "applicant", "other_city_manager"])
def test_only_the_team_creates_events(experiment, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        services.event_create(
            experiment=experiment,
            created_by=user,
            title_fi="X",
            starts_at=in_days(1),
            ends_at=in_days(2),
            place="P",
        )
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"place": "", "online_url": ""}, "place"),
        ({"ends_at": in_days(6)}, "ends_at"),
        ({"title_fi": " ", "title_sv": "", "title_en": ""}, "title_fi"),
        ({"capacity": 0}, "capacity"),
        ({"audience": Audience.GROUP}, "group"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_event_rules(make_event, fields, field):
    with pytest.raises(ApplicationError) as error:
        make_event(**fields)
    assert error.value.field == field
    assert not Event.objects.exists()


def test_a_group_of_another_experiment_is_refused(make_event):
    foreign = ParticipantGroupFactory()
    with pytest.raises(ApplicationError) as error:
        make_event(audience=Audience.GROUP, group=foreign)
    assert error.value.field == "group"


def test_naive_times_are_refused(make_event):
    with pytest.raises(ApplicationError):
        make_event(starts_at=datetime.datetime(2030, 1, 1, 10), ends_at=datetime.datetime(2030, 1, 1, 12))


def test_update_changes_fields_and_raises_the_revision(workshop, team_member):
    event = services.event_update(event=workshop, updated_by=team_member, title_en="New", place="Elsewhere")
    assert (event.title_en, event.place, event.revision) == ("New", "Elsewhere", 1)


def test_update_refuses_unknown_fields(workshop, team_member):
    with pytest.raises(ApplicationError):
        services.event_update(event=workshop, updated_by=team_member, offers_slots=True)


def test_capacity_cannot_drop_below_confirmed(workshop, tester, other_tester, team_member):
    services.registration_create(event=workshop, user=tester)
    services.registration_create(event=workshop, user=other_tester)
    with pytest.raises(ApplicationError) as error:
        services.event_update(event=workshop, updated_by=team_member, capacity=1)
    assert error.value.field == "capacity"
    workshop.refresh_from_db()
    assert workshop.capacity == 2


def test_more_capacity_moves_the_waiting_list_up(
    workshop, experiment, team_member, django_capture_on_commit_callbacks
):
    people = _testers(experiment, 4)
    for person in people:
        services.registration_create(event=workshop, user=person)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=workshop, updated_by=team_member, capacity=3)
    states = dict(Registration.objects.values_list("user__username", "status"))
    assert states == {
        "person0": "confirmed",
        "person1": "confirmed",
        "person2": "confirmed",
        "person3": "waitlisted",
    }
    assert [message.to for message in mail.outbox] == [["person2@example.test"]]


def test_cancelling_an_event_closes_registration(workshop, team_member, tester):
    event = services.event_cancel(event=workshop, cancelled_by=team_member)
    assert event.is_cancelled and not event.registration_open and event.revision == 1
    with pytest.raises(ApplicationError) as error:
        services.registration_create(event=event, user=tester)
    assert error.value.code == "event_cancelled"
    with pytest.raises(ApplicationError):
        services.event_update(event=event, updated_by=team_member, title_en="x")


def test_testers_cannot_cancel_events(workshop, tester):
    with pytest.raises(PermissionDeniedError):
        services.event_cancel(event=workshop, cancelled_by=tester)
    workshop.refresh_from_db()
    assert not workshop.is_cancelled


# --- Registration and the waiting list -------------------------------------------------------------------


def test_register_confirms_while_seats_remain_then_waitlists(workshop, experiment):
    people = _testers(experiment, 5)
    states = [services.registration_create(event=workshop, user=person).status for person in people]
    assert states == ["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"]
    waiting = Registration.objects.filter(status="waitlisted").order_by("registered_at", "pk")
    assert [waitlist_position(registration) for registration in waiting] == [1, 2, 3]


def test_unlimited_event_confirms_everyone(make_event, experiment):
    event = make_event(capacity=None)
    people = _testers(experiment, 5)
    assert {services.registration_create(event=event, user=p).status for p in people} == {"confirmed"}


def test_registering_twice_returns_the_same_registration(workshop, tester):
    first = services.registration_create(event=workshop, user=tester)
    again = services.registration_create(event=workshop, user=tester)
    assert first.pk == again.pk
    assert Registration.objects.count() == 1


def test_the_database_refuses_two_active_registrations(workshop, tester):
    services.registration_create(event=workshop, user=tester)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=workshop, user=tester, status="waitlisted", registered_at=timezone.now()
        )


def test_cancel_moves_the_first_waitlisted_up_and_emails_them(
    workshop, experiment, django_capture_on_commit_callbacks
):
    people = _testers(experiment, 4)
    registrations = [services.registration_create(event=workshop, user=person) for person in people]
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=registrations[0], cancelled_by=people[0])
    states = dict(Registration.objects.values_list("user__username", "status"))
    assert states == {
        "person0": "cancelled",
        "person1": "confirmed",
        "person2": "confirmed",
        "person3": "waitlisted",
    }
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["person2@example.test"]
    promoted = Registration.objects.get(user=people[2])
    assert promoted.promoted_at is not None and promoted.promotion_notified_at is not None
    # The notice task is idempotent.
    tasks.send_promotion_notice(registration_id=promoted.pk)
    assert len(mail.outbox) == 1


def test_cancelling_a_waitlisted_registration_moves_nobody(workshop, experiment):
    people = _testers(experiment, 4)
    registrations = [services.registration_create(event=workshop, user=person) for person in people]
    services.registration_cancel(registration=registrations[2], cancelled_by=people[2])
    assert list(Registration.objects.filter(status="confirmed").values_list("user__username", flat=True)) == [
        "person0",
        "person1",
    ]
    assert waitlist_position(Registration.objects.get(user=people[3])) == 1


def test_promotion_email_is_in_the_persons_language(workshop, experiment, django_capture_on_commit_callbacks):
    first, second = _testers(experiment, 2)
    extra = UserFactory(username="svensk", email="svensk@example.test", preferred_language="sv")
    ExperimentMemberFactory(experiment=experiment, user=extra, role="tester")
    registration = services.registration_create(event=workshop, user=first)
    services.registration_create(event=workshop, user=second)
    services.registration_create(event=workshop, user=extra)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=registration, cancelled_by=first)
    assert mail.outbox[0].to == ["svensk@example.test"]
    assert "Workshop" in mail.outbox[0].subject  # the Swedish title


def test_registering_again_after_cancelling_goes_to_the_end(workshop, experiment):
    people = _testers(experiment, 3)
    registrations = [services.registration_create(event=workshop, user=person) for person in people]
    services.registration_cancel(registration=registrations[0], cancelled_by=people[0])
    again = services.registration_create(event=workshop, user=people[0])
    assert again.pk != registrations[0].pk
    assert again.status == "waitlisted"


def test_team_may_cancel_someone_elses_registration_but_testers_may_not(
    workshop, tester, other_tester, team_member
):
    registration = services.registration_create(event=workshop, user=tester)
    with pytest.raises(PermissionDeniedError):
        services.registration_cancel(registration=registration, cancelled_by=other_tester)
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    services.registration_cancel(registration=registration, cancelled_by=team_member)
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"


def test_no_registration_when_closed_or_started(make_event, tester):
    closed = make_event(registration_open=False)
    with pytest.raises(ApplicationError) as error:
        services.registration_create(event=closed, user=tester)
    assert error.value.code == "registration_closed"
    started = make_event(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    with pytest.raises(ApplicationError) as error:
        services.registration_create(event=started, user=tester)
    assert error.value.code == "event_started"
    assert not Registration.objects.exists()


def test_group_events_are_only_for_the_group(group_event, tester, other_tester, applicant):
    assert services.registration_create(event=group_event, user=tester).status == "confirmed"
    for outsider in (other_tester, applicant):
        with pytest.raises(PermissionDeniedError):
            services.registration_create(event=group_event, user=outsider)
    assert Registration.objects.count() == 1


def test_public_events_of_a_public_experiment_are_open_to_any_signed_in_person(
    experiment, public_event, workshop, applicant
):
    with pytest.raises(PermissionDeniedError):
        services.registration_create(event=public_event, user=applicant)
    experiment.is_public = True
    experiment.save()
    fresh = Experiment.objects.get(pk=experiment.pk)  # rights are cached per experiment object
    public_event.experiment = fresh
    assert services.registration_create(event=public_event, user=applicant).status == "confirmed"
    workshop.experiment = fresh
    with pytest.raises(PermissionDeniedError):  # an experiment-wide event stays for members
        services.registration_create(event=workshop, user=applicant)


def test_event_list_is_filtered_by_audience(
    experiment, workshop, group_event, public_event, other_tester, tester
):
    def titles(user):
        access = experiment_access(user=user, experiment=experiment)
        return {e.title_fi for e in event_list_visible(experiment=experiment, access=access, user=user)}

    assert titles(tester) == {"Työpaja", "Ryhmän testi", "Infotilaisuus"}
    assert titles(other_tester) == {"Työpaja", "Infotilaisuus"}


# --- Slots ------------------------------------------------------------------------------------------------


def test_slots_are_generated_back_to_back(slot_event):
    slots = list(slot_event.slots.order_by("starts_at"))
    assert len(slots) == 3
    assert slots[0].starts_at == slot_event.starts_at
    assert all(slot.ends_at - slot.starts_at == datetime.timedelta(minutes=20) for slot in slots)
    assert slots[1].starts_at == slots[0].ends_at
    assert slot_event.offers_slots


@pytest.mark.parametrize(
    ("offset_minutes", "length", "count", "field"),
    [
        (-10, 20, 1, "first_starts_at"),  # before the event
        (0, 20, 7, "first_starts_at"),  # past its end (2 h)
        (0, 2, 1, "length_minutes"),
        (0, 20, 0, "count"),
        (0, 20, 201, "count"),
    ],
)
def test_slot_rules(workshop, team_member, offset_minutes, length, count, field):
    with pytest.raises(ApplicationError) as error:
        services.slots_generate(
            event=workshop,
            created_by=team_member,
            first_starts_at=workshop.starts_at + datetime.timedelta(minutes=offset_minutes),
            length_minutes=length,
            count=count,
        )
    assert error.value.field == field
    assert not workshop.slots.exists()


def test_slots_cannot_overlap(slot_event, team_member):
    with pytest.raises(ApplicationError):
        services.slots_generate(
            event=slot_event,
            created_by=team_member,
            first_starts_at=slot_event.starts_at + datetime.timedelta(minutes=30),
            length_minutes=20,
            count=1,
        )
    assert slot_event.slots.count() == 3


def test_slots_are_refused_once_people_registered(workshop, tester, team_member):
    services.registration_create(event=workshop, user=tester)
    with pytest.raises(ApplicationError):
        services.slots_generate(
            event=workshop,
            created_by=team_member,
            first_starts_at=workshop.starts_at,
            length_minutes=20,
            count=1,
        )


def test_testers_cannot_generate_slots(workshop, tester):
    with pytest.raises(PermissionDeniedError):
        services.slots_generate(
            event=workshop, created_by=tester, first_starts_at=workshop.starts_at, length_minutes=20, count=1
        )


def test_slot_events_take_bookings_not_registrations(slot_event, tester):
    with pytest.raises(ApplicationError) as error:
        services.registration_create(event=slot_event, user=tester)
    assert error.value.code == "book_a_slot"


def test_one_person_per_slot_and_one_slot_per_person(slot_event, tester, other_tester):
    first, second, _third = slot_event.slots.order_by("starts_at")
    booking = services.slot_book(slot=first, user=tester)
    with pytest.raises(ApplicationError) as error:
        services.slot_book(slot=first, user=other_tester)
    assert error.value.code == "slot_taken"
    with pytest.raises(ApplicationError) as error:
        services.slot_book(slot=second, user=tester)
    assert error.value.code == "already_booked"
    services.booking_cancel(booking=booking, cancelled_by=tester)
    assert services.slot_book(slot=first, user=other_tester).user == other_tester
    assert services.slot_book(slot=second, user=tester).slot == second


def test_the_database_refuses_double_booking(slot_event, tester, other_tester):
    slot = slot_event.slots.first()
    services.slot_book(slot=slot, user=tester)
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotBooking.objects.create(event=slot_event, slot=slot, user=other_tester)


def test_only_the_team_cancels_someone_elses_booking(slot_event, tester, other_tester, team_member):
    booking = services.slot_book(slot=slot_event.slots.first(), user=tester)
    with pytest.raises(PermissionDeniedError):
        services.booking_cancel(booking=booking, cancelled_by=other_tester)
    assert SlotBooking.objects.get(pk=booking.pk).cancelled_at is None
    services.booking_cancel(booking=booking, cancelled_by=team_member)
    assert SlotBooking.objects.get(pk=booking.pk).cancelled_at is not None


def test_outsiders_cannot_book(slot_event, applicant):
    with pytest.raises(PermissionDeniedError):
        services.slot_book(slot=slot_event.slots.first(), user=applicant)
    assert not SlotBooking.objects.exists()


# --- Reminders --------------------------------------------------------------------------------------------


def test_reminders_go_once_to_confirmed_participants_and_slot_holders_in_their_language(
    make_event, experiment, programme_manager, django_capture_on_commit_callbacks
):
    soon = make_event(capacity=1, starts_at=timezone.now() + datetime.timedelta(hours=20))
    later = make_event(starts_at=timezone.now() + datetime.timedelta(days=3))
    testing = make_event(title_fi="Testi", starts_at=timezone.now() + datetime.timedelta(hours=10))
    services.slots_generate(
        event=testing,
        created_by=programme_manager,
        first_starts_at=testing.starts_at,
        length_minutes=30,
        count=2,
    )
    english = UserFactory(username="english", email="english@example.test", preferred_language="en")
    waiting, holder, far = (
        UserFactory(username=name, email=f"{name}@example.test") for name in ("waiting", "holder", "far")
    )
    for user in (english, waiting, holder, far):
        ExperimentMemberFactory(experiment=experiment, user=user, role="tester")
    services.registration_create(event=soon, user=english)
    services.registration_create(event=soon, user=waiting)  # waitlisted: no reminder
    services.registration_create(event=later, user=far)  # not yet due
    services.slot_book(slot=testing.slots.first(), user=holder)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(message.to[0] for message in mail.outbox) == ["english@example.test", "holder@example.test"]
    english_mail = next(message for message in mail.outbox if message.to == ["english@example.test"])
    assert english_mail.subject.startswith("Reminder")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2
    assert Registration.objects.get(user=english).reminded_at is not None
    assert SlotBooking.objects.get(user=holder).reminded_at is not None


def test_no_reminder_for_a_cancelled_event(
    make_event, tester, team_member, django_capture_on_commit_callbacks
):
    event = make_event(starts_at=timezone.now() + datetime.timedelta(hours=5))
    registration = services.registration_create(event=event, user=tester)
    services.event_cancel(event=event, cancelled_by=team_member)
    mail.outbox = []
    tasks.send_registration_reminder(registration_id=registration.pk)
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


# --- Calendar feeds ---------------------------------------------------------------------------------------


def test_feed_token_is_made_once_regenerated_and_revoked(experiment, tester):
    feed = services.calendar_feed_get_or_create(experiment=experiment, user=tester)
    assert services.calendar_feed_get_or_create(experiment=experiment, user=tester).token == feed.token
    new = services.calendar_feed_regenerate(experiment=experiment, user=tester)
    assert new.token != feed.token
    services.calendar_feed_revoke(experiment=experiment, user=tester)
    assert not tester.calendar_feeds.exists()


def test_outsiders_get_no_feed_of_a_private_experiment(experiment, applicant):
    with pytest.raises(PermissionDeniedError):
        services.calendar_feed_get_or_create(experiment=experiment, user=applicant)


# --- Cancelling for people: the event, the audience, the team --------------------------------------------


def _in(language, text):
    """`text` as the e-mail in `language` shows it."""
    with translation.override(language):
        return gettext(text)


def test_cancelling_an_event_cancels_every_place_and_emails_each_person_once_in_their_language(
    make_event, experiment, team_member, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2, title_fi="Työpaja", title_sv="Verkstad", title_en="Workshop")
    finn, swede, english, gone = (
        UserFactory(username=name, email=f"{name}@example.test", preferred_language=language)
        for name, language in (("finn", "fi"), ("swede", "sv"), ("english", "en"), ("gone", "fi"))
    )
    for user in (finn, swede, english, gone):
        ExperimentMemberFactory(experiment=experiment, user=user, role="tester")
    services.registration_create(event=event, user=finn)
    services.registration_create(event=event, user=swede)
    waiting = services.registration_create(event=event, user=english)
    left = services.registration_create(event=event, user=gone)
    services.registration_cancel(registration=left, cancelled_by=gone)  # cancelled earlier: not told again
    assert waiting.status == "waitlisted"
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, cancelled_by=team_member)
    assert set(Registration.objects.values_list("user__username", "status", "cancellation_reason")) == {
        ("finn", "cancelled", "event_cancelled"),
        ("swede", "cancelled", "event_cancelled"),
        ("english", "cancelled", "event_cancelled"),
        ("gone", "cancelled", "person"),
    }
    listed = event_list_visible(
        experiment=experiment,
        access=experiment_access(user=team_member, experiment=experiment),
        user=team_member,
    ).get(pk=event.pk)
    assert (listed.confirmed_count, listed.waitlisted_count) == (0, 0)
    by_person = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_person) == ["english@example.test", "finn@example.test", "swede@example.test"]
    assert len(mail.outbox) == 3
    for address, language, title in (
        ("finn@example.test", "fi", "Työpaja"),
        ("swede@example.test", "sv", "Verkstad"),
        ("english@example.test", "en", "Workshop"),
    ):
        message = by_person[address]
        assert message.subject == _in(language, "Cancelled: %(title)s") % {"title": title}
        assert _in(language, "When:") in message.body
        # Helsinki time: the event was made at 10:00 local time (08:00 or 07:00 UTC).
        assert "10:00–12:00" in message.body
    assert Registration.objects.filter(cancellation_notified_at__isnull=False).count() == 3
    # Idempotent: the task again, or cancelling again, sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_cancellation_notices(event_id=event.pk)
        services.event_cancel(event=event, cancelled_by=team_member)
    assert len(mail.outbox) == 3


def test_cancelling_a_slot_event_frees_every_slot_and_tells_the_holders_their_time(
    slot_event, tester, other_tester, team_member, django_capture_on_commit_callbacks
):
    slots = list(slot_event.slots.order_by("starts_at"))
    services.slot_book(slot=slots[0], user=tester)
    services.slot_book(slot=slots[2], user=other_tester)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=slot_event, cancelled_by=team_member)
    assert not SlotBooking.objects.filter(cancelled_at__isnull=True).exists()
    assert set(SlotBooking.objects.values_list("cancellation_reason", flat=True)) == {"event_cancelled"}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "other_tester@example.test",
        "tester@example.test",
    ]
    tester_mail = next(message for message in mail.outbox if message.to == ["tester@example.test"])
    start = timezone.localtime(slots[0].starts_at)
    assert f"{start:%H:%M}–{start + datetime.timedelta(minutes=20):%H:%M}" in tester_mail.body
    tasks.send_cancellation_notices(event_id=slot_event.pk)
    assert len(mail.outbox) == 2


def test_the_team_cancelling_someones_place_tells_them_but_cancelling_ones_own_does_not(
    workshop, slot_event, tester, other_tester, team_member, django_capture_on_commit_callbacks
):
    own = services.registration_create(event=workshop, user=other_tester)
    theirs = services.registration_create(event=workshop, user=tester)
    booking = services.slot_book(slot=slot_event.slots.first(), user=tester)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=own, cancelled_by=other_tester)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=theirs, cancelled_by=team_member)
        services.booking_cancel(booking=booking, cancelled_by=team_member)
    assert [message.to for message in mail.outbox] == [["tester@example.test"], ["tester@example.test"]]
    assert Registration.objects.get(pk=theirs.pk).cancellation_reason == "team"
    assert SlotBooking.objects.get(pk=booking.pk).cancellation_reason == "team"
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=theirs, cancelled_by=team_member)
        tasks.send_cancellation_notices(event_id=workshop.pk)
    assert len(mail.outbox) == 2


# --- Deleting time slots ------------------------------------------------------------------------------------


def test_a_free_slot_is_deleted_and_a_booked_one_only_after_the_booking_is_cancelled(
    slot_event, tester, team_member
):
    first, second, third = slot_event.slots.order_by("starts_at")
    services.slot_delete(slot=first, deleted_by=team_member)
    booking = services.slot_book(slot=second, user=tester)
    with pytest.raises(ApplicationError) as error:
        services.slot_delete(slot=second, deleted_by=team_member)
    assert error.value.code == "slot_booked"
    assert list(slot_event.slots.order_by("starts_at")) == [second, third]
    services.booking_cancel(booking=booking, cancelled_by=team_member)
    services.slot_delete(slot=second, deleted_by=team_member)
    assert list(slot_event.slots.all()) == [third]
    assert not SlotBooking.objects.exists()  # the cancelled booking went with its slot
    slot_event.refresh_from_db()
    assert slot_event.offers_slots


def test_only_the_team_deletes_slots_and_not_of_a_cancelled_event(slot_event, tester, team_member):
    slot = slot_event.slots.first()
    with pytest.raises(PermissionDeniedError):
        services.slot_delete(slot=slot, deleted_by=tester)
    services.event_cancel(event=slot_event, cancelled_by=team_member)
    with pytest.raises(ApplicationError) as error:
        services.slot_delete(slot=slot, deleted_by=team_member)
    assert error.value.code == "event_cancelled"
    assert slot_event.slots.count() == 3


# --- Narrowing the audience ---------------------------------------------------------------------------------


def test_narrowing_the_audience_is_refused_while_it_would_leave_out_registered_people(
    workshop, tester, other_tester, team_member, testers_group, django_capture_on_commit_callbacks
):
    services.registration_create(event=workshop, user=tester)
    services.registration_create(event=workshop, user=other_tester)  # in no group
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError) as error:
        services.event_update(
            event=workshop, updated_by=team_member, audience=Audience.GROUP, group=testers_group
        )
    assert (error.value.field, error.value.code) == ("audience", "audience_excludes_participants")
    event = Event.objects.get(pk=workshop.pk)
    assert (event.audience, event.group_id, event.revision) == (Audience.EXPERIMENT, None, 0)
    assert Registration.objects.filter(status="confirmed").count() == 2
    assert mail.outbox == []


def test_confirmed_narrowing_cancels_the_people_left_out_tells_them_and_moves_the_waiting_list_up(
    workshop, experiment, tester, other_tester, team_member, testers_group, django_capture_on_commit_callbacks
):
    waiting = UserFactory(username="waiting", email="waiting@example.test")
    member = ExperimentMemberFactory(experiment=experiment, user=waiting, role="tester")
    testers_group.members.add(member)
    services.registration_create(event=workshop, user=other_tester)  # in no group
    services.registration_create(event=workshop, user=tester)
    services.registration_create(event=workshop, user=waiting)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            event=workshop,
            updated_by=team_member,
            audience=Audience.GROUP,
            group=testers_group,
            cancel_excluded_participants=True,
        )
    states = set(Registration.objects.values_list("user__username", "status", "cancellation_reason"))
    assert states == {
        ("other_tester", "cancelled", "audience_changed"),
        ("tester", "confirmed", ""),
        ("waiting", "confirmed", ""),
    }
    assert sorted(message.to[0] for message in mail.outbox) == [
        "other_tester@example.test",  # told their place was cancelled
        "waiting@example.test",  # moved up
    ]
    notice = next(message for message in mail.outbox if message.to == ["other_tester@example.test"])
    assert notice.subject == _in("fi", "Your registration was cancelled: %(title)s") % {"title": "Työpaja"}
    assert f"/events/{workshop.pk}/" not in notice.body  # no link to a page they may no longer open


def test_an_audience_change_that_leaves_nobody_out_needs_no_confirmation(
    workshop, slot_event, tester, team_member, testers_group
):
    services.registration_create(event=workshop, user=tester)
    services.slot_book(slot=slot_event.slots.first(), user=tester)
    for event in (workshop, slot_event):
        services.event_update(
            event=event, updated_by=team_member, audience=Audience.GROUP, group=testers_group
        )
    assert Registration.objects.get().status == "confirmed"
    assert SlotBooking.objects.get().cancelled_at is None


def test_slot_holders_left_out_by_a_narrower_audience_lose_their_time(
    slot_event, other_tester, team_member, testers_group
):
    services.slot_book(slot=slot_event.slots.first(), user=other_tester)
    with pytest.raises(ApplicationError):
        services.event_update(
            event=slot_event, updated_by=team_member, audience=Audience.GROUP, group=testers_group
        )
    services.event_update(
        event=slot_event,
        updated_by=team_member,
        audience=Audience.GROUP,
        group=testers_group,
        cancel_excluded_participants=True,
    )
    booking = SlotBooking.objects.get()
    assert booking.cancelled_at is not None and booking.cancellation_reason == "audience_changed"


def test_making_a_public_event_internal_leaves_out_outsiders(experiment, make_event, applicant, team_member):
    Experiment.objects.filter(pk=experiment.pk).update(is_public=True)
    experiment.refresh_from_db()
    event = make_event(audience=Audience.PUBLIC)
    services.registration_create(event=event, user=applicant)
    with pytest.raises(ApplicationError) as error:
        services.event_update(event=event, updated_by=team_member, audience=Audience.EXPERIMENT)
    assert error.value.code == "audience_excludes_participants"
