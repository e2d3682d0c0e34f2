"""The planning API: the same rules as the pages, through the same services."""

import pytest
from rest_framework.test import APIClient

from kokeilu.planning.models import GateAnswer, Phase, PhaseTemplate, StatusReport, Task

from .conftest import plan_snapshot

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def base(experiment):
    return f"/api/v1/experiments/{experiment.slug}/"


def _questions(payload):
    return [question for phase in payload for question in phase["gate_questions"]]


def test_testers_get_public_gate_answers_only(plan_rows, tester, team_member):
    experiment = plan_rows["experiment"]
    response = api(tester).get(base(experiment) + "phases/")
    assert response.status_code == 200
    questions = _questions(response.json())
    assert {question["visibility"] for question in questions} == {"public"}
    assert "SALAINEN" not in response.content.decode()
    team_questions = _questions(api(team_member).get(base(experiment) + "phases/").json())
    internal = [question for question in team_questions if question["visibility"] == "internal"]
    assert internal[0]["answer"]["text"] == "SALAINEN riski."
    # A tester cannot reach an internal question by its id either.
    response = api(tester).post(
        base(experiment) + f"gate-questions/{plan_rows['internal_question'].pk}/answer/", {"text": "x"}
    )
    assert response.status_code == 403


def test_phases_list_shows_states_and_dates(plan_rows, tester):
    payload = api(tester).get(base(plan_rows["experiment"]) + "phases/").json()
    assert [(phase["name"], phase["state"]) for phase in payload][:2] == [
        ("DISCOVER – Tutki", "current"),
        ("DREAM – Ideoi", "upcoming"),
    ]
    assert payload[0]["starts_on"] == "2026-03-01" and payload[-1]["ends_on"] == "2026-05-29"


def test_advance_is_refused_with_an_unanswered_required_question(phased_experiment, programme_manager):
    before = plan_snapshot()
    response = api(programme_manager).post(base(phased_experiment) + "phases/advance/")
    assert response.status_code == 400
    assert response.json()["code"] == "gate_unanswered"
    assert plan_snapshot() == before


def test_answer_then_advance(phased_experiment, programme_manager, team_member):
    question = Phase.objects.get(experiment=phased_experiment, position=1).gate_questions.get(
        is_required=True
    )
    response = api(team_member).post(
        base(phased_experiment) + f"gate-questions/{question.pk}/answer/",
        {"text": "Ensikertalaiset."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["answer"]["text"] == "Ensikertalaiset."
    assert response.json()["answer"]["answered_by"]["id"] == team_member.pk
    response = api(programme_manager).post(base(phased_experiment) + "phases/advance/")
    assert response.status_code == 200
    assert response.json()["current_phase"]["name_en"] == "DREAM"
    response = api(team_member).post(
        base(phased_experiment) + f"gate-questions/{question.pk}/answer/", {"text": "Myöhään"}, format="json"
    )
    assert response.status_code == 400
    assert GateAnswer.objects.get(question=question).text == "Ensikertalaiset."


def test_apply_template_and_edit_phases(experiment, experiment_lead):
    client = api(experiment_lead)
    numbered = PhaseTemplate.objects.get(city__isnull=True, key="numbered")
    response = client.post(
        base(experiment) + "phases/apply-template/", {"template": numbered.pk}, format="json"
    )
    assert response.status_code == 200
    assert [phase["name_en"] for phase in response.json()] == ["Phase 1", "Phase 2", "Phase 3"]
    response = client.post(base(experiment) + "phases/", {"name_fi": "Vaihe 4"}, format="json")
    assert response.status_code == 201
    new_id = response.json()["id"]
    response = client.patch(base(experiment) + f"phases/{new_id}/", {"name_en": "Phase 4"}, format="json")
    assert response.status_code == 200 and response.json()["name_en"] == "Phase 4"
    response = client.post(base(experiment) + f"phases/{new_id}/move/", {"direction": "up"}, format="json")
    assert [phase["name_en"] for phase in response.json()] == ["Phase 1", "Phase 2", "Phase 4", "Phase 3"]
    first_id = response.json()[0]["id"]
    assert client.delete(base(experiment) + f"phases/{first_id}/").status_code == 400  # current
    assert client.delete(base(experiment) + f"phases/{new_id}/").status_code == 204
    response = client.post(base(experiment) + "phases/apply-template/", {"template": 999999}, format="json")
    assert response.status_code == 400 and "template" in response.json()


def test_milestones_and_tasks_crud(phased_experiment, team_member):
    client = api(team_member)
    response = client.post(
        base(phased_experiment) + "milestones/", {"title": "Testit", "due_on": "2026-04-01"}, format="json"
    )
    assert response.status_code == 201
    milestone_id = response.json()["id"]
    owner_id = phased_experiment.members.get(user=team_member).pk
    response = client.post(
        base(phased_experiment) + "tasks/",
        {"title": "Rekrytoi", "owner": owner_id, "due_on": "2020-01-01", "milestone": milestone_id},
        format="json",
    )
    assert response.status_code == 201
    task = response.json()
    assert task["is_overdue"] is True and task["status"] == "todo" and task["owner"] == owner_id
    response = client.patch(
        base(phased_experiment) + f"tasks/{task['id']}/", {"status": "done"}, format="json"
    )
    assert response.json()["is_overdue"] is False and response.json()["completed_at"]
    assert len(client.get(base(phased_experiment) + "tasks/").json()) == 1
    response = client.patch(
        base(phased_experiment) + f"milestones/{milestone_id}/", {"is_done": True}, format="json"
    )
    assert response.json()["is_done"] is True
    assert client.delete(base(phased_experiment) + f"tasks/{task['id']}/").status_code == 204
    assert client.delete(base(phased_experiment) + f"milestones/{milestone_id}/").status_code == 204
    assert not Task.objects.exists()


def test_task_owner_from_another_experiment_is_refused(phased_experiment, team_member, city):
    from tests.factories import ExperimentFactory, ExperimentMemberFactory

    stranger = ExperimentMemberFactory(experiment=ExperimentFactory(city=city))
    response = api(team_member).post(
        base(phased_experiment) + "tasks/", {"title": "X", "owner": stranger.pk}, format="json"
    )
    assert response.status_code == 400 and "owner" in response.json()
    assert not Task.objects.exists()


def test_status_reports(phased_experiment, team_member, tester):
    client = api(team_member)
    response = client.post(base(phased_experiment) + "status-reports/", {"status": "at_risk"}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = client.post(
        base(phased_experiment) + "status-reports/", {"status": "at_risk", "reason": "Kiire"}, format="json"
    )
    assert response.status_code == 201
    listed = api(tester).get(base(phased_experiment) + "status-reports/").json()
    assert [(row["status"], row["reason"], row["reported_by"]["id"]) for row in listed] == [
        ("at_risk", "Kiire", team_member.pk)
    ]
    assert StatusReport.objects.count() == 1


def test_templates_list(plan_rows, experiment_lead):
    payload = api(experiment_lead).get(base(plan_rows["experiment"]) + "phase-templates/").json()
    assert {row["key"] for row in payload if row["is_builtin"]} == {"koestamo", "tampere", "numbered"}
    own = [row for row in payload if not row["is_builtin"]]
    assert [row["name"] for row in own] == ["Espoon malli"]
    assert [phase["name"] for phase in own[0]["phases"]] == ["Alku", "Loppu"]


def test_list_endpoints_keep_their_query_counts(plan_rows, team_member, django_assert_max_num_queries):
    client = api(team_member)
    for path in ("phases/", "milestones/", "tasks/", "status-reports/"):
        with django_assert_max_num_queries(12):
            assert client.get(base(plan_rows["experiment"]) + path).status_code == 200
