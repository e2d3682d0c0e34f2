from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import CallFactory, DecisionFactory, SubmittedProposalFactory


@pytest.mark.django_db
def test_public_calls_api_lists_published_calls_and_filters_open(platform):
    open_call = CallFactory(platform=platform)
    CallFactory(platform=platform, published_at=None)
    past = CallFactory(
        platform=platform,
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() - timedelta(days=10),
    )
    client = APIClient()
    everything = client.get("/api/v1/calls/").json()
    assert {row["slug"] for row in everything["results"]} == {open_call.slug, past.slug}
    only_open = client.get("/api/v1/calls/?open=true").json()
    assert [row["slug"] for row in only_open["results"]] == [open_call.slug]
    assert only_open["results"][0]["phase"] == "open"
    assert only_open["results"][0]["funding_per_pilot"] == "10000.00"


@pytest.mark.django_db
def test_call_detail_api_hides_drafts_from_the_public(platform):
    draft = CallFactory(platform=platform, published_at=None)
    assert APIClient().get(f"/api/v1/calls/{draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_selected_pilots_api_lists_only_selected(call):
    selected = DecisionFactory(proposal=SubmittedProposalFactory(call=call, title="Valittu")).proposal
    DecisionFactory(proposal=SubmittedProposalFactory(call=call, title="Hylätty"), outcome="rejected")
    SubmittedProposalFactory(call=call, title="Ei päätöstä")
    rows = APIClient().get(f"/api/v1/calls/{call.slug}/selected/").json()["results"]
    assert [row["id"] for row in rows] == [selected.pk]
    assert rows[0]["title"] == "Valittu"
    assert "created_by" not in rows[0]


@pytest.mark.django_db
def test_needs_api_hides_drafts(platform):
    from tests.factories import DevelopmentNeedFactory

    published = DevelopmentNeedFactory(platform=platform)
    DevelopmentNeedFactory(platform=platform, status="draft")
    rows = APIClient().get(f"/api/v1/needs/?platform={platform.slug}").json()["results"]
    assert [row["id"] for row in rows] == [published.pk]


@pytest.mark.django_db
def test_openapi_schema_is_served():
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/calls/" in response.content
