"""The demo seeder: Espoo's manager reuses the first learning of Helsinki's first completed staff
experiment in an Espoo development need, once."""

import random

import pytest
from django.utils import timezone

from kokeilu.accounts.models import Role
from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.reuse import demo
from kokeilu.reuse.models import LearningReuse
from kokeilu.reuse.selectors import learning_reuse_places
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _demo(experiment, kind="staff", index=0):
    lead = experiment.created_by
    return DemoExperiment(
        experiment=experiment,
        kind=kind,
        index=index,
        manager=lead,
        lead=lead,
        team=[],
        testers=[],
        groups={},
        now=timezone.now(),
        random=random.Random(1),
    )


@pytest.fixture
def espoo_manager(city):
    user = UserFactory(username=demo.REUSING_MANAGER)
    MembershipFactory(user=user, organisation=city, role=Role.PROGRAMME_MANAGER)
    return user


def test_the_first_staff_experiments_learning_is_reused_in_espoo_once(places, espoo_manager):
    experiment = places.learning.report.experiment
    demo.seed(_demo(experiment))
    demo.seed(_demo(experiment))  # a second run adds nothing
    reuse = LearningReuse.objects.get()
    assert (reuse.learning, reuse.city.name, reuse.created_by) == (places.learning, "Espoo", espoo_manager)
    assert reuse.need is not None and reuse.need.status == "published"
    (place,) = learning_reuse_places(learning_id=places.learning.pk)
    assert place.is_public


@pytest.mark.parametrize(("kind", "index"), [("staff", 1), ("koestamo", 0)])
def test_other_demo_experiments_are_left_alone(places, espoo_manager, kind, index):
    demo.seed(_demo(places.learning.report.experiment, kind, index))
    assert not LearningReuse.objects.exists()
