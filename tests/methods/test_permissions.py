"""Who may open every page and endpoint of the methods library and the experiment's method tags; denied
writes change nothing and send no mail."""

import pytest
from django.core import mail
from django.urls import reverse

from kokeilu.methods.models import ExperimentMethod, Method
from tests.conftest import WORKSPACE_PERSONAS

pytestmark = pytest.mark.django_db

EVERYONE = set(WORKSPACE_PERSONAS)
MEMBERS = {"tester", "other_tester", "partner_member", "team_member", "experiment_lead"}
MANAGERS = {"experiment_lead", "programme_manager", "site_admin"}
VIEWERS = MEMBERS | MANAGERS
CITY_MANAGERS = {"programme_manager", "site_admin"}
ANY_CITY_MANAGER = CITY_MANAGERS | {"other_city_manager"}


@pytest.fixture
def setup(
    experiment, city, builtin, city_method, tester, other_tester, team_member, partner_member, experiment_lead
):
    ExperimentMethod.objects.create(experiment=experiment, method=builtin["workshop"])
    return {
        "city": city,
        "builtin": builtin["workshop"],
        "city_method": city_method,
        "interviews": builtin["interviews"],
    }


def _snapshot():
    return (
        sorted(
            Method.objects.values_list(
                "id", "slug", "name_fi", "name_sv", "name_en", "description_fi", "link"
            )
        ),
        sorted(ExperimentMethod.objects.values_list("experiment_id", "method_id")),
    )


def _fields(**extra):
    return {"name_fi": "Uusi menetelmä", "description_fi": "Kuvaus.", **extra}


# (method, url name, kwargs, data, who may, what a refused persona gets besides the usual)
PAGES = [
    ("get", "library", lambda s: {}, None, EVERYONE),
    ("get", "detail", lambda s: {"slug": s["builtin"].slug}, None, EVERYONE),
    ("get", "detail", lambda s: {"slug": s["city_method"].slug}, None, EVERYONE),
    ("get", "create", lambda s: {}, None, ANY_CITY_MANAGER),
    ("post", "create", lambda s: {}, lambda s: _fields(owner=str(s["city"].pk)), CITY_MANAGERS),
    ("post", "create", lambda s: {}, lambda s: _fields(owner="builtin"), {"site_admin"}),
    ("get", "edit", lambda s: {"slug": s["city_method"].slug}, None, CITY_MANAGERS),
    ("post", "edit", lambda s: {"slug": s["city_method"].slug}, lambda s: _fields(), CITY_MANAGERS),
    ("get", "edit", lambda s: {"slug": s["builtin"].slug}, None, {"site_admin"}),
    ("post", "edit", lambda s: {"slug": s["builtin"].slug}, lambda s: _fields(), {"site_admin"}),
    ("get", "experiment", lambda s: {"slug": "koestamo"}, None, MANAGERS),
    (
        "post",
        "experiment",
        lambda s: {"slug": "koestamo"},
        lambda s: {"method_tags-methods": [s["interviews"].pk]},
        MANAGERS,
    ),
]


def _denied_page(persona, name):
    if persona == "anonymous":
        return {302}
    if name == "experiment":
        return {403} if persona in VIEWERS else {404}
    # A city's manager may open the form but is offered only their own cities (built-in: site admins).
    return {400} if name == "create" and persona in ANY_CITY_MANAGER else {403}


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "kwargs", "data", "allowed"), PAGES)
def test_pages(persona, method, name, kwargs, data, allowed, setup, workspace_persona, client_for):
    url = reverse(f"methods:{name}", kwargs=kwargs(setup))
    before = _snapshot()
    client = client_for(workspace_persona(persona))
    response = client.get(url) if method == "get" else client.post(url, data(setup))
    if persona in allowed:
        assert response.status_code == (200 if method == "get" else 302), response.status_code
        if method == "post":
            assert _snapshot() != before
    else:
        assert response.status_code in _denied_page(persona, name), response.status_code
        assert _snapshot() == before
    assert mail.outbox == []


API = [
    ("get", "api-methods-list", lambda s: {}, None, EVERYONE),
    ("get", "api-methods-detail", lambda s: {"slug": s["city_method"].slug}, None, EVERYONE),
    ("post", "api-methods-list", lambda s: {}, lambda s: _fields(city="espoo"), CITY_MANAGERS),
    ("post", "api-methods-list", lambda s: {}, lambda s: _fields(), {"site_admin"}),
    (
        "put",
        "api-methods-detail",
        lambda s: {"slug": s["city_method"].slug},
        lambda s: _fields(),
        CITY_MANAGERS,
    ),
    ("put", "api-methods-detail", lambda s: {"slug": s["builtin"].slug}, lambda s: _fields(), {"site_admin"}),
    ("get", "api-methods-experiment", lambda s: {"slug": "koestamo"}, None, VIEWERS),
    (
        "put",
        "api-methods-experiment",
        lambda s: {"slug": "koestamo"},
        lambda s: {"methods": ["interviews"]},
        MANAGERS,
    ),
]


def _denied_api(persona, name):
    if name == "api-methods-experiment":
        return {403} if persona in VIEWERS else {404}
    return {401, 403}


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "name", "kwargs", "data", "allowed"), API)
def test_api(persona, method, name, kwargs, data, allowed, setup, workspace_persona, client_for):
    url = reverse(name, kwargs=kwargs(setup))
    before = _snapshot()
    call = getattr(client_for(workspace_persona(persona)), method)
    response = call(url, data(setup), content_type="application/json") if data else call(url)
    if persona in allowed:
        assert response.status_code in {200, 201}, (response.status_code, response.content)
        if method != "get":
            assert _snapshot() != before
    else:
        assert response.status_code in _denied_api(persona, name), (response.status_code, response.content)
        assert _snapshot() == before
    assert mail.outbox == []
