import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.funding import demo
from kokeilu.funding.selectors import money_summary
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db


def _demo(experiment, kind, index, programme_manager, experiment_lead, team_member, testers_group):
    return DemoExperiment(
        experiment=experiment,
        kind=kind,
        index=index,
        manager=programme_manager,
        lead=experiment_lead,
        team=[team_member],
        testers=[],
        groups={"testers": testers_group, "staff": testers_group},
        now=timezone.make_aware(datetime.datetime(2026, 4, 1, 12)),
    )


def test_koestamo_spends_under_its_grant(
    experiment, programme_manager, experiment_lead, team_member, testers_group
):
    experiment.starts_on = datetime.date(2026, 2, 1)
    experiment.save()
    seed = _demo(experiment, "koestamo", 0, programme_manager, experiment_lead, team_member, testers_group)
    demo.seed(seed)
    demo.seed(seed)  # a second run adds nothing
    summary = money_summary(experiment=experiment)
    assert summary.line_count == 6
    assert summary.spent == Decimal("1623.20")
    assert not summary.is_over_budget
    assert {item.category for item in summary.by_category} == {"materials", "catering", "rewards"}


def test_one_staff_experiment_is_slightly_over_budget(
    city, programme_manager, experiment_lead, team_member, testers_group
):
    from kokeilu.experiments.models import ExperimentMember

    results = {}
    for index in (3, demo.OVER_BUDGET_INDEX):
        experiment = ExperimentFactory(city=city, granted_amount=0, starts_on=datetime.date(2026, 1, 1))
        ExperimentMember.objects.create(experiment=experiment, user=experiment_lead, role="lead")
        ExperimentMember.objects.create(experiment=experiment, user=team_member, role="team")
        demo.seed(
            _demo(experiment, "staff", index, programme_manager, experiment_lead, team_member, testers_group)
        )
        results[index] = money_summary(experiment=experiment)
    assert not results[3].is_over_budget
    over = results[demo.OVER_BUDGET_INDEX]
    assert over.is_over_budget and over.over_by == Decimal("184.30")
