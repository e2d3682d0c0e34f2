"""Every materials page and endpoint × every workspace persona. Denied writes change nothing."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from kokeilu.materials.models import Material
from tests.conftest import WORKSPACE_PERSONAS

from .conftest import PDF

pytestmark = pytest.mark.django_db

MEMBERS = {
    "other_tester",
    "tester",
    "partner_member",
    "team_member",
    "experiment_lead",
    "programme_manager",
    "site_admin",
}
TEAM = {"partner_member", "team_member", "experiment_lead", "programme_manager", "site_admin"}
GROUP_SEES = {"tester", "experiment_lead", "programme_manager", "site_admin"}
OUTSIDERS = {"applicant", "other_city_manager"}


def page_status(persona, allowed, ok, *, login_required=True, level_members=MEMBERS):
    """The status a page answers: login for anonymous, 404 for outsiders (the workspace is private),
    403 for members lacking the level, 404 for what they may not see."""
    if persona == "anonymous":
        return 302 if login_required else 404
    if persona in OUTSIDERS:
        return 404
    if persona not in level_members:
        return 403
    return ok if persona in allowed else 404


def snapshot():
    return sorted(Material.objects.values_list("pk", "title", "url", "audience", "group_id", "file"))


@pytest.fixture
def world(
    experiment,
    shared_material,
    group_material,
    experiment_lead,
    team_member,
    partner_member,
    tester,
    other_tester,
    programme_manager,
    site_admin,
    applicant,
    other_city_manager,
):
    return {"shared": shared_material, "group": group_material}


def _client(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


READS = [
    # (name, url kwargs key, who may see, login required)
    ("list", None, MEMBERS, True),
    ("detail", "shared", MEMBERS, False),
    ("detail", "group", GROUP_SEES, False),
    ("download", "group", GROUP_SEES, False),
    ("edit", "shared", TEAM, True),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize("name,target,allowed,login", READS)
def test_pages_read(world, experiment, workspace_persona, persona, name, target, allowed, login):
    kwargs = {"slug": experiment.slug}
    if target:
        kwargs["pk"] = world[target].pk
    response = _client(workspace_persona(persona)).get(reverse(f"materials:{name}", kwargs=kwargs))
    level_members = TEAM | {"tester", "other_tester"} if name != "edit" else TEAM
    expected = page_status(persona, allowed, 200, login_required=login, level_members=level_members)
    if name == "edit" and persona in {"tester", "other_tester"}:
        expected = 403
    assert response.status_code == expected


WRITES = [
    ("create", None, lambda: {"title": "Uusi", "audience": "experiment", "url": "https://example.test/u"}),
    (
        "edit",
        "shared",
        lambda: {"title": "Muutettu", "audience": "experiment", "url": "https://example.test/m"},
    ),
    ("delete", "shared", lambda: {}),
    ("edit", "group", lambda: {"title": "Muutettu", "audience": "experiment"}),
    ("delete", "group", lambda: {}),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize("name,target,data", WRITES)
def test_pages_write(world, experiment, workspace_persona, persona, name, target, data):
    kwargs = {"slug": experiment.slug}
    if target:
        kwargs["pk"] = world[target].pk
    before = snapshot()
    response = _client(workspace_persona(persona)).post(reverse(f"materials:{name}", kwargs=kwargs), data())
    allowed = TEAM if target != "group" else TEAM & GROUP_SEES
    if persona == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
    elif persona in OUTSIDERS:
        assert response.status_code == 404
    elif persona not in TEAM:
        assert response.status_code == 403
    elif persona not in allowed:
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        assert snapshot() != before
        return
    assert snapshot() == before
    assert mail.outbox == []


def _api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def api_status(persona, allowed, ok, members):
    if persona == "anonymous":
        return 403
    if persona in OUTSIDERS:
        return 404
    if persona not in members:
        return 403
    return ok if persona in allowed else 404


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_api_reads(world, experiment, workspace_persona, persona):
    client = _api(workspace_persona(persona))
    base = f"/api/v1/experiments/{experiment.slug}/materials/"
    assert client.get(base).status_code == api_status(persona, MEMBERS, 200, MEMBERS)
    assert client.get(f"{base}{world['shared'].pk}/").status_code == api_status(
        persona, MEMBERS, 200, MEMBERS
    )
    group = world["group"].pk
    assert client.get(f"{base}{group}/").status_code == api_status(persona, GROUP_SEES, 200, MEMBERS)
    assert client.get(f"{base}{group}/download/").status_code == api_status(persona, GROUP_SEES, 200, MEMBERS)


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(
    "operation",
    ["create_link", "create_file", "patch_shared", "delete_shared", "patch_group", "delete_group"],
)
def test_api_writes(world, experiment, workspace_persona, persona, operation):
    client = _api(workspace_persona(persona))
    base = f"/api/v1/experiments/{experiment.slug}/materials/"
    before = snapshot()
    if operation == "create_link":
        response = client.post(base, {"title": "Uusi", "url": "https://example.test/"}, format="json")
        ok, target = 201, None
    elif operation == "create_file":
        response = client.post(
            base, {"title": "Uusi", "file": SimpleUploadedFile("u.pdf", PDF)}, format="multipart"
        )
        ok, target = 201, None
    else:
        verb, target = operation.split("_")
        path = f"{base}{world[target].pk}/"
        if verb == "patch":
            response = client.patch(path, {"title": "Muutettu"}, format="json")
            ok = 200
        else:
            response = client.delete(path)
            ok = 204
    allowed = TEAM & GROUP_SEES if target == "group" else TEAM
    expected = api_status(persona, allowed, ok, TEAM) if persona not in {"tester", "other_tester"} else 403
    assert response.status_code == expected
    if expected == ok:
        assert snapshot() != before
    else:
        assert snapshot() == before
        assert mail.outbox == []
