"""Every rule of the planning services."""

import datetime
import itertools
import random

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import ExperimentMember
from kokeilu.experiments.selectors import experiment_access
from kokeilu.planning import services
from kokeilu.planning.models import (
    GateAnswer,
    GateQuestion,
    Phase,
    PhaseState,
    PhaseTemplate,
    StatusReport,
    Task,
    TaskStatus,
    TemplateGateQuestion,
)
from kokeilu.planning.selectors import (
    gate_answers_for_learnings,
    phase_list,
    plan_progress,
    status_latest,
    task_is_overdue,
    template_list_for_experiment,
    template_list_of_city,
)
from kokeilu.planning.services.phases import spread_dates
from kokeilu.planning.timeline import build_timeline
from tests.factories import ExperimentFactory, ExperimentMemberFactory

from .conftest import phases_of, plan_snapshot

pytestmark = pytest.mark.django_db


# --- Built-in templates ---------------------------------------------------------------------------------


def test_builtin_templates_exist_in_three_languages():
    templates = {template.key: template for template in PhaseTemplate.objects.filter(city__isnull=True)}
    assert set(templates) == {"koestamo", "tampere", "numbered"}
    koestamo = [phase.name_en for phase in templates["koestamo"].phases.order_by("position")]
    assert koestamo == ["DISCOVER", "DREAM", "DESIGN", "DO"]
    tampere = [phase.name_en for phase in templates["tampere"].phases.order_by("position")]
    assert tampere == [
        "Visions and challenges",
        "Experiments and change",
        "Evaluation and tendering",
        "Production and development",
    ]
    numbered = [phase.name_sv for phase in templates["numbered"].phases.order_by("position")]
    assert numbered == ["Fas 1", "Fas 2", "Fas 3"]
    for template in templates.values():
        assert template.name_fi and template.name_sv and template.name_en
        for phase in template.phases.all():
            assert phase.name_fi and phase.name_sv and phase.name_en
            for question in phase.questions.all():
                assert question.text_fi and question.text_sv and question.text_en


# --- Applying a template --------------------------------------------------------------------------------


def test_spread_dates_covers_the_schedule_without_gaps():
    spans = spread_dates(datetime.date(2026, 3, 1), datetime.date(2026, 5, 29), 4)
    assert spans[0][0] == datetime.date(2026, 3, 1)
    assert spans[-1][1] == datetime.date(2026, 5, 29)
    for (_first, last), (following, _end) in itertools.pairwise(spans):
        assert following == last + datetime.timedelta(days=1)
    assert [(last - first).days + 1 for first, last in spans] == [22, 23, 22, 23]


def test_applying_a_template_copies_phases_and_questions_dated_over_the_experiment(phased_experiment):
    phases = phases_of(phased_experiment)
    assert [phase.name_en for phase in phases] == ["DISCOVER", "DREAM", "DESIGN", "DO"]
    assert [phase.state for phase in phases] == ["current", "upcoming", "upcoming", "upcoming"]
    assert phases[0].starts_on == datetime.date(2026, 3, 1)
    assert phases[-1].ends_on == datetime.date(2026, 5, 29)
    discover_questions = list(phases[0].gate_questions.order_by("position"))
    assert [(q.visibility, q.is_required) for q in discover_questions] == [
        ("public", True),
        ("internal", False),
    ]
    assert phases[2].gate_questions.filter(visibility="internal", is_required=True).count() == 1


def test_applying_again_replaces_unstarted_phases(phased_experiment, programme_manager):
    numbered = PhaseTemplate.objects.get(city__isnull=True, key="numbered")
    services.phase_apply_template(
        experiment=phased_experiment, template=numbered, applied_by=programme_manager
    )
    assert [phase.name_en for phase in phases_of(phased_experiment)] == ["Phase 1", "Phase 2", "Phase 3"]


def test_a_template_cannot_replace_phases_once_a_gate_is_answered(
    phased_experiment, programme_manager, team_member
):
    question = phases_of(phased_experiment)[0].gate_questions.first()
    services.gate_answer_save(question=question, answered_by=team_member, text="Vastaus")
    before = plan_snapshot()
    numbered = PhaseTemplate.objects.get(city__isnull=True, key="numbered")
    with pytest.raises(ApplicationError) as error:
        services.phase_apply_template(
            experiment=phased_experiment, template=numbered, applied_by=programme_manager
        )
    assert error.value.code == "phases_in_use"
    assert plan_snapshot() == before


def test_only_managers_and_leads_apply_templates(experiment, team_member, experiment_lead, koestamo_template):
    with pytest.raises(PermissionDeniedError):
        services.phase_apply_template(
            experiment=experiment, template=koestamo_template, applied_by=team_member
        )
    assert not Phase.objects.exists()
    services.phase_apply_template(
        experiment=experiment, template=koestamo_template, applied_by=experiment_lead
    )
    assert Phase.objects.filter(experiment=experiment).count() == 4


def test_another_citys_template_cannot_be_applied(
    experiment, programme_manager, other_city, other_city_manager
):
    foreign = services.template_create(
        city=other_city, created_by=other_city_manager, name_fi="Helsingin malli"
    )
    services.template_phase_add(template=foreign, added_by=other_city_manager, name_fi="Vaihe")
    with pytest.raises(ApplicationError) as error:
        services.phase_apply_template(experiment=experiment, template=foreign, applied_by=programme_manager)
    assert error.value.field == "template"
    assert not Phase.objects.filter(experiment=experiment).exists()


# --- The stage gate and the phase state machine --------------------------------------------------------


def test_cannot_advance_with_an_unanswered_required_gate_question(phased_experiment, programme_manager):
    before = plan_snapshot()
    with pytest.raises(ApplicationError) as error:
        services.phase_advance(experiment=phased_experiment, advanced_by=programme_manager)
    assert error.value.code == "gate_unanswered"
    assert "Whose problem" in str(error.value.message) or "Kenen ongelmaa" in str(error.value.message)
    assert plan_snapshot() == before


def test_advancing_needs_required_answers_only(phased_experiment, programme_manager, team_member):
    discover, dream, *_rest = phases_of(phased_experiment)
    required = discover.gate_questions.get(is_required=True)
    services.gate_answer_save(question=required, answered_by=team_member, text="Ensikertalaisten.")
    current = services.phase_advance(experiment=phased_experiment, advanced_by=programme_manager)
    assert current is not None and current.pk == dream.pk
    discover.refresh_from_db()
    dream.refresh_from_db()
    assert discover.state == PhaseState.DONE and discover.completed_at is not None
    assert dream.state == PhaseState.CURRENT and dream.started_at is not None
    assert Phase.objects.filter(experiment=phased_experiment, state="current").count() == 1


def test_advancing_past_the_last_phase_leaves_every_phase_done(
    phased_experiment, programme_manager, team_member
):
    for _phase in range(4):
        current = Phase.objects.get(experiment=phased_experiment, state="current")
        for question in current.gate_questions.all():
            services.gate_answer_save(question=question, answered_by=team_member, text="Vastaus")
        result = services.phase_advance(experiment=phased_experiment, advanced_by=programme_manager)
    assert result is None
    assert {phase.state for phase in phases_of(phased_experiment)} == {"done"}
    with pytest.raises(ApplicationError) as error:
        services.phase_advance(experiment=phased_experiment, advanced_by=programme_manager)
    assert error.value.code == "all_done"


def test_advancing_starts_the_first_phase_when_none_is_current(experiment, programme_manager):
    first = services.phase_create(experiment=experiment, created_by=programme_manager, name_fi="Alku")
    services.phase_create(experiment=experiment, created_by=programme_manager, name_fi="Loppu")
    assert services.phase_advance(experiment=experiment, advanced_by=programme_manager) == first
    first.refresh_from_db()
    assert first.state == PhaseState.CURRENT


def test_advancing_without_phases_is_refused(experiment, programme_manager):
    with pytest.raises(ApplicationError) as error:
        services.phase_advance(experiment=experiment, advanced_by=programme_manager)
    assert error.value.code == "no_phases"


def test_team_members_cannot_advance(plan_rows, team_member):
    before = plan_snapshot()
    with pytest.raises(PermissionDeniedError):
        services.phase_advance(experiment=plan_rows["experiment"], advanced_by=team_member)
    assert plan_snapshot() == before


def test_the_database_allows_one_current_phase_only(phased_experiment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.create(
            experiment=phased_experiment, position=9, name_fi="Toinen", state=PhaseState.CURRENT
        )


def test_answers_record_who_and_when_and_can_be_edited_until_the_phase_is_done(
    phased_experiment, programme_manager, team_member, partner_member
):
    question = phases_of(phased_experiment)[0].gate_questions.get(is_required=True)
    first = services.gate_answer_save(question=question, answered_by=team_member, text="Ensimmäinen")
    assert first.answered_by == team_member and first.answered_at is not None
    second = services.gate_answer_save(question=question, answered_by=partner_member, text="  Toinen  ")
    assert second.pk == first.pk
    assert (second.text, second.answered_by) == ("Toinen", partner_member)
    services.phase_advance(experiment=phased_experiment, advanced_by=programme_manager)
    with pytest.raises(ApplicationError) as error:
        services.gate_answer_save(question=question, answered_by=team_member, text="Myöhässä")
    assert error.value.code == "phase_done"
    assert GateAnswer.objects.get(question=question).text == "Toinen"


def test_testers_cannot_answer_gate_questions(phased_experiment, tester):
    question = phases_of(phased_experiment)[0].gate_questions.first()
    with pytest.raises(PermissionDeniedError):
        services.gate_answer_save(question=question, answered_by=tester, text="Vastaus")
    assert not GateAnswer.objects.exists()


def test_an_empty_answer_is_refused(phased_experiment, team_member):
    question = phases_of(phased_experiment)[0].gate_questions.first()
    with pytest.raises(ApplicationError) as error:
        services.gate_answer_save(question=question, answered_by=team_member, text="   ")
    assert error.value.field == "text"


def test_internal_questions_are_hidden_from_testers(plan_rows, tester, team_member):
    experiment = plan_rows["experiment"]
    for user, expected in ((tester, {"public"}), (team_member, {"public", "internal"})):
        access = experiment_access(user=user, experiment=experiment)
        seen = {
            q.visibility
            for phase in phase_list(experiment=experiment, access=access)
            for q in phase.gate_questions.all()
        }
        assert seen == expected


def test_learnings_return_public_and_internal_answers_apart(plan_rows):
    learnings = gate_answers_for_learnings(plan_rows["experiment"])
    assert [answer.text for answer in learnings.public] == ["Asiakkaat eksyvät."]
    assert [answer.text for answer in learnings.internal] == ["SALAINEN riski."]


def test_gate_questions_are_managed_by_managers_until_the_phase_is_done(
    plan_rows, experiment_lead, team_member
):
    discover = plan_rows["phases"][0]
    with pytest.raises(PermissionDeniedError):
        services.gate_question_add(phase=discover, added_by=team_member, text_fi="Kysymys?")
    question = services.gate_question_add(
        phase=discover, added_by=experiment_lead, text_en="Did we?", visibility="internal", is_required=False
    )
    assert (question.position, question.visibility, question.is_required) == (3, "internal", False)
    with pytest.raises(ApplicationError):
        services.gate_question_add(phase=discover, added_by=experiment_lead)
    with pytest.raises(ApplicationError):
        services.gate_question_add(phase=discover, added_by=experiment_lead, text_fi="X", visibility="secret")
    services.gate_question_delete(question=question, deleted_by=experiment_lead)
    services.phase_advance(experiment=plan_rows["experiment"], advanced_by=experiment_lead)
    discover.refresh_from_db()
    with pytest.raises(ApplicationError):
        services.gate_question_add(phase=discover, added_by=experiment_lead, text_fi="Myöhään?")
    with pytest.raises(ApplicationError):
        services.gate_question_delete(question=plan_rows["public_question"], deleted_by=experiment_lead)


def test_gate_questions_are_edited_by_managers_until_the_phase_is_done(
    plan_rows, experiment_lead, team_member
):
    question = plan_rows["public_question"]
    with pytest.raises(PermissionDeniedError):
        services.gate_question_update(question=question, updated_by=team_member, text_fi="X?")
    services.gate_question_update(
        question=question, updated_by=experiment_lead, text_fi="  Uusi sanamuoto?  ", visibility="internal"
    )
    question.refresh_from_db()
    assert (question.text_fi, question.visibility, question.is_required) == (
        "Uusi sanamuoto?",
        "internal",
        True,
    )
    assert question.answer.text == "Asiakkaat eksyvät."  # the answer stays with the question
    with pytest.raises(ApplicationError) as error:
        services.gate_question_update(
            question=question, updated_by=experiment_lead, text_fi="", text_sv="", text_en=" "
        )
    assert error.value.field == "text_fi"
    with pytest.raises(ApplicationError) as error:
        services.gate_question_update(question=question, updated_by=experiment_lead, visibility="secret")
    assert error.value.field == "visibility"
    with pytest.raises(ApplicationError):
        services.gate_question_update(question=question, updated_by=experiment_lead, phase=None)
    services.phase_advance(experiment=plan_rows["experiment"], advanced_by=experiment_lead)
    done_question = GateQuestion.objects.get(pk=question.pk)
    before = plan_snapshot()
    with pytest.raises(ApplicationError) as error:
        services.gate_question_update(question=done_question, updated_by=experiment_lead, is_required=False)
    assert error.value.code == "phase_done"
    assert plan_snapshot() == before


def test_a_gate_question_loaded_before_its_phase_was_done_is_not_changed(plan_rows, experiment_lead):
    """The phase's state is read again under the lock, so a question fetched earlier cannot slip through."""
    question = GateQuestion.objects.select_related("phase__experiment").get(
        pk=plan_rows["public_question"].pk
    )
    services.phase_advance(experiment=plan_rows["experiment"], advanced_by=experiment_lead)
    with pytest.raises(ApplicationError):
        services.gate_question_update(question=question, updated_by=experiment_lead, text_fi="Myöhään?")
    assert GateQuestion.objects.get(pk=question.pk).text_fi != "Myöhään?"


# --- Editing the experiment's phases --------------------------------------------------------------------


def test_phases_are_added_renamed_and_redated(phased_experiment, experiment_lead):
    phase = services.phase_create(
        experiment=phased_experiment,
        created_by=experiment_lead,
        name_fi=" Jälkihoito ",
        starts_on=datetime.date(2026, 6, 1),
        ends_on=datetime.date(2026, 6, 30),
    )
    assert (phase.position, phase.state, phase.name_fi) == (5, "upcoming", "Jälkihoito")
    services.phase_update(
        phase=phase, updated_by=experiment_lead, name_en="Aftercare", ends_on=datetime.date(2026, 7, 31)
    )
    phase.refresh_from_db()
    assert (phase.name_en, phase.ends_on) == ("Aftercare", datetime.date(2026, 7, 31))
    with pytest.raises(ApplicationError) as error:
        services.phase_update(phase=phase, updated_by=experiment_lead, ends_on=datetime.date(2026, 5, 1))
    assert error.value.field == "ends_on"
    with pytest.raises(ApplicationError):
        services.phase_update(phase=phase, updated_by=experiment_lead, name_fi="", name_en="")
    with pytest.raises(ApplicationError):
        services.phase_create(experiment=phased_experiment, created_by=experiment_lead, name_fi="")


def test_team_members_cannot_edit_phases(phased_experiment, team_member):
    phase = phases_of(phased_experiment)[1]
    before = plan_snapshot()
    for action in (
        lambda: services.phase_create(experiment=phased_experiment, created_by=team_member, name_fi="X"),
        lambda: services.phase_update(phase=phase, updated_by=team_member, name_fi="X"),
        lambda: services.phase_move(phase=phase, moved_by=team_member, direction="down"),
        lambda: services.phase_delete(phase=phase, deleted_by=team_member),
    ):
        with pytest.raises(PermissionDeniedError):
            action()
    assert plan_snapshot() == before


def test_only_upcoming_phases_move_and_are_deleted(phased_experiment, programme_manager):
    discover, dream, design, _do = phases_of(phased_experiment)
    services.phase_move(phase=design, moved_by=programme_manager, direction="down")
    assert [p.name_en for p in phases_of(phased_experiment)] == ["DISCOVER", "DREAM", "DO", "DESIGN"]
    with pytest.raises(ApplicationError):
        services.phase_move(
            phase=dream, moved_by=programme_manager, direction="up"
        )  # before the current phase
    with pytest.raises(ApplicationError):
        services.phase_move(phase=discover, moved_by=programme_manager, direction="down")  # the current phase
    with pytest.raises(ApplicationError):
        services.phase_move(phase=dream, moved_by=programme_manager, direction="sideways")
    with pytest.raises(ApplicationError) as error:
        services.phase_delete(phase=discover, deleted_by=programme_manager)
    assert error.value.code == "phase_started"
    services.phase_delete(phase=dream, deleted_by=programme_manager)
    assert [(p.position, p.name_en) for p in phases_of(phased_experiment)] == [
        (1, "DISCOVER"),
        (2, "DO"),
        (3, "DESIGN"),
    ]


# --- Milestones, tasks and status -----------------------------------------------------------------------


def test_the_team_keeps_milestones_and_tasks(phased_experiment, partner_member, team_member):
    owner = ExperimentMember.objects.get(experiment=phased_experiment, user=team_member)
    milestone = services.milestone_create(
        experiment=phased_experiment,
        created_by=partner_member,
        title="Prototyyppi",
        due_on=datetime.date(2026, 4, 1),
    )
    task = services.task_create(
        experiment=phased_experiment,
        created_by=partner_member,
        title="Piirrä",
        owner=owner,
        milestone=milestone,
    )
    assert task.status == TaskStatus.TODO and task.completed_at is None
    services.task_update(task=task, updated_by=team_member, status="done")
    task.refresh_from_db()
    assert task.completed_at is not None
    services.task_update(task=task, updated_by=team_member, status="doing")
    task.refresh_from_db()
    assert task.completed_at is None
    services.milestone_update(milestone=milestone, updated_by=team_member, is_done=True)
    milestone.refresh_from_db()
    assert milestone.is_done
    services.milestone_delete(milestone=milestone, deleted_by=team_member)
    task.refresh_from_db()
    assert task.milestone is None
    services.task_delete(task=task, deleted_by=team_member)
    assert not Task.objects.exists()


def test_testers_cannot_write_the_plan(plan_rows, tester):
    experiment = plan_rows["experiment"]
    before = plan_snapshot()
    for action in (
        lambda: services.milestone_create(
            experiment=experiment, created_by=tester, title="X", due_on=datetime.date(2026, 4, 1)
        ),
        lambda: services.milestone_update(milestone=plan_rows["milestone"], updated_by=tester, title="X"),
        lambda: services.milestone_delete(milestone=plan_rows["milestone"], deleted_by=tester),
        lambda: services.task_create(experiment=experiment, created_by=tester, title="X"),
        lambda: services.task_update(task=plan_rows["task"], updated_by=tester, status="done"),
        lambda: services.task_delete(task=plan_rows["task"], deleted_by=tester),
        lambda: services.status_report_create(experiment=experiment, reported_by=tester, status="on_track"),
    ):
        with pytest.raises(PermissionDeniedError):
            action()
    assert plan_snapshot() == before


def test_task_owner_and_milestone_belong_to_the_experiment(phased_experiment, team_member, city):
    other = ExperimentFactory(city=city)
    stranger = ExperimentMemberFactory(experiment=other)
    with pytest.raises(ApplicationError) as error:
        services.task_create(experiment=phased_experiment, created_by=team_member, title="X", owner=stranger)
    assert error.value.field == "owner"
    foreign_milestone = services.milestone_create(
        experiment=other, created_by=_manager_of(other), title="M", due_on=datetime.date(2026, 4, 1)
    )
    with pytest.raises(ApplicationError) as error:
        services.task_create(
            experiment=phased_experiment, created_by=team_member, title="X", milestone=foreign_milestone
        )
    assert error.value.field == "milestone"
    with pytest.raises(ApplicationError) as error:
        services.task_create(experiment=phased_experiment, created_by=team_member, title=" ")
    assert error.value.field == "title"
    with pytest.raises(ApplicationError):
        services.task_create(experiment=phased_experiment, created_by=team_member, title="X", status="maybe")
    assert not Task.objects.exists()


def _manager_of(experiment):
    from kokeilu.accounts.models import Role
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    MembershipFactory(user=user, organisation=experiment.city, role=Role.PROGRAMME_MANAGER)
    return user


def test_overdue_tasks_are_flagged(plan_rows):
    task = plan_rows["task"]
    assert task_is_overdue(task, today=task.due_on + datetime.timedelta(days=1))
    assert not task_is_overdue(task, today=task.due_on)
    task.status = "done"
    assert not task_is_overdue(task, today=task.due_on + datetime.timedelta(days=1))


def test_status_needs_a_reason_unless_on_track(phased_experiment, team_member):
    for status in ("at_risk", "late"):
        with pytest.raises(ApplicationError) as error:
            services.status_report_create(
                experiment=phased_experiment, reported_by=team_member, status=status, reason=" "
            )
        assert error.value.field == "reason"
    with pytest.raises(ApplicationError):
        services.status_report_create(experiment=phased_experiment, reported_by=team_member, status="fine")
    assert not StatusReport.objects.exists()
    services.status_report_create(experiment=phased_experiment, reported_by=team_member, status="on_track")
    late = services.status_report_create(
        experiment=phased_experiment, reported_by=team_member, status="late", reason="Toimitus myöhässä"
    )
    assert status_latest(experiment=phased_experiment) == late
    assert late.reported_by == team_member and late.created_at is not None


def test_the_database_requires_a_reason_when_not_on_track(phased_experiment, team_member):
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusReport.objects.create(
            experiment=phased_experiment, status="late", reason="", reported_by=team_member
        )


def test_progress_counts_tasks_done_and_the_current_phase(plan_rows, team_member, programme_manager):
    experiment = plan_rows["experiment"]
    services.task_create(experiment=experiment, created_by=team_member, title="Valmis", status="done")
    services.phase_advance(experiment=experiment, advanced_by=programme_manager)
    progress = plan_progress(experiment=experiment)
    assert (progress.tasks_done, progress.tasks_total, progress.percent_done) == (1, 2, 50)
    assert (progress.phase_number, progress.phase_count, progress.phases_done) == (2, 4, 1)
    assert progress.current_phase is not None and progress.current_phase.name_en == "DREAM"


# --- The city's own templates ---------------------------------------------------------------------------


def test_city_managers_define_templates_with_phases_and_questions(city, programme_manager):
    template = services.template_create(city=city, created_by=programme_manager, name_fi="Oma", name_en="Own")
    first = services.template_phase_add(template=template, added_by=programme_manager, name_fi="Eka")
    second = services.template_phase_add(template=template, added_by=programme_manager, name_fi="Toka")
    services.template_phase_move(phase=second, moved_by=programme_manager, direction="up")
    assert [p.name_fi for p in template.phases.order_by("position")] == ["Toka", "Eka"]
    question = services.template_question_add(
        phase=first, added_by=programme_manager, text_fi="Miksi?", visibility="internal", is_required=False
    )
    assert (question.visibility, question.is_required) == ("internal", False)
    services.template_phase_update(phase=first, updated_by=programme_manager, name_sv="Första")
    services.template_update(template=template, updated_by=programme_manager, description_fi="Kuvaus")
    template.refresh_from_db()
    assert template.description_fi == "Kuvaus"
    services.template_question_delete(question=question, deleted_by=programme_manager)
    services.template_phase_delete(phase=first, deleted_by=programme_manager)
    assert template.phases.count() == 1
    services.template_delete(template=template, deleted_by=programme_manager)
    assert not PhaseTemplate.objects.filter(city=city).exists()


def test_template_questions_are_edited_by_the_citys_managers(
    plan_rows, programme_manager, experiment_lead, other_city_manager, koestamo_template
):
    question = plan_rows["template_question"]
    for outsider in (experiment_lead, other_city_manager):
        with pytest.raises(PermissionDeniedError):
            services.template_question_update(question=question, updated_by=outsider, text_fi="X?")
    services.template_question_update(
        question=question, updated_by=programme_manager, text_sv=" Vad lärde vi oss? ", is_required=False
    )
    question.refresh_from_db()
    assert (question.text_fi, question.text_sv, question.is_required) == (
        "Mitä opimme?",
        "Vad lärde vi oss?",
        False,
    )
    with pytest.raises(ApplicationError) as error:
        services.template_question_update(
            question=question, updated_by=programme_manager, text_fi="", text_sv=""
        )
    assert error.value.field == "text_fi"
    with pytest.raises(ApplicationError):
        services.template_question_update(question=question, updated_by=programme_manager, visibility="x")
    builtin = TemplateGateQuestion.objects.filter(phase__template=koestamo_template).first()
    with pytest.raises(PermissionDeniedError):
        services.template_question_update(question=builtin, updated_by=programme_manager, text_fi="X?")
    question.refresh_from_db()
    assert question.text_fi == "Mitä opimme?"


def test_only_the_citys_managers_change_its_templates(
    city, programme_manager, experiment_lead, other_city_manager, site_admin
):
    with pytest.raises(PermissionDeniedError):
        services.template_create(city=city, created_by=experiment_lead, name_fi="X")
    with pytest.raises(PermissionDeniedError):
        services.template_create(city=city, created_by=other_city_manager, name_fi="X")
    template = services.template_create(city=city, created_by=programme_manager, name_fi="Oma")
    with pytest.raises(PermissionDeniedError):
        services.template_update(template=template, updated_by=other_city_manager, name_fi="Y")
    with pytest.raises(ApplicationError):
        services.template_create(city=city, created_by=programme_manager, name_fi=" ")
    services.template_update(template=template, updated_by=site_admin, name_en="Admin's")
    assert PhaseTemplate.objects.filter(city=city).count() == 1


def test_builtin_templates_cannot_be_changed(site_admin, koestamo_template):
    with pytest.raises(PermissionDeniedError):
        services.template_update(template=koestamo_template, updated_by=site_admin, name_fi="X")
    with pytest.raises(PermissionDeniedError):
        services.template_delete(template=koestamo_template, deleted_by=site_admin)


def test_city_templates_are_seen_in_their_city_only(
    experiment, city, other_city, programme_manager, other_city_manager
):
    own = services.template_create(city=city, created_by=programme_manager, name_fi="Espoon")
    foreign = services.template_create(city=other_city, created_by=other_city_manager, name_fi="Helsingin")
    offered = set(template_list_for_experiment(experiment=experiment))
    assert own in offered and foreign not in offered
    assert len(offered) == 4
    assert list(template_list_of_city(user=programme_manager, city_id=city.pk)) == [own]
    assert list(template_list_of_city(user=other_city_manager, city_id=city.pk)) == []


# --- Timeline and demo ----------------------------------------------------------------------------------


def test_timeline_draws_phases_milestones_and_today(plan_rows, team_member):
    experiment = plan_rows["experiment"]
    access = experiment_access(user=team_member, experiment=experiment)
    timeline = build_timeline(
        experiment=experiment,
        phases=list(phase_list(experiment=experiment, access=access)),
        milestones=[plan_rows["milestone"]],
        today=datetime.date(2026, 4, 1),
    )
    assert [bar.state for bar in timeline.bars] == ["current", "upcoming", "upcoming", "upcoming"]
    assert timeline.bars[0].x == timeline.left
    assert all(bar.width > 0 for bar in timeline.bars)
    assert timeline.bars[-1].x + timeline.bars[-1].width == pytest.approx(timeline.width - 16, abs=0.2)
    assert len(timeline.diamonds) == 1 and timeline.today_x is not None
    outside = build_timeline(experiment=experiment, phases=[], milestones=[], today=datetime.date(2030, 1, 1))
    assert outside.today_x is None


def test_demo_seed_puts_koestamo_in_design_and_staff_at_varied_phases(
    experiment, programme_manager, experiment_lead, team_member, tester, testers_group
):
    now = timezone.now()
    demo = DemoExperiment(
        experiment=experiment,
        kind="koestamo",
        index=0,
        manager=programme_manager,
        lead=experiment_lead,
        team=[team_member],
        testers=[tester],
        groups={"testers": testers_group, "staff": testers_group},
        now=now,
        random=random.Random(2026),
    )
    from kokeilu.planning.demo import seed

    seed(demo)
    seed(demo)  # a second run adds nothing
    current = Phase.objects.get(experiment=experiment, state="current")
    assert current.name_en == "DESIGN"
    learnings = gate_answers_for_learnings(experiment)
    assert learnings.public and learnings.internal
    assert experiment.milestones.count() == 5 and experiment.tasks.count() == 7
    assert status_latest(experiment=experiment).status == "at_risk"

    staff = ExperimentFactory(city=experiment.city)
    ExperimentMemberFactory(experiment=staff, user=experiment_lead, role="lead")
    seed(
        DemoExperiment(
            experiment=staff,
            kind="staff",
            index=4,
            manager=programme_manager,
            lead=experiment_lead,
            team=[],
            testers=[],
            groups={},
            now=now,
        )
    )
    assert Phase.objects.get(experiment=staff, state="current").position == 2
    assert status_latest(experiment=staff).status == "late"
