"""The plan tab, its forms and the city's template pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override

from kokeilu.planning.models import Phase, PhaseTemplate, StatusReport

from .conftest import plan_snapshot

pytestmark = pytest.mark.django_db


def url(name, experiment, **kwargs):
    return reverse(f"planning:{name}", kwargs={"slug": experiment.slug, **kwargs})


def test_testers_see_public_answers_but_never_internal_ones(plan_rows, tester, client_for):
    body = client_for(tester).get(url("plan", plan_rows["experiment"])).content.decode()
    assert "Asiakkaat eksyvät." in body
    assert "SALAINEN" not in body
    assert str(plan_rows["internal_question"].text) not in body
    assert "Report the status" not in body and "Raportoi" not in body  # no forms for testers
    assert url("task_create", plan_rows["experiment"]) not in body


def test_the_team_sees_internal_answers_and_the_forms(plan_rows, team_member, client_for):
    body = client_for(team_member).get(url("plan", plan_rows["experiment"])).content.decode()
    assert "SALAINEN riski." in body
    assert url("task_create", plan_rows["experiment"]) in body
    assert url("status_create", plan_rows["experiment"]) in body
    assert url("advance", plan_rows["experiment"]) not in body  # managers and leads only


def test_plan_page_shows_phases_timeline_status_and_overdue_tasks(plan_rows, programme_manager, client_for):
    page = client_for(programme_manager).get(url("plan", plan_rows["experiment"]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and 'role="img"' in body and "timeline-title" in body
    assert "DISCOVER" in body and "Haastattelut tehty" in body
    assert "Aikataulu on tiukka." in body
    assert 'aria-current="step"' in body
    assert "<progress" in body
    assert url("timeline_svg", plan_rows["experiment"]) in body
    # The task was due on 5 March 2026 and is not done.
    assert "is-overdue" in body


def test_plan_page_query_count_does_not_grow_with_rows(
    plan_rows, programme_manager, team_member, client_for, django_assert_max_num_queries
):
    from kokeilu.planning import services

    experiment = plan_rows["experiment"]
    for number in range(15):
        milestone = services.milestone_create(
            experiment=experiment,
            created_by=team_member,
            title=f"M{number}",
            due_on=datetime.date(2026, 4, 1),
        )
        services.task_create(
            experiment=experiment, created_by=team_member, title=f"T{number}", milestone=milestone
        )
        services.status_report_create(experiment=experiment, reported_by=team_member, status="on_track")
    client = client_for(programme_manager)
    with django_assert_max_num_queries(30):
        assert client.get(url("plan", experiment)).status_code == 200


def test_timeline_downloads_as_svg(plan_rows, tester, client_for):
    response = client_for(tester).get(url("timeline_svg", plan_rows["experiment"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in body
    assert "<polygon" in body  # the milestone's diamond


def test_manager_applies_a_template_and_advance_is_refused_until_answered(
    experiment, programme_manager, client_for
):
    client = client_for(programme_manager)
    template = PhaseTemplate.objects.get(city__isnull=True, key="koestamo")
    response = client.post(url("apply_template", experiment), {"template": template.pk})
    assert response.status_code == 302
    assert Phase.objects.filter(experiment=experiment).count() == 4
    response = client.post(url("advance", experiment), follow=True)
    assert Phase.objects.get(experiment=experiment, state="current").name_en == "DISCOVER"
    assert "Kenen ongelmaa" in response.content.decode()  # the unanswered question is named in the error


def test_team_member_answers_a_gate_question_through_the_form(plan_rows, team_member, client_for):
    question = plan_rows["dream_question"]
    client = client_for(team_member)
    assert client.get(url("answer", plan_rows["experiment"], pk=question.pk)).status_code == 200
    response = client.post(
        url("answer", plan_rows["experiment"], pk=question.pk), {"text": "Kosketusnäyttö."}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer.text == "Kosketusnäyttö." and question.answer.answered_by == team_member


def test_status_form_requires_a_reason_and_keeps_what_was_typed(phased_experiment, team_member, client_for):
    response = client_for(team_member).post(
        url("status_create", phased_experiment), {"status": "late", "reason": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'aria-invalid="true"' in body and 'value="late" id="report_status_2" checked' in body.replace(
        "\n", ""
    )
    assert not StatusReport.objects.exists()
    response = client_for(team_member).post(
        url("status_create", phased_experiment), {"status": "late", "reason": "Myöhässä"}
    )
    assert response.status_code == 302
    assert StatusReport.objects.get().reason == "Myöhässä"


def test_task_and_milestone_forms(phased_experiment, team_member, client_for):
    client = client_for(team_member)
    response = client.post(
        url("milestone_create", phased_experiment), {"title": "Testit", "due_on": "2026-04-10"}
    )
    assert response.status_code == 302
    milestone = phased_experiment.milestones.get()
    response = client.post(
        url("task_create", phased_experiment),
        {"title": "Rekrytoi", "status": "todo", "milestone": milestone.pk, "due_on": "2026-04-01"},
    )
    assert response.status_code == 302
    task = phased_experiment.tasks.get()
    assert client.get(url("task_edit", phased_experiment, pk=task.pk)).status_code == 200
    response = client.post(
        url("task_edit", phased_experiment, pk=task.pk), {"title": "Rekrytoi", "status": "done"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.milestone is None
    response = client.post(url("task_create", phased_experiment), {"title": "", "status": "todo"})
    assert response.status_code == 400


def test_phase_edit_page_adds_a_gate_question(phased_experiment, experiment_lead, client_for):
    phase = Phase.objects.get(experiment=phased_experiment, position=2)
    client = client_for(experiment_lead)
    assert client.get(url("phase_edit", phased_experiment, pk=phase.pk)).status_code == 200
    response = client.post(
        url("question_create", phased_experiment, pk=phase.pk),
        {"text_fi": "Mitä muuttui?", "visibility": "internal", "is_required": "on"},
    )
    assert response.status_code == 302
    assert phase.gate_questions.filter(text_fi="Mitä muuttui?", visibility="internal").exists()


def test_phase_edit_page_edits_a_gate_question(plan_rows, experiment_lead, client_for):
    experiment, question = plan_rows["experiment"], plan_rows["dream_question"]
    client = client_for(experiment_lead)
    phase_page = client.get(url("phase_edit", experiment, pk=question.phase_id)).content.decode()
    assert url("question_edit", experiment, pk=question.pk) in phase_page
    form = client.get(url("question_edit", experiment, pk=question.pk))
    assert form.status_code == 200 and question.text_fi in form.content.decode()
    response = client.post(
        url("question_edit", experiment, pk=question.pk), {"text_fi": "", "visibility": "public"}
    )
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.text_fi != ""
    response = client.post(
        url("question_edit", experiment, pk=question.pk),
        {"text_fi": "Mitkä ideat valitsimme?", "visibility": "internal"},
        follow=True,
    )
    with override("fi"):
        assert gettext("The question was saved.") in response.content.decode()
    question.refresh_from_db()
    assert (question.text_fi, question.visibility, question.is_required) == (
        "Mitkä ideat valitsimme?",
        "internal",
        False,  # an unticked box on the form
    )


def test_a_done_phase_has_no_question_edit(plan_rows, programme_manager, client_for):
    experiment, question = plan_rows["experiment"], plan_rows["public_question"]
    client = client_for(programme_manager)
    client.post(url("advance", experiment))
    assert (
        url("question_edit", experiment, pk=question.pk)
        not in client.get(url("phase_edit", experiment, pk=question.phase_id)).content.decode()
    )
    before = plan_snapshot()
    response = client.post(
        url("question_edit", experiment, pk=question.pk), {"text_fi": "Myöhään?", "visibility": "public"}
    )
    assert response.status_code == 400
    assert plan_snapshot() == before


def test_city_manager_creates_a_template_on_the_templates_page(experiment, programme_manager, client_for):
    client = client_for(programme_manager)
    page = client.get(url("templates", experiment))
    assert page.status_code == 200
    assert "DISCOVER" in page.content.decode()
    response = client.post(url("templates", experiment), {"name_fi": "Espoon malli"})
    assert response.status_code == 302
    template = PhaseTemplate.objects.get(city=experiment.city)
    response = client.post(
        url("template_phase_create", experiment, pk=template.pk), {"phase-name_fi": "Alku"}
    )
    assert response.status_code == 302
    phase = template.phases.get()
    response = client.post(
        url("template_question_create", experiment, pk=template.pk),
        {"question-phase": phase.pk, "question-text_fi": "Mitä opimme?", "question-visibility": "public"},
    )
    assert response.status_code == 302
    assert phase.questions.get().is_required is False  # the box was left unticked
    assert client.get(url("template_edit", experiment, pk=template.pk)).status_code == 200
    before = plan_snapshot()
    assert client.post(url("templates", experiment), {"name_fi": ""}).status_code == 400
    assert plan_snapshot() == before


def test_overview_shows_phase_progress_status_and_next_milestone(plan_rows, tester, client_for, applicant):
    experiment = plan_rows["experiment"]
    from kokeilu.planning import services

    services.milestone_create(
        experiment=experiment,
        created_by=plan_rows["task"].owner.user,
        title="Tuleva virstanpylväs",
        due_on=datetime.date.today() + datetime.timedelta(days=5),
    )
    body = (
        client_for(tester)
        .get(reverse("experiments:detail", kwargs={"slug": experiment.slug}))
        .content.decode()
    )
    assert "plan-overview-heading" in body
    assert "<progress" in body
    assert "Aikataulu on tiukka." in body
    assert "Tuleva virstanpylväs" in body
    assert "DISCOVER" in body
    experiment.is_public = True
    experiment.save()
    public = (
        client_for(applicant)
        .get(reverse("experiments:detail", kwargs={"slug": experiment.slug}))
        .content.decode()
    )
    assert "plan-overview-heading" not in public
