"""Parallel registrations for a small event on PostgreSQL: each thread has its own database connection,
and all of them register at the same moment (a barrier). Whatever the timing, the event never goes over
capacity, everyone else is waitlisted in the order their registrations were stored, nothing crashes, and
cancellations then move the waiting list up in that order.

Without the row lock in services.registration_create this test fails: the threads count the confirmed
registrations at the same time and more than five are confirmed (checked by hand when it was written).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from kokeilu.accounts.models import User
from kokeilu.events import services
from kokeilu.events.models import Event, Registration, RegistrationStatus
from kokeilu.experiments.models import ExperimentMember

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

PEOPLE = 40
SEATS = 5


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: row locks and parallel connections")


def _people(experiment, count: int) -> list[int]:
    users = User.objects.bulk_create(
        [User(username=f"racer{number}", email=f"racer{number}@example.test") for number in range(count)]
    )
    ExperimentMember.objects.bulk_create(
        [ExperimentMember(experiment=experiment, user=user, role="tester") for user in users]
    )
    return [user.pk for user in users]


def test_forty_people_register_at_once_for_five_seats(experiment, make_event):
    event = make_event(capacity=SEATS)
    user_ids = _people(experiment, PEOPLE)
    barrier = threading.Barrier(PEOPLE, timeout=30)

    def register(user_id: int) -> tuple[str, object]:
        try:
            user = User.objects.get(pk=user_id)
            own_event = Event.objects.select_related("experiment").get(pk=event.pk)
            barrier.wait()
            registration = services.registration_create(event=own_event, user=user)
            return ("ok", registration.status)
        except Exception as error:  # anything is a failure here
            return ("crashed", error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        results = list(pool.map(register, user_ids))

    assert [result for result in results if result[0] == "crashed"] == []
    statuses = [status for _outcome, status in results]
    assert statuses.count(RegistrationStatus.CONFIRMED) == SEATS
    assert statuses.count(RegistrationStatus.WAITLISTED) == PEOPLE - SEATS
    stored = Registration.objects.filter(event=event)
    assert stored.count() == PEOPLE
    assert stored.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS

    # The confirmed are exactly the first five stored; the waiting list is in the order stored.
    ordered = list(stored.order_by("registered_at", "pk"))
    assert {r.status for r in ordered[:SEATS]} == {RegistrationStatus.CONFIRMED}
    waiting = [r.user_id for r in ordered[SEATS:]]

    # Three of the confirmed cancel, one after another: the first three waiting move up, in order.
    confirmed = ordered[:SEATS]
    for registration in confirmed[:3]:
        services.registration_cancel(registration=registration, cancelled_by=registration.user)
    now_confirmed = set(stored.filter(status=RegistrationStatus.CONFIRMED).values_list("user_id", flat=True))
    assert now_confirmed == {r.user_id for r in confirmed[3:]} | set(waiting[:3])
    still_waiting = list(
        stored.filter(status=RegistrationStatus.WAITLISTED)
        .order_by("registered_at", "pk")
        .values_list("user_id", flat=True)
    )
    assert still_waiting == waiting[3:]


def test_parallel_cancellations_never_overfill(experiment, make_event):
    """Ten confirmed people cancel at once while thirty wait: exactly five seats stay filled."""
    event = make_event(capacity=SEATS)
    user_ids = _people(experiment, PEOPLE)
    for user_id in user_ids:
        services.registration_create(event=event, user=User.objects.get(pk=user_id))
    leaving = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    barrier = threading.Barrier(len(leaving), timeout=30)

    def cancel(registration_id: int) -> str:
        try:
            registration = Registration.objects.select_related("event__experiment", "user").get(
                pk=registration_id
            )
            barrier.wait()
            services.registration_cancel(registration=registration, cancelled_by=registration.user)
            return "ok"
        except Exception as error:
            return f"crashed: {error!r}"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(leaving)) as pool:
        assert set(pool.map(cancel, leaving)) == {"ok"}
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == SEATS
    assert (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).count()
        == PEOPLE - 2 * SEATS
    )
