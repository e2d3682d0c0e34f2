import datetime

import pytest
from django.utils import timezone

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.methods import demo
from kokeilu.methods.selectors import methods_of_experiment
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


def test_every_demo_experiment_gets_one_to_three_methods(
    city, experiment, programme_manager, experiment_lead, testers_group
):
    seed = _demo(experiment, "koestamo", 0, programme_manager, experiment_lead, testers_group)
    demo.seed(seed)
    demo.seed(seed)  # a second run adds nothing
    assert [method.slug for method in methods_of_experiment(experiment=experiment)] == [
        "interviews",
        "storytelling",
        "workshop",
    ]
    chosen = []
    for index in range(9):
        staff = ExperimentFactory(city=city)
        demo.seed(_demo(staff, "staff", index, programme_manager, experiment_lead, testers_group))
        slugs = [method.slug for method in methods_of_experiment(experiment=staff)]
        assert 1 <= len(slugs) <= 3 and "rapid-experiment" in slugs
        chosen.append(slugs)
    # Deterministic: the same seeds give the same choice.
    again = ExperimentFactory(city=city)
    demo.seed(_demo(again, "staff", 3, programme_manager, experiment_lead, testers_group))
    assert [method.slug for method in methods_of_experiment(experiment=again)] == chosen[3]
