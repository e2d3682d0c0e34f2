"""Axe on every tab of an experiment's workspace, filled with the demo seeders' content, for the manager
(who sees every control) and for a tester on a phone."""

import importlib
import random

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from kokeilu.demo.experiments import SEEDED_APPS
from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import ParticipantGroup
from tests.factories import ExperimentMemberFactory, UserFactory

from .conftest import axe_violations, login

TABS = ("", "plan/", "money/", "agreement/", "people/", "events/", "materials/", "updates/", "surveys/")


def builtin_rows() -> None:
    """The data migrations' built-in phase and agreement templates and methods (transactional tests
    flush them)."""
    from kokeilu.agreements.models import AgreementTemplate
    from kokeilu.planning.models import PhaseTemplate

    if not PhaseTemplate.objects.filter(city__isnull=True).exists():
        importlib.import_module(
            "kokeilu.planning.migrations.0002_builtin_phase_templates"
        ).create_builtin_templates(django_apps, None)
    if not AgreementTemplate.objects.filter(city__isnull=True).exists():
        importlib.import_module("kokeilu.agreements.migrations.0003_kyky_template").create_template(
            django_apps, None
        )
    importlib.import_module("kokeilu.methods.migrations.0002_builtin_methods").create_builtin_methods(
        django_apps, None
    )


@pytest.fixture
def filled_experiment(experiment, programme_manager, experiment_lead, team_member, tester, testers_group):
    builtin_rows()
    staff_group = ParticipantGroup.objects.create(
        experiment=experiment, name_fi="Henkilöstö", name_en="Staff"
    )
    testers = [tester]
    for number in range(3):
        user = UserFactory(username=f"demo_tester_{number}")
        member = ExperimentMemberFactory(experiment=experiment, user=user, role="tester")
        testers_group.members.add(member)
        testers.append(user)
    demo = DemoExperiment(
        experiment=experiment,
        kind="koestamo",
        index=0,
        manager=programme_manager,
        lead=experiment_lead,
        team=[team_member],
        testers=testers,
        groups={"testers": testers_group, "staff": staff_group},
        now=timezone.now(),
        random=random.Random(5),
    )
    for app in SEEDED_APPS:
        importlib.import_module(f"kokeilu.{app}.demo").seed(demo)
    return experiment


@pytest.mark.django_db(transaction=True)
def test_every_tab_for_the_manager(page, filled_experiment):
    login(page, "programme_manager")
    for tab in TABS:
        page.goto(f"/fi/experiments/{filled_experiment.slug}/{tab}")
        assert page.locator("h1").is_visible()
        assert axe_violations(page) == [], tab


@pytest.mark.django_db(transaction=True)
def test_every_tab_for_a_tester_on_a_phone(phone_page, filled_experiment):
    login(phone_page, "tester")
    for tab in ("", "plan/", "agreement/", "people/", "events/", "materials/", "updates/", "surveys/"):
        phone_page.goto(f"/fi/experiments/{filled_experiment.slug}/{tab}")
        assert phone_page.locator("h1").is_visible(), tab
        assert axe_violations(phone_page) == [], tab


@pytest.mark.django_db(transaction=True)
def test_public_faces_for_an_anonymous_visitor_on_a_phone(
    phone_page, filled_experiment, programme_manager, applicant
):
    """What people outside the workspace open: a public experiment's overview and updates, a survey's
    shareable link, and an e-mailed invitation (which asks them to sign in)."""
    from kokeilu.experiments.models import Experiment
    from kokeilu.experiments.services import invitation_create
    from kokeilu.surveys.models import Survey

    Experiment.objects.filter(pk=filled_experiment.pk).update(is_public=True)
    survey = Survey.objects.filter(experiment=filled_experiment, allow_anonymous=True, state="open").first()
    assert survey is not None, "the demo seeder makes a public tester survey"
    invitation = invitation_create(
        experiment=filled_experiment, invited_by=programme_manager, email="visitor@example.test"
    )
    pages = [
        f"/fi/experiments/{filled_experiment.slug}/",
        f"/sv/experiments/{filled_experiment.slug}/updates/",
        f"/fi/s/{survey.token}/",
        f"/en/s/{survey.token}/",
    ]
    for path in pages:
        phone_page.goto(path)
        assert phone_page.locator("h1").is_visible(), path
        assert axe_violations(phone_page) == [], path
    login(phone_page, "applicant")
    phone_page.goto(f"/fi/experiments/invitations/{invitation.token}/")
    assert phone_page.get_by_role("button", name="Hyväksy kutsu").is_visible()
    assert axe_violations(phone_page) == []
