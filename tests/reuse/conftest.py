"""Reuse fixtures: Helsinki's published learning (in Finnish, Swedish and English) and the places Espoo's
programme manager could copy it into, with the places that must refuse it.

The learning comes from `other_city` (Helsinki) and the targets are `city`'s (Espoo's), so the personas
line up with a cross-city reuse: `programme_manager` manages the target's city, `other_city_manager`
manages the learning's city but not the target's, `reviewer` and `tester` are Espoo people who manage
nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override

from kokeilu.calls.models import Call
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform
from kokeilu.reports.models import FinalReport, Learning, NextStep, ReportState, Visibility
from tests.factories import CallFactory, DevelopmentNeedFactory, ExperimentFactory, PlatformFactory

STATEMENTS = {
    "statement_fi": "Henkilöstö mukaan suunnitteluun heti alussa",
    "statement_sv": "Involvera personalen i planeringen från början",
    "statement_en": "Involve the staff in planning from the start",
}
EVIDENCE = "Yksiköissä, joissa henkilöstö osallistui työpajaan, ratkaisua käytettiin kaksi kertaa useammin."
DRAFT_CALL_TITLE = "Salainen luonnoshaku kirjastoille"
DRAFT_NEED_TITLE = "Salainen luonnostarve nuorisotaloille"


def _(text: str) -> str:
    """What a page shows for a message (tests run in Finnish)."""
    with override("fi"):
        return gettext(text)


def draft_call(platform: Platform, **fields) -> Call:
    """A call not yet published (its dates are in the future, as a draft's are)."""
    now = timezone.now()
    return CallFactory(
        platform=platform,
        published_at=None,
        opens_at=now + timedelta(days=10),
        closes_at=now + timedelta(days=40),
        **fields,
    )


@dataclass
class Places:
    learning: Learning
    internal: Learning
    unapproved: Learning
    platform: Platform
    hidden_platform: Platform
    draft_call: Call
    open_call: Call
    scheduled_call: Call
    draft_need: DevelopmentNeed
    published_need: DevelopmentNeed
    addressed_need: DevelopmentNeed
    archived_need: DevelopmentNeed
    other_city_call: Call


def approved_report(experiment, *, approved_at=None) -> FinalReport:
    approved_at = approved_at or timezone.now() - timedelta(days=30)
    return FinalReport.objects.create(
        experiment=experiment,
        summary_fi="Yhteenveto",
        next_step=NextStep.ADOPT,
        next_step_owner_name="Palvelualue",
        state=ReportState.APPROVED,
        created_by=experiment.created_by,
        submitted_at=approved_at,
        approved_at=approved_at,
    )


@pytest.fixture
def places(city, other_city) -> Places:
    helsinki_experiment = ExperimentFactory(
        city=other_city,
        slug="staff-start",
        title_fi="Henkilöstökokeilu",
        title_sv="Personalförsök",
        title_en="Staff experiment",
        status="completed",
    )
    report = approved_report(helsinki_experiment)
    learning = Learning.objects.create(report=report, position=1, evidence=EVIDENCE, **STATEMENTS)
    internal = Learning.objects.create(
        report=report, position=2, statement_fi="Sisäinen havainto", visibility=Visibility.INTERNAL
    )
    pending_experiment = ExperimentFactory(city=other_city, slug="pending")
    pending = FinalReport.objects.create(
        experiment=pending_experiment,
        summary_fi="Kesken",
        next_step=NextStep.STOP,
        next_step_owner_name="X",
        state=ReportState.SUBMITTED,
        created_by=pending_experiment.created_by,
        submitted_at=timezone.now(),
    )
    unapproved = Learning.objects.create(report=pending, position=1, statement_fi="Hyväksymätön havainto")

    platform = PlatformFactory(city=city, slug="espoo-services", name_fi="Espoon palvelut")
    hidden_platform = PlatformFactory(city=city, slug="espoo-internal", is_public=False)
    now = timezone.now()
    other_platform = PlatformFactory(city=other_city, slug="helsinki-services")
    return Places(
        learning=learning,
        internal=internal,
        unapproved=unapproved,
        platform=platform,
        hidden_platform=hidden_platform,
        draft_call=draft_call(platform, slug="draft-call", title_fi=DRAFT_CALL_TITLE, description_en=""),
        open_call=CallFactory(platform=platform, slug="open-call", title_fi="Avoin haku"),
        scheduled_call=CallFactory(
            platform=platform,
            slug="scheduled-call",
            opens_at=now + timedelta(days=3),
            closes_at=now + timedelta(days=30),
        ),
        draft_need=DevelopmentNeedFactory(
            platform=platform, title_fi=DRAFT_NEED_TITLE, status=NeedStatus.DRAFT
        ),
        published_need=DevelopmentNeedFactory(platform=platform, title_fi="Julkaistu tarve"),
        addressed_need=DevelopmentNeedFactory(platform=platform, status=NeedStatus.ADDRESSED),
        archived_need=DevelopmentNeedFactory(platform=platform, status=NeedStatus.ARCHIVED),
        other_city_call=draft_call(other_platform, slug="helsinki-draft"),
    )
