"""Fixtures of the planning tests: the experiment on Koestamo's template, with a plan in it."""

import datetime

import pytest

from kokeilu.experiments.models import ExperimentMember
from kokeilu.planning import services
from kokeilu.planning.models import (
    GateAnswer,
    GateQuestion,
    Milestone,
    Phase,
    PhaseTemplate,
    StatusReport,
    Task,
    TemplateGateQuestion,
    TemplatePhase,
)


@pytest.fixture
def koestamo_template(db):
    return PhaseTemplate.objects.get(city__isnull=True, key="koestamo")


@pytest.fixture
def phased_experiment(experiment, programme_manager, koestamo_template):
    """The experiment on DISCOVER → DREAM → DESIGN → DO, in DISCOVER, over 1 Mar – 29 May (90 days)."""
    experiment.starts_on = datetime.date(2026, 3, 1)
    experiment.ends_on = datetime.date(2026, 5, 29)
    experiment.save()
    services.phase_apply_template(
        experiment=experiment, template=koestamo_template, applied_by=programme_manager
    )
    return experiment


def phases_of(experiment) -> list[Phase]:
    return list(Phase.objects.filter(experiment=experiment).order_by("position"))


@pytest.fixture
def plan_rows(phased_experiment, programme_manager, experiment_lead, team_member, tester, city):
    """Everything the pages and endpoints act on: DISCOVER's questions answered (so the experiment may move
    on), a milestone, a task, a status report and a city template with a phase and a question."""
    discover, dream, design, do = phases_of(phased_experiment)
    public_question, internal_question = discover.gate_questions.order_by("position")
    services.gate_answer_save(question=public_question, answered_by=team_member, text="Asiakkaat eksyvät.")
    services.gate_answer_save(question=internal_question, answered_by=team_member, text="SALAINEN riski.")
    milestone = services.milestone_create(
        experiment=phased_experiment,
        created_by=experiment_lead,
        title="Haastattelut tehty",
        due_on=datetime.date(2026, 3, 14),
        phase=discover,
    )
    task = services.task_create(
        experiment=phased_experiment,
        created_by=experiment_lead,
        title="Haastattelurunko",
        owner=ExperimentMember.objects.get(experiment=phased_experiment, user=team_member),
        due_on=datetime.date(2026, 3, 5),
        milestone=milestone,
    )
    report = services.status_report_create(
        experiment=phased_experiment,
        reported_by=experiment_lead,
        status="at_risk",
        reason="Aikataulu on tiukka.",
    )
    template = services.template_create(city=city, created_by=programme_manager, name_fi="Espoon malli")
    template_phase = services.template_phase_add(
        template=template, added_by=programme_manager, name_fi="Alku"
    )
    services.template_phase_add(template=template, added_by=programme_manager, name_fi="Loppu")
    template_question = services.template_question_add(
        phase=template_phase, added_by=programme_manager, text_fi="Mitä opimme?"
    )
    return {
        "experiment": phased_experiment,
        "phases": (discover, dream, design, do),
        "public_question": public_question,
        "internal_question": internal_question,
        "dream_question": dream.gate_questions.first(),
        "milestone": milestone,
        "task": task,
        "report": report,
        "template": template,
        "template_phase": template_phase,
        "template_question": template_question,
    }


def plan_snapshot() -> dict[str, list]:
    """Every planning row as values, to assert that a refused action changed nothing."""
    return {
        "phases": list(Phase.objects.order_by("pk").values()),
        "questions": list(GateQuestion.objects.order_by("pk").values()),
        "answers": list(GateAnswer.objects.order_by("pk").values()),
        "milestones": list(Milestone.objects.order_by("pk").values()),
        "tasks": list(Task.objects.order_by("pk").values()),
        "reports": list(StatusReport.objects.order_by("pk").values()),
        "templates": list(PhaseTemplate.objects.order_by("pk").values()),
        "template_phases": list(TemplatePhase.objects.order_by("pk").values()),
        "template_questions": list(TemplateGateQuestion.objects.order_by("pk").values()),
    }
