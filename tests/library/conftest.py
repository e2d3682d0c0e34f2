"""A small published library: two approved reports in two cities (with an internal learning), and a
submitted report whose learnings must never be found."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kokeilu.methods.models import ExperimentMethod, Method
from kokeilu.reports.models import FinalReport, Learning, NextStep, ReportState, Visibility
from tests.factories import CallFactory, ExperimentFactory, PlatformFactory, ThemeFactory

HELSINKI = ZoneInfo("Europe/Helsinki")

ROBOTS = {
    "statement_fi": "Opettajat innostuivat robottien käytöstä",
    "statement_sv": "Lärarna blev entusiastiska över robotarna",
    "statement_en": "Teachers became enthusiastic about the robots",
}
ELDERLY = {
    "statement_fi": "Ikäihmiset tarvitsevat tukea digipalveluissa",
    "statement_sv": "Äldre behöver stöd med digitala tjänster",
    "statement_en": "Older people need support with digital services",
}
INTERNAL = "Salainen havainto rehtorin vastustuksesta"
UNAPPROVED = "Keskeneräinen havainto kirjaston robottien aukioloista"


@dataclass
class Library:
    robots: Learning
    elderly: Learning
    internal: Learning
    unapproved: Learning
    theme_school: object
    theme_care: object
    platform: object
    call: object
    method: Method
    experiment_robots: object
    experiment_elderly: object


def _report(experiment, state, approved_at, next_step):
    return FinalReport.objects.create(
        experiment=experiment,
        summary_fi="Yhteenveto",
        next_step=next_step,
        next_step_owner_name="Palvelualue",
        state=state,
        created_by=experiment.created_by,
        submitted_at=approved_at,
        approved_at=approved_at if state == ReportState.APPROVED else None,
    )


@pytest.fixture
def library(city, other_city) -> Library:
    theme_school = ThemeFactory(slug="school", name_fi="Koulu")
    theme_care = ThemeFactory(slug="care", name_fi="Hoiva")
    platform = PlatformFactory(city=city, slug="espoo-schools")
    call = CallFactory(platform=platform, slug="robot-call", title_fi="Robottihaku")
    robots_experiment = ExperimentFactory(
        city=city,
        call=call,
        slug="robot-school",
        title_fi="Robotit koulussa",
        status="completed",
        sector="education",
    )
    elderly_experiment = ExperimentFactory(
        city=other_city,
        slug="digi-help",
        title_fi="Digiapu kotiin",
        title_en="Digital help at home",
        sector="social_health",
    )
    pending_experiment = ExperimentFactory(city=city, slug="pending", title_fi="Kesken")
    method = Method.objects.create(slug="library-rapid", name_fi="Nopea kokeilu")
    ExperimentMethod.objects.create(experiment=robots_experiment, method=method)

    robots_report = _report(
        robots_experiment, ReportState.APPROVED, datetime(2025, 3, 1, 12, tzinfo=HELSINKI), NextStep.ADOPT
    )
    elderly_report = _report(
        elderly_experiment, ReportState.APPROVED, datetime(2024, 6, 1, 12, tzinfo=HELSINKI), NextStep.STOP
    )
    pending_report = _report(
        pending_experiment, ReportState.SUBMITTED, datetime(2025, 5, 1, 12, tzinfo=HELSINKI), NextStep.SCALE
    )
    robots = Learning.objects.create(
        report=robots_report, position=1, theme=theme_school, evidence="12 opettajaa 14:stä.", **ROBOTS
    )
    internal = Learning.objects.create(
        report=robots_report, position=2, statement_fi=INTERNAL, visibility=Visibility.INTERNAL
    )
    elderly = Learning.objects.create(
        report=elderly_report, position=1, theme=theme_care, evidence="Haastattelimme 30 asukasta.", **ELDERLY
    )
    unapproved = Learning.objects.create(report=pending_report, position=1, statement_fi=UNAPPROVED)
    return Library(
        robots=robots,
        elderly=elderly,
        internal=internal,
        unapproved=unapproved,
        theme_school=theme_school,
        theme_care=theme_care,
        platform=platform,
        call=call,
        method=method,
        experiment_robots=robots_experiment,
        experiment_elderly=elderly_experiment,
    )
