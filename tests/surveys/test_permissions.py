"""The permission matrix: every persona × every survey page and endpoint. Denied writes change nothing
and send no mail."""

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from kokeilu.surveys.models import Answer, Question, QuestionOption, Survey, SurveyResponse
from tests.conftest import WORKSPACE_PERSONAS

from .conftest import build_survey, questions_by_kind, valid_answers

pytestmark = pytest.mark.django_db

TEAM = {"partner_member", "team_member", "experiment_lead", "programme_manager", "site_admin"}
MEMBERS = TEAM | {"tester", "other_tester"}
# Who sees the testers' group survey (audience_filter): managers, leads, and the group's members.
GROUP_AUDIENCE = {"tester", "experiment_lead", "programme_manager", "site_admin"}


def snapshot():
    return (
        list(Survey.objects.order_by("pk").values()),
        list(Question.objects.order_by("pk").values()),
        list(QuestionOption.objects.order_by("pk").values()),
        SurveyResponse.objects.count(),
        Answer.objects.count(),
    )


@pytest.fixture
def surveys(experiment, experiment_lead, testers_group, tester, other_tester, partner_member, team_member):
    from kokeilu.experiments.models import Audience

    draft = build_survey(experiment, experiment_lead, open_it=False, title_fi="Luonnos")
    open_survey = build_survey(experiment, experiment_lead, title_fi="Avoin")
    group = build_survey(
        experiment, experiment_lead, title_fi="Ryhmä", audience=Audience.GROUP, group=testers_group
    )
    return {"draft": draft, "open": open_survey, "group": group}


def page(name, survey=None, **kwargs):
    if survey is not None:
        kwargs["survey_id"] = survey.pk
    return reverse(f"surveys:{name}", kwargs={"slug": "koestamo", **kwargs})


def expected_page_status(persona, level):
    if persona == "anonymous":
        return 302  # to sign in
    if persona not in MEMBERS:
        return 404
    if level == "team" and persona not in TEAM:
        return 403
    return 200


TEAM_PAGES = [
    ("create", None),
    ("detail", "open"),
    ("edit", "open"),
    ("results", "open"),
    ("results_live", "open"),
    ("export", "open"),
    ("qr_png", "open"),
    ("qr_svg", "open"),
    ("question_add", "draft"),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_pages(persona, workspace_persona, client_for, surveys):
    client = client_for(workspace_persona(persona))
    assert client.get(page("list")).status_code == expected_page_status(persona, "view")
    assert client.get(page("answer", surveys["open"])).status_code == expected_page_status(persona, "view")
    for name, key in TEAM_PAGES:
        status = client.get(page(name, surveys[key] if key else None)).status_code
        assert status == expected_page_status(persona, "team"), name
    question = surveys["draft"].questions.first()
    status = client.get(page("question_edit", surveys["draft"], question_id=question.pk)).status_code
    assert status == expected_page_status(persona, "team")


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_group_survey_pages_are_invisible_outside_the_group(persona, workspace_persona, client_for, surveys):
    client = client_for(workspace_persona(persona))
    response = client.get(page("answer", surveys["group"]))
    if persona == "anonymous":
        assert response.status_code == 302
    elif persona in GROUP_AUDIENCE:
        assert response.status_code == 200
    else:
        assert response.status_code == 404
    listing = client.get(page("list"))
    if listing.status_code == 200:
        assert ("Ryhmä" in listing.content.decode()) == (persona in GROUP_AUDIENCE)
    link = client.get(reverse("survey_links:answer", kwargs={"token": surveys["group"].token}))
    expected = 302 if persona == "anonymous" else (200 if persona in GROUP_AUDIENCE else 404)
    assert link.status_code == expected


def team_writes(surveys):
    draft, open_survey = surveys["draft"], surveys["open"]
    question = draft.questions.first()
    return [
        (page("create"), {"title_fi": "Uusi", "audience": "experiment", "one_answer_per_person": "on"}),
        (
            page("edit", open_survey),
            {"title_fi": "Muutettu", "audience": "experiment", "one_answer_per_person": "on"},
        ),
        (page("state", open_survey), {"state": "closed"}),
        (page("state", draft), {"state": "open"}),
        (page("new_link", open_survey), {}),
        (page("delete", draft), {}),
        (page("question_add", draft), {"kind": "text", "text_fi": "Uusi kysymys"}),
        (
            page("question_edit", draft, question_id=question.pk),
            {"kind": "rating", "text_fi": "Muutettu", "scale_max": "5"},
        ),
        (page("question_delete", draft, question_id=question.pk), {}),
    ]


@pytest.mark.parametrize("persona", [p for p in WORKSPACE_PERSONAS if p not in TEAM])
def test_denied_page_writes_change_nothing(persona, workspace_persona, client_for, surveys):
    client = client_for(workspace_persona(persona))
    before = snapshot()
    for path, data in team_writes(surveys):
        response = client.post(path, data)
        assert response.status_code in (302, 403, 404), path
        if response.status_code == 302:
            assert persona == "anonymous" and "/accounts/" in response["Location"]
    assert snapshot() == before
    assert mail.outbox == []


@pytest.mark.parametrize("persona", sorted(TEAM))
def test_the_team_may_write(persona, workspace_persona, client_for, surveys):
    client = client_for(workspace_persona(persona))
    for path, data in team_writes(surveys):
        response = client.post(path, data)
        assert response.status_code in (200, 302), path
    assert Survey.objects.filter(title_fi="Uusi").exists()
    # The draft was opened before the attempt to delete it, which the rules then refuse.
    assert Survey.objects.get(pk=surveys["draft"].pk).state == "open"
    assert Survey.objects.get(pk=surveys["open"].pk).state == "closed"


def api(name, **kwargs):
    return reverse(name, kwargs={"slug": "koestamo", **kwargs})


def api_client(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def expected_api_status(persona, level, ok=200):
    if persona == "anonymous":
        return (401, 403)
    if persona not in MEMBERS:
        return (404,)
    if level == "team" and persona not in TEAM:
        return (403,)
    return (ok,)


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_api_reads(persona, workspace_persona, surveys):
    client = api_client(workspace_persona(persona))
    open_survey = surveys["open"]
    assert client.get(api("api-survey-list")).status_code in expected_api_status(persona, "view")
    for name in ("api-survey-detail", "api-survey-results"):
        assert client.get(api(name, survey_id=open_survey.pk)).status_code in expected_api_status(
            persona, "team"
        )


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_api_writes(persona, workspace_persona, surveys):
    client = api_client(workspace_persona(persona))
    draft, open_survey = surveys["draft"], surveys["open"]
    question = draft.questions.first()
    writes = [
        ("post", api("api-survey-list"), {"title_fi": "Uusi"}, 201),
        ("patch", api("api-survey-detail", survey_id=open_survey.pk), {"title_fi": "Muutettu"}, 200),
        ("post", api("api-survey-questions", survey_id=draft.pk), {"kind": "text", "text_fi": "Q"}, 201),
        (
            "patch",
            api("api-survey-question", survey_id=draft.pk, question_id=question.pk),
            {"text_fi": "M"},
            200,
        ),
        (
            "post",
            api("api-survey-link", survey_id=open_survey.pk)
            if False
            else api("api-survey-new-link", survey_id=open_survey.pk),
            {},
            200,
        ),
        ("post", api("api-survey-close", survey_id=open_survey.pk), {}, 200),
        ("post", api("api-survey-open", survey_id=draft.pk), {}, 200),
        ("delete", api("api-survey-question", survey_id=draft.pk, question_id=question.pk), {}, 400),
        ("delete", api("api-survey-detail", survey_id=draft.pk), {}, 400),
    ]
    before = snapshot()
    for method, path, data, ok in writes:
        status = getattr(client, method)(path, data, format="json").status_code
        assert status in expected_api_status(persona, "team", ok), (method, path, status)
    if persona not in TEAM:
        assert snapshot() == before
        assert mail.outbox == []


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_api_answers(persona, workspace_persona, surveys):
    user = workspace_persona(persona)
    client = api_client(user)
    for key, audience in (("open", MEMBERS), ("group", GROUP_AUDIENCE)):
        survey = surveys[key]
        body = {"answers": {str(k): v for k, v in valid_answers(survey).items()}}
        before = SurveyResponse.objects.count()
        status = client.post(api("api-survey-answer", survey_id=survey.pk), body, format="json").status_code
        if persona == "anonymous":
            assert status in (401, 403)
        elif persona in audience:
            assert status == 201
        else:
            assert status == 404
        assert SurveyResponse.objects.count() == before + (1 if status == 201 else 0)
    assert questions_by_kind(surveys["open"])  # the survey is intact
