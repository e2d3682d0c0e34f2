"""The planning API: the same rules as the pages, through the same services."""

import pytest
from rest_framework.test import APIClient

from kokeilu.planning.models import GateAnswer, GateQuestion, Phase, PhaseTemplate, StatusReport, Task

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


# --- Gate questions of the experiment's phases ----------------------------------------------------------


def test_gate_questions_of_a_phase_follow_visibility(plan_rows, tester, team_member):
    experiment, discover = plan_rows["experiment"], plan_rows["phases"][0]
    path = base(experiment) + f"phases/{discover.pk}/gate-questions/"
    assert [row["visibility"] for row in api(tester).get(path).json()] == ["public"]
    team_rows = api(team_member).get(path).json()
    assert [row["visibility"] for row in team_rows] == ["public", "internal"]
    assert team_rows[1]["answer"]["text"] == "SALAINEN riski."
    internal = base(experiment) + f"gate-questions/{plan_rows['internal_question'].pk}/"
    assert api(tester).get(internal).status_code == 404
    assert api(team_member).get(internal).json()["text_fi"] == plan_rows["internal_question"].text_fi


def test_managers_and_leads_keep_a_phase_gate(plan_rows, experiment_lead):
    experiment, dream = plan_rows["experiment"], plan_rows["phases"][1]
    client = api(experiment_lead)
    response = client.post(
        base(experiment) + f"phases/{dream.pk}/gate-questions/",
        {"text_fi": "  Mikä yllätti?  ", "text_en": "What surprised us?", "visibility": "internal"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["text_fi"], created["visibility"], created["is_required"], created["answer"]) == (
        "Mikä yllätti?",
        "internal",
        True,
        None,
    )
    assert list(dream.gate_questions.order_by("position").values_list("pk", flat=True))[-1] == created["id"]
    response = client.patch(
        base(experiment) + f"gate-questions/{created['id']}/", {"visibility": "public"}, format="json"
    )
    assert response.status_code == 200
    # Only the given field changed; an omitted is_required stays as it was.
    assert (response.json()["visibility"], response.json()["is_required"]) == ("public", True)
    assert response.json()["text_en"] == "What surprised us?"
    response = client.patch(
        base(experiment) + f"gate-questions/{created['id']}/",
        {"text_fi": "", "text_en": " "},
        format="json",
    )
    assert response.status_code == 400 and "text_fi" in response.json()
    response = client.patch(
        base(experiment) + f"gate-questions/{created['id']}/", {"visibility": "secret"}, format="json"
    )
    assert response.status_code == 400 and "visibility" in response.json()
    assert GateQuestion.objects.get(pk=created["id"]).text_fi == "Mikä yllätti?"
    assert client.delete(base(experiment) + f"gate-questions/{created['id']}/").status_code == 204
    assert not GateQuestion.objects.filter(pk=created["id"]).exists()


def test_editing_a_question_keeps_its_answer(plan_rows, programme_manager):
    question = plan_rows["public_question"]
    response = api(programme_manager).patch(
        base(plan_rows["experiment"]) + f"gate-questions/{question.pk}/",
        {"text_fi": "Kenen ongelmaa ratkaisemme?"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["answer"]["text"] == "Asiakkaat eksyvät."


def test_a_done_phase_gate_cannot_change(plan_rows, programme_manager):
    experiment = plan_rows["experiment"]
    client = api(programme_manager)
    assert client.post(base(experiment) + "phases/advance/").status_code == 200  # DISCOVER is done
    discover, question = plan_rows["phases"][0], plan_rows["public_question"]
    before = plan_snapshot()
    response = client.post(
        base(experiment) + f"phases/{discover.pk}/gate-questions/", {"text_fi": "Myöhässä?"}, format="json"
    )
    assert response.status_code == 400 and response.json()["code"] == "phase_done"
    response = client.patch(
        base(experiment) + f"gate-questions/{question.pk}/", {"text_fi": "X"}, format="json"
    )
    assert response.status_code == 400 and response.json()["code"] == "phase_done"
    response = client.delete(base(experiment) + f"gate-questions/{question.pk}/")
    assert response.status_code == 400 and response.json()["code"] == "phase_done"
    assert plan_snapshot() == before


def test_gate_questions_of_another_experiment_are_not_found(plan_rows, programme_manager, city):
    from tests.factories import ExperimentFactory

    other = ExperimentFactory(city=city)
    client = api(programme_manager)
    question = plan_rows["dream_question"]
    before = plan_snapshot()
    assert (
        client.patch(
            base(other) + f"gate-questions/{question.pk}/", {"text_fi": "X"}, format="json"
        ).status_code
        == 404
    )
    assert client.delete(base(other) + f"gate-questions/{question.pk}/").status_code == 404
    response = client.post(
        base(other) + f"phases/{question.phase_id}/gate-questions/", {"text_fi": "X"}, format="json"
    )
    assert response.status_code == 404
    assert plan_snapshot() == before


# --- The city's phase templates ---------------------------------------------------------------------------


def test_a_programme_manager_builds_a_template_and_applies_it(experiment, programme_manager, city):
    client = api(programme_manager)
    templates = base(experiment) + "phase-templates/"
    response = client.post(templates, {"description_fi": "Ilman nimeä"}, format="json")
    assert response.status_code == 400 and "name_fi" in response.json()
    response = client.post(templates, {"name_fi": "Espoon malli", "name_en": "Espoo model"}, format="json")
    assert response.status_code == 201, response.json()
    template = response.json()
    assert (template["is_builtin"], template["key"], template["phases"]) == (False, "", [])
    assert PhaseTemplate.objects.get(pk=template["id"]).city == city
    template_url = templates + f"{template['id']}/"
    assert (
        client.patch(template_url, {"description_fi": "Kaksi vaihetta"}, format="json").json()[
            "description_fi"
        ]
        == "Kaksi vaihetta"
    )
    first = client.post(template_url + "phases/", {"name_fi": "Alku"}, format="json").json()
    second = client.post(template_url + "phases/", {"name_fi": "Loppu"}, format="json").json()
    assert (first["position"], second["position"]) == (1, 2)
    response = client.patch(template_url + f"phases/{second['id']}/", {"name_en": "End"}, format="json")
    assert response.status_code == 200 and response.json()["name_en"] == "End"
    response = client.post(template_url + f"phases/{second['id']}/move/", {"direction": "up"}, format="json")
    assert [phase["name_fi"] for phase in response.json()["phases"]] == ["Loppu", "Alku"]
    response = client.post(
        template_url + f"phases/{first['id']}/questions/",
        {"text_fi": "Mitä opimme?", "visibility": "internal", "is_required": False},
        format="json",
    )
    assert response.status_code == 201
    question = response.json()
    assert (question["visibility"], question["is_required"]) == ("internal", False)
    response = client.patch(
        template_url + f"questions/{question['id']}/", {"is_required": True}, format="json"
    )
    assert response.status_code == 200 and response.json()["is_required"] is True
    assert response.json()["visibility"] == "internal"
    shown = client.get(template_url).json()
    assert [(phase["name_fi"], len(phase["questions"])) for phase in shown["phases"]] == [
        ("Loppu", 0),
        ("Alku", 1),
    ]
    # The template is offered to the city's experiments, and applying it copies its gate.
    response = client.post(
        base(experiment) + "phases/apply-template/", {"template": template["id"]}, format="json"
    )
    assert response.status_code == 200
    assert [(phase["name_fi"], len(phase["gate_questions"])) for phase in response.json()] == [
        ("Loppu", 0),
        ("Alku", 1),
    ]
    assert client.delete(template_url + f"questions/{question['id']}/").status_code == 204
    assert client.delete(template_url + f"phases/{first['id']}/").status_code == 204
    assert [phase["name_fi"] for phase in client.get(template_url).json()["phases"]] == ["Loppu"]
    assert client.delete(template_url).status_code == 204
    assert not PhaseTemplate.objects.filter(pk=template["id"]).exists()
    # The experiment keeps the phases it copied.
    assert Phase.objects.filter(experiment=experiment).count() == 2


def test_built_in_templates_are_read_only(plan_rows, programme_manager, site_admin):
    experiment = plan_rows["experiment"]
    koestamo = PhaseTemplate.objects.get(city__isnull=True, key="koestamo")
    phase = koestamo.phases.order_by("position").first()
    question = phase.questions.first()
    url = base(experiment) + f"phase-templates/{koestamo.pk}/"
    assert api(programme_manager).get(url).json()["is_builtin"] is True
    before = plan_snapshot()
    for user in (programme_manager, site_admin):
        client = api(user)
        responses = [
            client.patch(url, {"name_fi": "Oma"}, format="json"),
            client.delete(url),
            client.post(url + "phases/", {"name_fi": "Lisä"}, format="json"),
            client.patch(url + f"phases/{phase.pk}/", {"name_fi": "X"}, format="json"),
            client.post(url + f"phases/{phase.pk}/move/", {"direction": "down"}, format="json"),
            client.delete(url + f"phases/{phase.pk}/"),
            client.post(url + f"phases/{phase.pk}/questions/", {"text_fi": "X?"}, format="json"),
            client.patch(url + f"questions/{question.pk}/", {"text_fi": "X?"}, format="json"),
            client.delete(url + f"questions/{question.pk}/"),
        ]
        assert [response.status_code for response in responses] == [403] * len(responses)
    assert plan_snapshot() == before


def test_only_the_city_managers_change_its_templates(plan_rows, experiment_lead, other_city_manager):
    experiment, template = plan_rows["experiment"], plan_rows["template"]
    url = base(experiment) + f"phase-templates/{template.pk}/"
    before = plan_snapshot()
    # A lead reads the templates their experiment can use but cannot change them.
    assert api(experiment_lead).get(url).status_code == 200
    assert api(experiment_lead).patch(url, {"name_fi": "X"}, format="json").status_code == 403
    assert (
        api(experiment_lead)
        .post(base(experiment) + "phase-templates/", {"name_fi": "X"}, format="json")
        .status_code
        == 403
    )
    # Another city's manager cannot see this experiment at all.
    assert api(other_city_manager).patch(url, {"name_fi": "X"}, format="json").status_code == 404
    assert plan_snapshot() == before


def test_another_citys_template_is_not_found(plan_rows, programme_manager, other_city):
    foreign = PhaseTemplate.objects.create(city=other_city, name_fi="Vieras malli")
    foreign_phase = foreign.phases.create(name_fi="Vaihe")
    experiment = plan_rows["experiment"]
    client = api(programme_manager)
    url = base(experiment) + f"phase-templates/{foreign.pk}/"
    before = plan_snapshot()
    assert client.get(url).status_code == 404
    assert client.patch(url, {"name_fi": "X"}, format="json").status_code == 404
    assert client.delete(url).status_code == 404
    assert client.post(url + "phases/", {"name_fi": "X"}, format="json").status_code == 404
    # A phase of the city's own template addressed through another template is not found either.
    own = base(experiment) + f"phase-templates/{plan_rows['template'].pk}/"
    assert (
        client.patch(own + f"phases/{foreign_phase.pk}/", {"name_fi": "X"}, format="json").status_code == 404
    )
    assert plan_snapshot() == before
