"""Reports fixtures: a complete draft with public and internal parts, and its approved form."""

import pytest
from django.utils import timezone

from kokeilu.planning.models import GateAnswer, GateQuestion, Phase
from kokeilu.reports import services
from kokeilu.reports.models import FinalReport, NextStep, Visibility

PUBLIC_LEARNING = "Julkinen oppi: opettajat mukaan alusta asti"
INTERNAL_LEARNING = "Sisäinen oppi: rehtori vastusti koko ajan"
PUBLIC_QUOTE = "Tämä oli paras kokeilu ikinä"
UNCONSENTED_QUOTE = "Salainen lainaus ilman lupaa"
PUBLIC_GATE_ANSWER = "Julkinen porttivastaus: toimi hyvin"
INTERNAL_GATE_ANSWER = "Sisäinen porttivastaus: budjetti ylittyi"


@pytest.fixture
def people(experiment_lead, team_member, partner_member, tester, other_tester, programme_manager):
    """Every persona's membership exists before a request."""
    return experiment_lead


@pytest.fixture
def gate_answers(experiment, experiment_lead):
    phase = Phase.objects.create(experiment=experiment, name_fi="Testaus", position=1)
    public = GateQuestion.objects.create(
        phase=phase, text_fi="Mitä opittiin?", visibility="public", position=1
    )
    internal = GateQuestion.objects.create(
        phase=phase, text_fi="Mikä meni pieleen?", visibility="internal", position=2
    )
    now = timezone.now()
    GateAnswer.objects.create(
        question=public, text=PUBLIC_GATE_ANSWER, answered_by=experiment_lead, answered_at=now
    )
    GateAnswer.objects.create(
        question=internal, text=INTERNAL_GATE_ANSWER, answered_by=experiment_lead, answered_at=now
    )


def write_complete_draft(experiment, author) -> FinalReport:
    services.report_update(
        experiment=experiment,
        updated_by=author,
        summary_fi="Kokeilu onnistui.",
        summary_en="The experiment succeeded.",
        next_step=NextStep.ADOPT,
        next_step_owner_name="Koulutuspalvelut",
        next_step_reason="Oppilaat ja opettajat pitivät siitä.",
    )
    services.learning_create(
        experiment=experiment,
        created_by=author,
        statement_fi=PUBLIC_LEARNING,
        statement_sv="Offentlig lärdom",
        statement_en="Public learning: involve teachers from the start",
        evidence="12 opettajaa 14:stä sanoi niin.",
        tags=["Koulu", "opettajat", "koulu"],
    )
    services.learning_create(
        experiment=experiment,
        created_by=author,
        statement_fi=INTERNAL_LEARNING,
        evidence="Tiimin havainto.",
        visibility=Visibility.INTERNAL,
    )
    services.quote_create(
        experiment=experiment,
        created_by=author,
        text=PUBLIC_QUOTE,
        speaker="oppilas, 9. luokka",
        consent_recorded=True,
        consent_method="Huoltajan kirjallinen lupa",
        visibility=Visibility.PUBLIC,
    )
    services.quote_create(
        experiment=experiment, created_by=author, text=UNCONSENTED_QUOTE, speaker="opettaja"
    )
    services.measure_create(
        experiment=experiment,
        created_by=author,
        name="Tyytyväisyys",
        before_value="3.1",
        after_value="4.2",
        unit="1–5",
    )
    return FinalReport.objects.get(experiment=experiment)


@pytest.fixture
def draft(experiment, people, gate_answers):
    return write_complete_draft(experiment, people)


def end(experiment):
    experiment.status = "completed"
    experiment.save(update_fields=["status"])


@pytest.fixture
def submitted(experiment, draft, experiment_lead):
    end(experiment)
    return services.report_submit(experiment=experiment, submitted_by=experiment_lead)


@pytest.fixture
def approved(experiment, submitted, programme_manager):
    return services.report_approve(report=submitted, approved_by=programme_manager, comment="Hyvä")
