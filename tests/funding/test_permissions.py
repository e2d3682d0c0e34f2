"""Who may open every page and endpoint of the money tab; denied writes change nothing and send no mail."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from kokeilu.funding import services
from kokeilu.funding.models import SpendLine
from tests.conftest import WORKSPACE_PERSONAS

pytestmark = pytest.mark.django_db

TEAM = {"partner_member", "team_member", "experiment_lead", "programme_manager", "site_admin"}
CITY_MANAGERS = {"programme_manager", "site_admin"}
OUTSIDERS = {"applicant", "other_city_manager"}
TESTERS = {"tester", "other_tester"}


@pytest.fixture
def line(experiment, team_member, tester, other_tester, partner_member, experiment_lead, pdf_receipt):
    # Every persona exists before the request, so their membership is in place.
    return services.spend_line_create(
        experiment=experiment,
        recorded_by=team_member,
        spent_on=datetime.date(2026, 3, 2),
        purpose="Alkuperäinen",
        amount=Decimal("40.00"),
        receipt=pdf_receipt,
    )


def _denied_status(persona: str, *, api: bool) -> set[int]:
    if persona == "anonymous":
        return {401, 403} if api else {302}
    if persona in OUTSIDERS:
        return {404}
    return {403}


def _snapshot(experiment):
    experiment.refresh_from_db()
    return (
        experiment.granted_amount,
        sorted(SpendLine.objects.values_list("id", "purpose", "amount", "category")),
    )


def _form():
    return {"spent_on": "2026-03-03", "purpose": "Muutettu", "amount": "41.00", "category": "materials"}


PAGES = [
    ("get", "money", False, lambda line: {}, None),
    ("get", "line_edit", False, lambda line: {"pk": line.pk}, None),
    ("get", "receipt", False, lambda line: {"pk": line.pk}, None),
    ("get", "csv", False, lambda line: {}, None),
    ("post", "line_create", True, lambda line: {}, _form),
    ("post", "line_edit", True, lambda line: {"pk": line.pk}, _form),
    ("post", "line_delete", True, lambda line: {"pk": line.pk}, dict),
    ("post", "grant", True, lambda line: {}, lambda: {"granted_amount": "1.00"}),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "writes", "kwargs", "data"), PAGES)
def test_pages(persona, method, name, writes, kwargs, data, experiment, line, workspace_persona, client_for):
    user = workspace_persona(persona)
    url = reverse(f"funding:{name}", kwargs={"slug": experiment.slug, **kwargs(line)})
    before = _snapshot(experiment)
    client = client_for(user)
    response = client.get(url) if method == "get" else client.post(url, data())
    allowed = persona in (CITY_MANAGERS if name == "grant" else TEAM)
    if allowed:
        assert response.status_code in {200, 302}, response.status_code
    else:
        assert response.status_code in _denied_status(persona, api=False) | (
            {403} if name == "grant" else set()
        )
        assert _snapshot(experiment) == before
    assert mail.outbox == []


API = [
    ("get", "summary", lambda line: {}, None),
    ("get", "lines", lambda line: {}, None),
    ("post", "lines", lambda line: {}, _form),
    ("get", "line", lambda line: {"line_id": line.pk}, None),
    ("put", "line", lambda line: {"line_id": line.pk}, _form),
    ("delete", "line", lambda line: {"line_id": line.pk}, None),
    ("get", "csv", lambda line: {}, None),
    ("put", "grant", lambda line: {}, lambda: {"granted_amount": "1.00"}),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "kwargs", "data"), API)
def test_api(persona, method, name, kwargs, data, experiment, line, workspace_persona, client_for):
    user = workspace_persona(persona)
    url = reverse(f"api-funding-{name}", kwargs={"slug": experiment.slug, **kwargs(line)})
    before = _snapshot(experiment)
    client = client_for(user)
    call = getattr(client, method)
    response = call(url, data(), content_type="application/json") if data else call(url)
    allowed = persona in (CITY_MANAGERS if name == "grant" else TEAM)
    if allowed:
        assert response.status_code in {200, 201, 204}, (response.status_code, response.content)
    else:
        expected = _denied_status(persona, api=True) | ({403} if name == "grant" else set())
        assert response.status_code in expected, response.status_code
        assert _snapshot(experiment) == before
    assert mail.outbox == []


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_money_tab_and_overview_section_only_for_the_team(
    persona, experiment, line, workspace_persona, client_for
):
    user = workspace_persona(persona)
    response = client_for(user).get(reverse("experiments:detail", kwargs={"slug": experiment.slug}))
    money_url = reverse("funding:money", kwargs={"slug": experiment.slug})
    if persona in TEAM:
        body = response.content.decode()
        assert money_url in body
        assert 'id="money-overview-heading"' in body
    elif response.status_code == 200:
        body = response.content.decode()
        assert money_url not in body
        assert 'id="money-overview-heading"' not in body
