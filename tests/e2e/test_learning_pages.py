"""Axe on the pages of closing an experiment and learning from it: the final report editor and its public
page, a learning, the methods library, a company reference and the programme dashboard."""

import importlib
import random

import pytest
from django.utils import timezone

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import Experiment, ExperimentPartner, ParticipantGroup
from kokeilu.reports.models import Learning

from .conftest import axe_violations, login
from .test_workspace_pages import builtin_rows


@pytest.fixture
def completed_experiment(experiment, programme_manager, experiment_lead, team_member, tester, testers_group):
    builtin_rows()
    ExperimentPartner.objects.create(experiment=experiment, name="Testiyhtiö Oy", role="lead_partner")
    staff_group = ParticipantGroup.objects.create(experiment=experiment, name_fi="Henkilöstö")
    Experiment.objects.filter(pk=experiment.pk).update(status="completed", is_public=True)
    experiment.refresh_from_db()
    demo = DemoExperiment(
        experiment=experiment,
        kind="staff",
        index=0,
        manager=programme_manager,
        lead=experiment_lead,
        team=[team_member],
        testers=[tester],
        groups={"testers": testers_group, "staff": staff_group},
        now=timezone.now(),
        random=random.Random(7),
    )
    for app in ("planning", "methods", "references", "reports"):
        importlib.import_module(f"kokeilu.{app}.demo").seed(demo)
    return experiment


@pytest.mark.django_db(transaction=True)
def test_report_learning_methods_reference_and_dashboard_pages(page, completed_experiment, city):
    learning = Learning.objects.filter(report__experiment=completed_experiment, visibility="public").first()
    assert learning is not None, "the reports seeder publishes learnings"
    anonymous = [
        f"/fi/reports/{completed_experiment.slug}/",
        f"/sv/reports/learnings/{learning.pk}/",
        "/fi/reports/",
        "/fi/library/",
        "/sv/library/?q=personal",
        "/en/methods/",
        "/fi/methods/workshop/",
        f"/fi/references/experiments/{completed_experiment.slug}/public/",
    ]
    for path in anonymous:
        page.goto(path)
        assert page.locator("h1").is_visible(), path
        assert axe_violations(page) == [], path
    login(page, "programme_manager")
    for path in (
        f"/fi/reports/experiments/{completed_experiment.slug}/",
        f"/fi/references/experiments/{completed_experiment.slug}/",
        f"/fi/methods/experiments/{completed_experiment.slug}/",
        f"/fi/dashboards/{city.slug}/",
        f"/sv/dashboards/{city.slug}/",
    ):
        page.goto(path)
        assert page.locator("h1").is_visible(), path
        assert axe_violations(page) == [], path
