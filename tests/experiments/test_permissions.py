"""Every experiment page and endpoint × every workspace persona. Denied writes change nothing."""

import json

import pytest
from django.urls import reverse

from kokeilu.experiments.models import Experiment, ExperimentMember, Invitation, ParticipantGroup
from tests.conftest import WORKSPACE_PERSONAS
from tests.factories import ExperimentMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = {"applicant", "other_city_manager"}
TESTERS = {"tester", "other_tester"}
TEAM = {"partner_member", "team_member"}
MANAGERS = {"experiment_lead", "programme_manager", "site_admin"}


def expected(persona: str, *, level: str, anonymous: int = 302) -> int:
    """The status a persona gets from a page of the given level of a non-public experiment."""
    if persona == "anonymous":
        return anonymous
    if persona in OUTSIDERS:
        return 404
    allowed = {
        "view": TESTERS | TEAM | MANAGERS,
        "team": TEAM | MANAGERS,
        "manage": MANAGERS,
    }[level]
    return 200 if persona in allowed else 403


@pytest.fixture
def everyone(
    experiment, experiment_lead, team_member, partner_member, tester, other_tester, programme_manager
):
    """Create every persona up front so each request meets the same roster."""
    return experiment


PAGES = [
    ("experiments:detail", "view", 404),
    ("experiments:edit", "manage", 302),
    ("experiments:people", "view", 302),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("url_name", "level", "anonymous"), PAGES)
def test_pages(everyone, workspace_persona, client_for, persona, url_name, level, anonymous):
    client = client_for(workspace_persona(persona))
    response = client.get(reverse(url_name, kwargs={"slug": everyone.slug}))
    assert response.status_code == expected(persona, level=level, anonymous=anonymous)


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_group_page(everyone, testers_group, workspace_persona, client_for, persona):
    client = client_for(workspace_persona(persona))
    response = client.get(
        reverse("experiments:group", kwargs={"slug": everyone.slug, "pk": testers_group.pk})
    )
    assert response.status_code == expected(persona, level="manage")


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_create_page(db, workspace_persona, client_for, persona, city):
    response = client_for(workspace_persona(persona)).get(reverse("experiments:create"))
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        managers = {"programme_manager", "site_admin", "other_city_manager"}
        assert response.status_code == (200 if persona in managers else 403)


def _state(experiment: Experiment) -> tuple:
    experiment.refresh_from_db()
    return (
        experiment.status,
        Invitation.objects.count(),
        ParticipantGroup.objects.count(),
        ExperimentMember.objects.count(),
        tuple(ExperimentMember.objects.order_by("pk").values_list("role", flat=True)),
    )


WRITES = [
    ("experiments:status", {"status": "cancelled"}),
    ("experiments:invite", {"email": "new.person@example.test", "role": "tester", "message": ""}),
    ("experiments:group_create", {"name_fi": "Uusi ryhmä", "description": ""}),
    ("experiments:member_role", {"role": "team"}),
    ("experiments:member_remove", {}),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("url_name", "data"), WRITES)
def test_writes(everyone, workspace_persona, client_for, persona, url_name, data, mailoutbox):
    target = ExperimentMemberFactory(experiment=everyone, user=UserFactory(username="target"), role="tester")
    kwargs = {"slug": everyone.slug}
    if url_name in ("experiments:member_role", "experiments:member_remove"):
        kwargs["pk"] = target.pk
    before = _state(everyone)
    response = client_for(workspace_persona(persona)).post(reverse(url_name, kwargs=kwargs), data)
    allowed = expected(persona, level="manage") == 200
    if allowed:
        assert response.status_code == 302
        assert _state(everyone) != before
    else:
        assert response.status_code == expected(persona, level="manage")
        assert _state(everyone) == before
        assert mailoutbox == []


API = [
    ("get", "api-experiment-detail", None, "view"),
    ("get", "api-experiment-members", None, "view"),
    ("get", "api-experiment-groups", None, "view"),
    ("get", "api-experiment-invitations", None, "manage"),
    ("patch", "api-experiment-detail", {"summary_fi": "Muutettu"}, "manage"),
    ("post", "api-experiment-status", {"status": "cancelled"}, "manage"),
    ("post", "api-experiment-groups", {"name_fi": "API-ryhmä"}, "manage"),
    ("post", "api-experiment-invitations", {"email": "api.person@example.test"}, "manage"),
]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize(("method", "url_name", "data", "level"), API)
def test_api(everyone, workspace_persona, client_for, persona, method, url_name, data, level, mailoutbox):
    client = client_for(workspace_persona(persona))
    before = _state(everyone)
    summary_before = everyone.summary_fi
    url = reverse(url_name, kwargs={"slug": everyone.slug})
    if data is None:
        response = getattr(client, method)(url)
    else:
        response = getattr(client, method)(url, data=json.dumps(data), content_type="application/json")
    if persona == "anonymous":
        # The detail is readable without signing in (public experiments); the rest needs a login.
        want = 404 if url_name == "api-experiment-detail" and method == "get" else 403
    else:
        want = expected(persona, level=level)
    if want == 200 and method == "post" and url_name != "api-experiment-status":
        want = 201
    assert response.status_code == want, response.content
    if want >= 400:
        everyone.refresh_from_db()
        assert _state(everyone) == before and everyone.summary_fi == summary_before
        assert mailoutbox == []
