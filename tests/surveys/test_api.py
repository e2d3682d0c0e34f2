"""The surveys API: the same services as the pages."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kokeilu.surveys.models import Survey, SurveyResponse, SurveyState

from .conftest import questions_by_kind, valid_answers

pytestmark = pytest.mark.django_db


def api(name, **kwargs):
    return reverse(name, kwargs={"slug": "koestamo", **kwargs})


def client_as(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_team_builds_opens_and_closes_through_the_api(experiment_lead, testers_group):
    client = client_as(experiment_lead)
    response = client.post(
        api("api-survey-list"),
        {"title_fi": "API-kysely", "audience": "group", "group": testers_group.pk},
        format="json",
    )
    assert response.status_code == 201, response.data
    survey_id = response.data["id"]
    assert response.data["link"].startswith("http://testserver/")
    response = client.post(
        api("api-survey-questions", survey_id=survey_id),
        {
            "kind": "multiple",
            "text_fi": "Mitkä?",
            "max_selections": 1,
            "options": [{"text_fi": "a"}, {"text_fi": "b"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    question_id = response.data["id"]
    response = client.patch(
        api("api-survey-question", survey_id=survey_id, question_id=question_id),
        {"is_required": True},
        format="json",
    )
    assert response.status_code == 200 and response.data["is_required"] is True
    assert client.post(api("api-survey-open", survey_id=survey_id)).data["state"] == "open"
    response = client.patch(
        api("api-survey-question", survey_id=survey_id, question_id=question_id),
        {"text_fi": "X"},
        format="json",
    )
    assert response.status_code == 400 and response.data["code"] == "not_draft"
    assert client.post(api("api-survey-close", survey_id=survey_id)).data["state"] == "closed"
    assert client.delete(api("api-survey-detail", survey_id=survey_id)).status_code == 400
    assert Survey.objects.get().state == SurveyState.CLOSED


def test_rules_answer_400_under_the_field(experiment_lead):
    response = client_as(experiment_lead).post(
        api("api-survey-list"), {"title_fi": "X", "allow_anonymous": True}, format="json"
    )
    assert response.status_code == 400 and "allow_anonymous" in response.data


def test_members_answer_and_errors_come_by_question(survey, tester):
    client = client_as(tester)
    q = questions_by_kind(survey)
    response = client.post(
        api("api-survey-answer", survey_id=survey.pk),
        {"answers": {str(k): v for k, v in valid_answers(survey, rating=9, text="x" * 30).items()}},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.data["answers"]) == {str(q["rating"].pk), str(q["text"].pk)}
    response = client.post(
        api("api-survey-answer", survey_id=survey.pk),
        {"answers": {str(k): v for k, v in valid_answers(survey).items()}},
        format="json",
    )
    assert response.status_code == 201 and response.data == {"saved": True}
    again = client.post(
        api("api-survey-answer", survey_id=survey.pk),
        {"answers": {str(k): v for k, v in valid_answers(survey).items()}},
        format="json",
    )
    assert again.status_code == 400 and again.data["code"] == "already_answered"
    assert SurveyResponse.objects.count() == 1


def test_public_link_endpoint_takes_anonymous_answers(public_survey):
    client = client_as()
    path = api("api-survey-link-answer", token=public_survey.token)
    body = {"answers": {str(k): v for k, v in valid_answers(public_survey).items()}}
    response = client.post(path, body, format="json")
    assert response.status_code == 201
    assert set(response.data) == {"saved"}  # no id to guess or look up
    assert client.post(path, body, format="json").status_code == 400  # the browser's cookie
    assert client_as().post(path, body, format="json").status_code == 201
    questions = client.get(api("api-survey-link", token=public_survey.token))
    assert questions.status_code == 200 and "responses" not in questions.data
    assert len(questions.data["questions"]) == 5
    assert client.get(api("api-survey-results", survey_id=public_survey.pk)).status_code in (401, 403)
    assert client.get(api("api-survey-link", token="nope")).status_code == 404


def test_link_endpoint_of_a_non_public_survey(survey, group_survey, tester, other_tester):
    body = {"answers": {str(k): v for k, v in valid_answers(survey).items()}}
    assert (
        client_as().post(api("api-survey-link-answer", token=survey.token), body, format="json").status_code
        == 404
    )
    response = client_as(other_tester).post(
        api("api-survey-link-answer", token=survey.token), body, format="json"
    )
    assert response.status_code == 201
    body = {"answers": {str(k): v for k, v in valid_answers(group_survey).items()}}
    response = client_as(other_tester).post(
        api("api-survey-link-answer", token=group_survey.token), body, format="json"
    )
    assert response.status_code == 404


def test_results_json(survey, tester, experiment_lead):
    client_as(tester).post(
        api("api-survey-answer", survey_id=survey.pk),
        {"answers": {str(k): v for k, v in valid_answers(survey).items()}},
        format="json",
    )
    response = client_as(experiment_lead).get(api("api-survey-results", survey_id=survey.pk))
    assert response.status_code == 200
    assert response.data["responses"] == 1
    nps = next(q for q in response.data["questions"] if q["kind"] == "nps")
    assert nps["nps"] == 100 and nps["promoters"] == 1


def test_group_survey_is_invisible_to_non_members_in_the_api(group_survey, other_tester, tester):
    assert client_as(other_tester).get(api("api-survey-list")).data == []
    titles = [s["title"] for s in client_as(tester).get(api("api-survey-list")).data]
    assert titles == ["Ryhmän kysely"]
    assert (
        client_as(other_tester)
        .post(api("api-survey-answer", survey_id=group_survey.pk), {"answers": {}}, format="json")
        .status_code
        == 404
    )
