import datetime

import pytest
from django.utils import timezone

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import ExperimentMember
from kokeilu.reports import demo
from kokeilu.reports.models import FinalReport, ReportState
from kokeilu.reports.selectors import published_learning_list, report_get_published
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db


def _demo(experiment, index, programme_manager, experiment_lead, team_member, testers_group):
    return DemoExperiment(
        experiment=experiment,
        kind="staff",
        index=index,
        manager=programme_manager,
        lead=experiment_lead,
        team=[team_member],
        testers=[],
        groups={"testers": testers_group, "staff": testers_group},
        now=timezone.make_aware(datetime.datetime(2026, 4, 1, 12)),
    )


def test_completed_staff_experiments_get_approved_reports_and_one_running_a_draft(
    city, programme_manager, experiment_lead, team_member, testers_group
):
    experiments = {}
    for index in (0, 1, 2, 3, 5):
        experiment = ExperimentFactory(city=city, status="completed" if index < 3 else "running")
        ExperimentMember.objects.create(experiment=experiment, user=experiment_lead, role="lead")
        seed = _demo(experiment, index, programme_manager, experiment_lead, team_member, testers_group)
        demo.seed(seed)
        demo.seed(seed)  # a second run adds nothing
        experiments[index] = experiment
    for index in (0, 1, 2):
        report = report_get_published(experiments[index])
        assert report is not None and report.state == ReportState.APPROVED
        assert report.summary_fi and report.summary_sv and report.summary_en and report.next_step
        assert len(report.public_learnings) == 3
        assert all(
            learning.statement_fi and learning.statement_sv and learning.statement_en
            for learning in report.public_learnings
        )
        assert len(report.public_quotes) == 1 and report.public_quotes[0].consent_recorded
        assert len(report.public_measures) == 2
    assert report_get_published(experiments[1]).learnings.count() == 4  # one internal
    assert FinalReport.objects.get(experiment=experiments[3]).state == ReportState.DRAFT
    assert not FinalReport.objects.filter(experiment=experiments[5]).exists()
    assert published_learning_list().count() == 9


def test_koestamo_gets_no_report(experiment, programme_manager, experiment_lead, team_member, testers_group):
    seed = _demo(experiment, 0, programme_manager, experiment_lead, team_member, testers_group)
    seed.kind = "koestamo"
    demo.seed(seed)
    assert not FinalReport.objects.exists()
