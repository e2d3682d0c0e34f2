"""Who may open every page and endpoint of company references; denied writes change nothing and send no
mail."""

import pytest
from django.core import mail
from django.urls import reverse

from kokeilu.experiments.models import ExperimentPartner
from kokeilu.references import services
from kokeilu.references.models import Reference
from tests.conftest import WORKSPACE_PERSONAS

pytestmark = pytest.mark.django_db

MEMBERS = {"tester", "other_tester", "partner_member", "team_member", "experiment_lead"}
MANAGERS = {"experiment_lead", "programme_manager", "site_admin"}
TEAM = {"partner_member", "team_member"} | MANAGERS
VIEWERS = MEMBERS | MANAGERS
CONSENT = {"partner_member", "programme_manager", "site_admin"}


@pytest.fixture
def setup(approved, completed, second_company, experiment_lead, tester, other_tester, team_member):
    draft = services.reference_create(
        experiment=completed, partner=second_company, drafted_by=experiment_lead, text_fi="Luonnos."
    )
    third = ExperimentPartner.objects.create(experiment=completed, name="Kolmas Oy")
    return {"approved": approved, "draft": draft, "third": third}


def _snapshot():
    return sorted(
        Reference.objects.values_list(
            "id",
            "partner_id",
            "text_fi",
            "text_sv",
            "text_en",
            "state",
            "approved_by_id",
            "publication_agreed",
        )
    )


def _denied(persona):
    if persona == "anonymous":
        return {302, 401, 403, 404}
    if persona in {"applicant", "other_city_manager"}:
        return {404}
    return {403, 404}


PAGES = [
    ("get", "experiment", lambda s: {}, None, TEAM),
    ("get", "detail", lambda s: {"pk": s["draft"].pk}, None, TEAM),
    ("get", "detail", lambda s: {"pk": s["approved"].pk}, None, TEAM),
    ("get", "edit", lambda s: {"pk": s["draft"].pk}, None, MANAGERS),
    ("get", "pdf", lambda s: {"pk": s["approved"].pk}, None, TEAM),
    ("get", "public", lambda s: {}, None, VIEWERS),
    ("post", "create", lambda s: {}, lambda s: {"partner": s["third"].pk, "text_fi": "Uusi."}, MANAGERS),
    ("post", "edit", lambda s: {"pk": s["draft"].pk}, lambda s: {"text_en": "Changed."}, MANAGERS),
    ("post", "approve", lambda s: {"pk": s["draft"].pk}, lambda s: {}, {"programme_manager"}),
    (
        "post",
        "publication",
        lambda s: {"pk": s["approved"].pk},
        lambda s: {"publication_agreed": "yes"},
        CONSENT,
    ),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "kwargs", "data", "allowed"), PAGES)
def test_pages(
    persona, method, name, kwargs, data, allowed, experiment, setup, workspace_persona, client_for
):
    url = reverse(f"references:{name}", kwargs={"slug": experiment.slug, **kwargs(setup)})
    before = _snapshot()
    client = client_for(workspace_persona(persona))
    response = client.get(url) if method == "get" else client.post(url, data(setup))
    if persona in allowed:
        assert response.status_code == (200 if method == "get" else 302), response.status_code
        if method == "post":
            assert _snapshot() != before
    else:
        assert response.status_code in _denied(persona), response.status_code
        assert _snapshot() == before
    assert mail.outbox == []


API = [
    ("get", "list", lambda s: {}, None, VIEWERS),
    ("get", "detail", lambda s: {"pk": s["draft"].pk}, None, TEAM),
    ("get", "pdf", lambda s: {"pk": s["approved"].pk}, None, TEAM),
    ("post", "list", lambda s: {}, lambda s: {"partner": s["third"].pk, "text_fi": "Uusi."}, MANAGERS),
    ("put", "detail", lambda s: {"pk": s["draft"].pk}, lambda s: {"text_en": "Changed."}, MANAGERS),
    ("post", "approve", lambda s: {"pk": s["draft"].pk}, None, {"programme_manager"}),
    (
        "put",
        "publication",
        lambda s: {"pk": s["approved"].pk},
        lambda s: {"publication_agreed": True},
        CONSENT,
    ),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "kwargs", "data", "allowed"), API)
def test_api(persona, method, name, kwargs, data, allowed, experiment, setup, workspace_persona, client_for):
    url = reverse(f"api-references-{name}", kwargs={"slug": experiment.slug, **kwargs(setup)})
    before = _snapshot()
    call = getattr(client_for(workspace_persona(persona)), method)
    response = call(url, data(setup), content_type="application/json") if data else call(url)
    if persona in allowed:
        assert response.status_code in {200, 201}, (response.status_code, response.content)
        if method != "get":
            assert _snapshot() != before
    else:
        assert response.status_code in _denied(persona), (response.status_code, response.content)
        assert _snapshot() == before
    assert mail.outbox == []


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_a_published_reference_of_a_public_experiment_is_everyones(
    persona, experiment, setup, partner_member, workspace_persona, client_for
):
    services.reference_set_publication(reference=setup["approved"], recorded_by=partner_member, agreed=True)
    type(experiment).objects.filter(pk=experiment.pk).update(is_public=True)
    client = client_for(workspace_persona(persona))
    page = client.get(reverse("references:public", kwargs={"slug": experiment.slug}))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Testiyritys Oy" in content and "Luonnos." not in content and "Toinen Yritys Ab" not in content
    pdf = client.get(reverse("references:pdf", kwargs={"slug": experiment.slug, "pk": setup["approved"].pk}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    rows = client.get(reverse("api-references-list", kwargs={"slug": experiment.slug})).json()
    names = {row["partner_name"] for row in rows}
    assert names == ({"Testiyritys Oy", "Toinen Yritys Ab"} if persona in TEAM else {"Testiyritys Oy"})
    draft = client.get(
        reverse("api-references-pdf", kwargs={"slug": experiment.slug, "pk": setup["draft"].pk})
    )
    assert draft.status_code == 404
