import datetime
import random

import pytest
from django.utils import timezone

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.events import demo
from kokeilu.events.models import Event, Registration, SlotBooking
from tests.factories import ExperimentMemberFactory, ParticipantGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def _demo(experiment, manager, lead, kind, index=0):
    testers = []
    group = ParticipantGroupFactory(experiment=experiment, name_fi="Testaajat")
    staff = ParticipantGroupFactory(experiment=experiment, name_fi="Henkilöstö")
    for number in range(14):
        user = UserFactory(
            username=f"{kind}-tester-{index}-{number}", email=f"{kind}{index}-{number}@example.test"
        )
        member = ExperimentMemberFactory(experiment=experiment, user=user, role="tester")
        if number < 10:
            group.members.add(member)
            testers.append(user)
    return DemoExperiment(
        experiment=experiment,
        kind=kind,
        index=index,
        manager=manager,
        lead=lead,
        team=[],
        testers=testers,
        groups={"testers": group, "staff": staff},
        now=timezone.now(),
        random=random.Random(1),
    )


def test_koestamo_demo(experiment, programme_manager, experiment_lead):
    demo.seed(_demo(experiment, programme_manager, experiment_lead, "koestamo"))
    workshop = Event.objects.get(capacity=12)
    assert Registration.objects.filter(event=workshop, status="confirmed").count() == 12
    assert Registration.objects.filter(event=workshop, status="waitlisted").count() == 2
    testing = Event.objects.get(offers_slots=True)
    assert testing.slots.count() == 9 and SlotBooking.objects.filter(event=testing).count() == 4
    info = Event.objects.get(audience="public")
    assert info.title_sv and info.title_en and info.online_url


def test_staff_demo_has_a_kickoff_and_a_results_workshop(experiment, programme_manager, experiment_lead):
    experiment.starts_on = timezone.localdate() - datetime.timedelta(days=30)
    experiment.save()
    demo.seed(_demo(experiment, programme_manager, experiment_lead, "staff", index=4))
    kickoff, results = Event.objects.order_by("starts_at")
    assert kickoff.starts_at < timezone.now() < results.starts_at
    assert results.registrations.count() >= 2
