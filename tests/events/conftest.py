"""Events of the `experiment` persona fixture, made through the services."""

import datetime

import pytest
from django.utils import timezone

from kokeilu.events import services
from kokeilu.experiments.models import Audience


def in_days(days: float, hour: int = 10) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def make_event(experiment, programme_manager):
    """`make_event(capacity=2, audience="group", group=...)` creates an event a week from now."""

    def make(**fields):
        target = fields.pop("experiment", experiment)
        starts_at = fields.pop("starts_at", in_days(7))
        values = {
            "title_fi": "Työpaja",
            "title_sv": "Workshop",
            "title_en": "Workshop",
            "starts_at": starts_at,
            "ends_at": fields.pop("ends_at", starts_at + datetime.timedelta(hours=2)),
            "place": "Iso Omena, Piispansilta 11",
            "audience": Audience.EXPERIMENT,
            **fields,
        }
        return services.event_create(experiment=target, created_by=programme_manager, **values)

    return make


@pytest.fixture
def workshop(make_event):
    """An experiment-wide workshop with 2 seats."""
    return make_event(capacity=2)


@pytest.fixture
def group_event(make_event, testers_group):
    """An event for the testers group only."""
    return make_event(
        title_fi="Ryhmän testi", title_en="Group test", audience=Audience.GROUP, group=testers_group
    )


@pytest.fixture
def public_event(make_event):
    return make_event(title_fi="Infotilaisuus", title_en="Info session", audience=Audience.PUBLIC)


@pytest.fixture
def slot_event(make_event, programme_manager):
    """A testing day with three 20-minute slots."""
    event = make_event(title_fi="Testauspäivä", title_en="Testing day", kind="test_session")
    services.slots_generate(
        event=event, created_by=programme_manager, first_starts_at=event.starts_at, length_minutes=20, count=3
    )
    event.refresh_from_db()
    return event
