"""Who may open every page and endpoint of the reports app; denied writes change nothing and send no mail."""

import pytest
from django.core import mail
from django.urls import reverse

from kokeilu.reports.models import FinalReport, Learning, Measure, Quote
from tests.conftest import WORKSPACE_PERSONAS

from .conftest import PUBLIC_LEARNING, end

pytestmark = pytest.mark.django_db

TEAM = {"partner_member", "team_member", "experiment_lead", "programme_manager", "site_admin"}
CITY_MANAGERS = {"programme_manager", "site_admin"}
OUTSIDERS = {"applicant", "other_city_manager"}


def _denied_status(persona: str, *, api: bool) -> set[int]:
    if persona == "anonymous":
        return {401, 403} if api else {302}
    if persona in OUTSIDERS:
        return {404}
    return {403}


def _snapshot():
    return (
        sorted(
            FinalReport.objects.values_list(
                "id", "state", "summary_fi", "next_step", "manager_comment", "submitted_at", "approved_at"
            )
        ),
        sorted(Learning.objects.values_list("id", "statement_fi", "statement_en", "visibility", "evidence")),
        sorted(Quote.objects.values_list("id", "text", "visibility", "consent_recorded")),
        sorted(Measure.objects.values_list("id", "name", "before_value", "after_value")),
    )


@pytest.fixture
def ids(draft):
    return {
        "learning": Learning.objects.get(statement_fi=PUBLIC_LEARNING).pk,
        "quote": Quote.objects.first().pk,
        "measure": Measure.objects.first().pk,
    }


def _report():
    return {
        "summary_fi": "Muutettu",
        "next_step": "stop",
        "next_step_owner_name": "X",
        "next_step_reason": "Y",
    }


def _learning():
    return {"statement_fi": "Muutettu", "evidence": "E", "visibility": "public"}


def _quote():
    return {"text": "Muutettu", "speaker": "asukas", "visibility": "internal"}


def _measure():
    return {"name": "Muutettu", "before_value": "1"}


# (method, url name, kwargs(ids), data, who may) — "submitted" marks the review actions, which need a
# submitted report.
PAGES = [
    ("get", "editor", lambda ids: {}, None, TEAM),
    ("post", "report_save", lambda ids: {}, _report, TEAM),
    ("post", "learning_create", lambda ids: {}, _learning, TEAM),
    ("get", "learning_edit", lambda ids: {"pk": ids["learning"]}, None, TEAM),
    ("post", "learning_edit", lambda ids: {"pk": ids["learning"]}, _learning, TEAM),
    ("post", "learning_delete", lambda ids: {"pk": ids["learning"]}, dict, TEAM),
    ("post", "quote_create", lambda ids: {}, _quote, TEAM),
    ("get", "quote_edit", lambda ids: {"pk": ids["quote"]}, None, TEAM),
    ("post", "quote_edit", lambda ids: {"pk": ids["quote"]}, _quote, TEAM),
    ("post", "quote_delete", lambda ids: {"pk": ids["quote"]}, dict, TEAM),
    ("post", "measure_create", lambda ids: {}, _measure, TEAM),
    ("get", "measure_edit", lambda ids: {"pk": ids["measure"]}, None, TEAM),
    ("post", "measure_edit", lambda ids: {"pk": ids["measure"]}, _measure, TEAM),
    ("post", "measure_delete", lambda ids: {"pk": ids["measure"]}, dict, TEAM),
    ("post", "submit", lambda ids: {}, dict, TEAM),
    ("post", "approve", lambda ids: {}, lambda: {"comment": "OK"}, CITY_MANAGERS),
    ("post", "return", lambda ids: {}, lambda: {"comment": "Korjaa"}, CITY_MANAGERS),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "kwargs", "data", "allowed"), PAGES)
def test_pages(persona, method, name, kwargs, data, allowed, experiment, ids, workspace_persona, client_for):
    user = workspace_persona(persona)
    end(experiment)
    if name in {"approve", "return"}:
        from kokeilu.reports import services

        services.report_submit(experiment=experiment, submitted_by=workspace_persona("experiment_lead"))
    url = reverse(f"reports:{name}", kwargs={"slug": experiment.slug, **kwargs(ids)})
    before = _snapshot()
    client = client_for(user)
    response = client.get(url) if method == "get" else client.post(url, data())
    if persona in allowed:
        assert response.status_code in {200, 302}, response.status_code
        if method == "post":
            assert _snapshot() != before
    else:
        expected = _denied_status(persona, api=False)
        if allowed is CITY_MANAGERS and persona in TEAM:
            expected = {403}
        assert response.status_code in expected, response.status_code
        assert _snapshot() == before
    assert mail.outbox == []


API = [
    ("get", "report", lambda ids: {}, None, TEAM),
    ("put", "report", lambda ids: {}, _report, TEAM),
    ("get", "learnings", lambda ids: {}, None, TEAM),
    ("post", "learnings", lambda ids: {}, _learning, TEAM),
    ("get", "learning", lambda ids: {"learning_id": ids["learning"]}, None, TEAM),
    ("put", "learning", lambda ids: {"learning_id": ids["learning"]}, _learning, TEAM),
    ("delete", "learning", lambda ids: {"learning_id": ids["learning"]}, None, TEAM),
    ("get", "quotes", lambda ids: {}, None, TEAM),
    ("post", "quotes", lambda ids: {}, _quote, TEAM),
    ("get", "quote", lambda ids: {"quote_id": ids["quote"]}, None, TEAM),
    ("put", "quote", lambda ids: {"quote_id": ids["quote"]}, _quote, TEAM),
    ("delete", "quote", lambda ids: {"quote_id": ids["quote"]}, None, TEAM),
    ("get", "measures", lambda ids: {}, None, TEAM),
    ("post", "measures", lambda ids: {}, _measure, TEAM),
    ("get", "measure", lambda ids: {"measure_id": ids["measure"]}, None, TEAM),
    ("put", "measure", lambda ids: {"measure_id": ids["measure"]}, _measure, TEAM),
    ("delete", "measure", lambda ids: {"measure_id": ids["measure"]}, None, TEAM),
    ("post", "submit", lambda ids: {}, dict, TEAM),
    ("post", "approve", lambda ids: {}, lambda: {"comment": "OK"}, CITY_MANAGERS),
    ("post", "return", lambda ids: {}, lambda: {"comment": "Korjaa"}, CITY_MANAGERS),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "kwargs", "data", "allowed"), API)
def test_api(persona, method, name, kwargs, data, allowed, experiment, ids, workspace_persona, client_for):
    user = workspace_persona(persona)
    end(experiment)
    if name in {"approve", "return"}:
        from kokeilu.reports import services

        services.report_submit(experiment=experiment, submitted_by=workspace_persona("experiment_lead"))
    url = reverse(f"api-reports-{name}", kwargs={"slug": experiment.slug, **kwargs(ids)})
    before = _snapshot()
    client = client_for(user)
    call = getattr(client, method)
    response = call(url, data(), content_type="application/json") if data else call(url)
    if persona in allowed:
        assert response.status_code in {200, 201, 204}, (response.status_code, response.content)
        if method != "get":
            assert _snapshot() != before
    else:
        expected = _denied_status(persona, api=True)
        if allowed is CITY_MANAGERS and persona in TEAM:
            expected = {403}
        assert response.status_code in expected, response.status_code
        assert _snapshot() == before
    assert mail.outbox == []


PUBLIC = [
    ("reports:published_list", lambda ids: {}),
    ("reports:public", lambda ids: {"slug": "koestamo"}),
    ("reports:learning", lambda ids: {"pk": ids["learning"]}),
    ("api-reports-published-list", lambda ids: {}),
    ("api-reports-published", lambda ids: {"slug": "koestamo"}),
    ("api-reports-learning-list", lambda ids: {}),
    ("api-reports-learning-public", lambda ids: {"learning_id": ids["learning"]}),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("name", "kwargs"), PUBLIC)
def test_public_pages_and_endpoints_for_everyone_once_approved(
    persona, name, kwargs, experiment, ids, workspace_persona, client_for, programme_manager
):
    from kokeilu.reports import services

    url = reverse(name, kwargs=kwargs(ids))
    client = client_for(workspace_persona(persona))
    detail = name not in {"reports:published_list", "api-reports-published-list", "api-reports-learning-list"}
    assert client.get(url).status_code == (404 if detail else 200)
    end(experiment)
    report = services.report_submit(experiment=experiment, submitted_by=workspace_persona("experiment_lead"))
    assert client.get(url).status_code == (404 if detail else 200)
    services.report_approve(report=report, approved_by=programme_manager)
    response = client.get(url)
    assert response.status_code == 200
    assert PUBLIC_LEARNING in response.content.decode()
    assert mail.outbox == []
