import datetime

import pytest
from django.utils import timezone

from kokeilu.agreements import demo
from kokeilu.agreements.selectors import agreement_status
from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import ExperimentMember
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db


def _demo(experiment, kind, index, manager, lead, group):
    return DemoExperiment(
        experiment=experiment,
        kind=kind,
        index=index,
        manager=manager,
        lead=lead,
        team=[],
        testers=[],
        groups={"testers": group, "staff": group},
        now=timezone.make_aware(datetime.datetime(2026, 4, 1, 12)),
    )


def test_koestamo_agreement_is_in_force_and_one_staff_experiment_waits(
    city, experiment, programme_manager, experiment_lead, testers_group
):
    seed = _demo(experiment, "koestamo", 0, programme_manager, experiment_lead, testers_group)
    demo.seed(seed)
    demo.seed(seed)  # a second run adds nothing
    state = agreement_status(experiment=experiment)
    assert state.in_force and len(state.parties) == 2
    assert "Koestamo" in state.current.text

    staff = ExperimentFactory(city=city)
    ExperimentMember.objects.create(experiment=staff, user=experiment_lead, role="lead")
    demo.seed(
        _demo(staff, "staff", demo.WAITING_STAFF_INDEX, programme_manager, experiment_lead, testers_group)
    )
    state = agreement_status(experiment=staff)
    assert not state.in_force
    assert [party.kind for party in state.waiting] == ["partner"]

    untouched = ExperimentFactory(city=city)
    demo.seed(_demo(untouched, "staff", 0, programme_manager, experiment_lead, testers_group))
    assert agreement_status(experiment=untouched).agreement is None
