"""The report API: the same rules as the services, and nothing unpublished in the public endpoints."""

import json

import pytest
from django.urls import reverse

from kokeilu.reports.models import FinalReport, Learning, Measure, Quote, ReportState

from .conftest import (
    INTERNAL_GATE_ANSWER,
    INTERNAL_LEARNING,
    PUBLIC_GATE_ANSWER,
    PUBLIC_LEARNING,
    PUBLIC_QUOTE,
    UNCONSENTED_QUOTE,
    end,
)

pytestmark = pytest.mark.django_db

SECRETS = (INTERNAL_LEARNING, UNCONSENTED_QUOTE, INTERNAL_GATE_ANSWER, "granted", "spent", "consent")


def api(name, **kwargs):
    return reverse(f"api-reports-{name}", kwargs=kwargs)


def test_the_whole_flow_through_the_api(experiment, people, programme_manager, client_for):
    lead = client_for(people)
    response = lead.put(
        api("report", slug="koestamo"),
        {
            "summary_fi": "Yhteenveto",
            "next_step": "procure",
            "next_step_owner_name": "Hankinnat",
            "next_step_reason": "Tarvitaan kilpailutus",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["report"]["state"] == "draft"
    response = lead.post(
        api("learnings", slug="koestamo"),
        {"statement_en": "Learned", "evidence": "Survey", "tags": ["a", "B"]},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["tags"] == ["a", "b"]
    learning_id = response.json()["id"]
    response = lead.put(
        api("learning", slug="koestamo", learning_id=learning_id),
        {"statement_en": "Learned more", "evidence": "Survey", "visibility": "public"},
        content_type="application/json",
    )
    assert response.json()["statement_en"] == "Learned more"
    response = lead.post(
        api("quotes", slug="koestamo"),
        {"text": "Hyvä", "speaker": "asukas", "visibility": "public"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "visibility" in response.json()
    response = lead.post(
        api("quotes", slug="koestamo"),
        {
            "text": "Hyvä",
            "speaker": "asukas",
            "consent_recorded": True,
            "consent_method": "lomake",
            "visibility": "public",
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["consent_recorded_at"]
    response = lead.post(
        api("measures", slug="koestamo"),
        {"name": "Aika", "before_value": "10", "unit": "min"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert lead.post(api("submit", slug="koestamo")).status_code == 400  # still running
    end(experiment)
    response = lead.post(api("submit", slug="koestamo"))
    assert response.status_code == 200 and response.json()["state"] == "submitted"
    assert lead.post(api("approve", slug="koestamo"), {}, content_type="application/json").status_code == 403
    manager = client_for(programme_manager)
    response = manager.post(api("return", slug="koestamo"), {"comment": ""}, content_type="application/json")
    assert response.status_code == 400 and "comment" in response.json()
    response = manager.post(
        api("approve", slug="koestamo"), {"comment": "OK"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["state"] == "approved"
    assert response.json()["approved_by"] == programme_manager.get_full_name()
    response = lead.put(api("report", slug="koestamo"), {"summary_fi": "x"}, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "approved"


def test_team_get_has_internal_parts_and_money(draft, people, client_for):
    data = client_for(people).get(api("report", slug="koestamo")).json()
    assert {item["statement_fi"] for item in data["report"]["learnings"]} == {
        PUBLIC_LEARNING,
        INTERNAL_LEARNING,
    }
    assert [answer["answer"] for answer in data["gate_answers"]["internal"]] == [INTERNAL_GATE_ANSWER]
    assert data["money"]["granted"] == "10000.00"


def test_team_get_before_the_report_is_started(experiment, people, client_for):
    data = client_for(people).get(api("report", slug="koestamo")).json()
    assert data["report"] is None
    assert client_for(people).get(api("learnings", slug="koestamo")).json() == []


def test_public_endpoints_are_empty_until_approved(submitted, client):
    assert client.get(api("published-list")).json()["results"] == []
    assert client.get(api("learning-list")).json()["results"] == []
    assert client.get(api("published", slug="koestamo")).status_code == 404
    learning = Learning.objects.get(statement_fi=PUBLIC_LEARNING)
    assert client.get(api("learning-public", learning_id=learning.pk)).status_code == 404


def test_public_endpoints_carry_only_published_parts(approved, client):
    for url in (api("published-list"), api("learning-list"), api("published", slug="koestamo")):
        response = client.get(url)
        assert response.status_code == 200
        text = json.dumps(response.json(), ensure_ascii=False)
        assert PUBLIC_LEARNING in text
        for secret in SECRETS:
            assert secret not in text, (url, secret)
    report = client.get(api("published", slug="koestamo")).json()
    assert [quote["text"] for quote in report["quotes"]] == [PUBLIC_QUOTE]
    assert [answer["answer"] for answer in report["gate_answers"]] == [PUBLIC_GATE_ANSWER]
    assert report["experiment"]["call"] is None
    internal = Learning.objects.get(statement_fi=INTERNAL_LEARNING)
    assert client.get(api("learning-public", learning_id=internal.pk)).status_code == 404
    public = Learning.objects.get(statement_fi=PUBLIC_LEARNING)
    data = client.get(api("learning-public", learning_id=public.pk)).json()
    assert data["experiment"]["slug"] == "koestamo" and data["tags"] == ["koulu", "opettajat"]


def test_public_learning_list_query_count(approved, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(api("learning-list")).status_code == 200


def test_item_endpoints(draft, people, client_for):
    client = client_for(people)
    quote = Quote.objects.get(text=UNCONSENTED_QUOTE)
    measure = Measure.objects.get()
    assert client.get(api("quote", slug="koestamo", quote_id=quote.pk)).json()["consent_recorded"] is False
    assert client.delete(api("quote", slug="koestamo", quote_id=quote.pk)).status_code == 204
    assert client.get(api("measure", slug="koestamo", measure_id=measure.pk)).json()["unit"] == "1–5"
    response = client.put(
        api("measure", slug="koestamo", measure_id=measure.pk),
        {"name": "Tyytyväisyys", "after_value": None, "before_value": None},
        content_type="application/json",
    )
    assert response.status_code == 400 and "before_value" in response.json()
    assert client.get(api("quote", slug="koestamo", quote_id=999999)).status_code == 404
    assert FinalReport.objects.get().state == ReportState.DRAFT
