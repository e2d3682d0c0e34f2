"""Who may open every page and endpoint of the partners and agreement tab; denied writes change nothing
and send no mail."""

import pytest
from django.core import mail
from django.urls import reverse

from kokeilu.agreements import services
from kokeilu.agreements.models import Agreement, AgreementAcceptance, AgreementTemplate, AgreementVersion
from kokeilu.experiments.models import ExperimentPartner
from tests.conftest import WORKSPACE_PERSONAS

pytestmark = pytest.mark.django_db

MEMBERS = {"tester", "other_tester", "partner_member", "team_member", "experiment_lead"}
MANAGERS = {"experiment_lead", "programme_manager", "site_admin"}
VIEWERS = MEMBERS | MANAGERS
CITY_MANAGERS = {"programme_manager", "site_admin"}


@pytest.fixture
def setup(
    experiment, kyky, programme_manager, partner_company, tester, other_tester, team_member, experiment_lead
):
    agreement = services.agreement_draw(experiment=experiment, template=kyky, drawn_by=programme_manager)
    services.agreement_publish(agreement=agreement, published_by=programme_manager)
    services.agreement_draft_update(
        agreement=agreement, updated_by=programme_manager, title="Uusi", text="Uusi teksti"
    )
    extra = ExperimentPartner.objects.create(experiment=experiment, name="Poistettava Oy")
    city_template = services.template_create(
        city=experiment.city, created_by=programme_manager, name_fi="Oma", body_fi="Teksti"
    )
    return {"partner": partner_company, "extra": extra, "template": city_template, "version": 1}


def _snapshot():
    return (
        sorted(ExperimentPartner.objects.values_list("id", "name", "role")),
        sorted(Agreement.objects.values_list("id", "draft_title", "draft_text")),
        AgreementVersion.objects.count(),
        AgreementAcceptance.objects.count(),
        sorted(AgreementTemplate.objects.values_list("id", "name_fi", "body_fi")),
    )


def _denied(persona, *, api):
    if persona == "anonymous":
        return {401, 403} if api else {302}
    if persona in {"applicant", "other_city_manager"}:
        return {404}
    return {403}


def _hash():
    return AgreementVersion.objects.get(number=1).text_sha256


# (method, url name, kwargs, data, who may)
PAGES = [
    ("get", "agreement", lambda s: {}, None, VIEWERS),
    ("get", "version", lambda s: {"number": 1}, None, VIEWERS),
    ("get", "draft", lambda s: {}, None, MANAGERS),
    ("get", "partner_edit", lambda s: {"pk": s["partner"].pk}, None, MANAGERS),
    ("get", "templates", lambda s: {}, None, MANAGERS),
    ("get", "template", lambda s: {"pk": s["template"].pk}, None, MANAGERS),
    ("post", "partner_add", lambda s: {}, lambda s: {"name": "Uusi Oy", "role": "partner"}, MANAGERS),
    (
        "post",
        "partner_edit",
        lambda s: {"pk": s["partner"].pk},
        lambda s: {"name": "X Oy", "role": "partner"},
        MANAGERS,
    ),
    ("post", "partner_remove", lambda s: {"pk": s["extra"].pk}, lambda s: {}, MANAGERS),
    ("post", "draft", lambda s: {}, lambda s: {"title": "T", "text": "Muutos"}, MANAGERS),
    ("post", "publish", lambda s: {}, lambda s: {}, MANAGERS),
    (
        "post",
        "accept",
        lambda s: {"number": 1},
        lambda s: {"party": "city", "text_sha256": _hash()},
        {"programme_manager"},
    ),
    (
        "post",
        "accept",
        lambda s: {"number": 1},
        lambda s: {"party": str(s["partner"].pk), "text_sha256": _hash()},
        {"partner_member"},
    ),
    ("post", "templates", lambda s: {}, lambda s: {"name_fi": "Uusi", "body_fi": "x"}, CITY_MANAGERS),
    (
        "post",
        "template",
        lambda s: {"pk": s["template"].pk},
        lambda s: {"name_fi": "Muutettu", "body_fi": "x"},
        CITY_MANAGERS,
    ),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "kwargs", "data", "allowed"), PAGES)
def test_pages(
    persona, method, name, kwargs, data, allowed, experiment, setup, workspace_persona, client_for
):
    user = workspace_persona(persona)
    url = reverse(f"agreements:{name}", kwargs={"slug": experiment.slug, **kwargs(setup)})
    before = _snapshot()
    client = client_for(user)
    response = client.get(url) if method == "get" else client.post(url, data(setup))
    if persona in allowed:
        assert response.status_code in {200, 302}, response.status_code
        if method == "post":
            assert _snapshot() != before
    else:
        # Members may reach a page whose action they may not take: that is a 403 too.
        assert response.status_code in _denied(persona, api=False) | ({403} if persona in VIEWERS else set())
        assert _snapshot() == before
    assert mail.outbox == []


API = [
    ("get", "partners", lambda s: {}, None, VIEWERS),
    ("get", "status", lambda s: {}, None, VIEWERS),
    ("get", "versions", lambda s: {}, None, VIEWERS),
    ("get", "version", lambda s: {"number": 1}, None, VIEWERS),
    ("get", "draft", lambda s: {}, None, MANAGERS),
    ("put", "draft", lambda s: {}, lambda s: {"title": "T", "text": "Muutos"}, MANAGERS),
    ("post", "publish", lambda s: {}, lambda s: {}, MANAGERS),
    (
        "post",
        "accept",
        lambda s: {"number": 1},
        lambda s: {"party": "city", "text_sha256": _hash()},
        {"programme_manager"},
    ),
    (
        "post",
        "accept",
        lambda s: {"number": 1},
        lambda s: {"party": str(s["partner"].pk), "text_sha256": _hash()},
        {"partner_member"},
    ),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "kwargs", "data", "allowed"), API)
def test_api(persona, method, name, kwargs, data, allowed, experiment, setup, workspace_persona, client_for):
    user = workspace_persona(persona)
    url = reverse(f"api-agreements-{name}", kwargs={"slug": experiment.slug, **kwargs(setup)})
    before = _snapshot()
    call = getattr(client_for(user), method)
    response = call(url, data(setup), content_type="application/json") if data else call(url)
    if persona in allowed:
        assert response.status_code in {200, 201}, (response.status_code, response.content)
    else:
        assert response.status_code in _denied(persona, api=True) | ({403} if persona in VIEWERS else set())
        assert _snapshot() == before
    assert mail.outbox == []


def test_drawing_when_one_exists_and_for_an_experiment_without_one(
    experiment, setup, programme_manager, client_for, kyky
):
    response = client_for(programme_manager).post(
        reverse("agreements:draw", kwargs={"slug": experiment.slug}), {"template": kyky.pk, "language": "fi"}
    )
    assert response.status_code == 400
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize("persona", [name for name in WORKSPACE_PERSONAS if name not in MANAGERS])
def test_drawing_is_refused_to_everyone_else(
    persona, experiment, kyky, workspace_persona, client_for, tester
):
    user = workspace_persona(persona)
    client = client_for(user)
    page = client.post(
        reverse("agreements:draw", kwargs={"slug": experiment.slug}), {"template": kyky.pk, "language": "fi"}
    )
    api = client.post(
        reverse("api-agreements-draft", kwargs={"slug": experiment.slug}),
        {"template": kyky.pk},
        content_type="application/json",
    )
    assert page.status_code in _denied(persona, api=False) | {403}
    assert api.status_code in _denied(persona, api=True) | {403}
    assert not Agreement.objects.exists()
    assert mail.outbox == []
