"""Every updates page and endpoint × every workspace persona. Denied writes change nothing, send no mail."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kokeilu.updates.models import Comment, NotificationPreference, Post
from tests.conftest import WORKSPACE_PERSONAS

pytestmark = pytest.mark.django_db

OUTSIDERS = {"applicant", "other_city_manager"}
MANAGERS = {"experiment_lead", "programme_manager", "site_admin"}
TEAM = MANAGERS | {"partner_member", "team_member"}
MEMBERS = TEAM | {"tester", "other_tester"}
GROUP_SEES = MANAGERS | {"tester"}


def snapshot():
    return (
        sorted(Post.objects.values_list("pk", "title", "body", "audience", "pinned_at")),
        sorted(Comment.objects.values_list("pk", "body", "hidden_at")),
        sorted(NotificationPreference.objects.values_list("user_id", "announcements", "stories")),
    )


@pytest.fixture
def world(
    experiment,
    shared_post,
    group_post,
    tester_comment,
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
    return {"shared": shared_post, "group": group_post, "comment": tester_comment}


def expected(persona, *, level, allowed, ok, login_required):
    if persona == "anonymous":
        return 302 if login_required else 404
    if persona in OUTSIDERS:
        return 404
    if persona not in level:
        return 403
    return ok if persona in allowed else 404


def page_client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_pages_read(world, experiment, workspace_persona, persona):
    client = page_client(workspace_persona(persona))
    slug = experiment.slug
    cases = [
        (reverse("updates:feed", kwargs={"slug": slug}), MEMBERS, MEMBERS, False),
        (reverse("updates:post", kwargs={"slug": slug, "pk": world["shared"].pk}), MEMBERS, MEMBERS, False),
        (reverse("updates:post", kwargs={"slug": slug, "pk": world["group"].pk}), MEMBERS, GROUP_SEES, False),
        (reverse("updates:preferences", kwargs={"slug": slug}), MEMBERS, MEMBERS, True),
        (
            reverse("updates:edit", kwargs={"slug": slug, "pk": world["shared"].pk}),
            TEAM,
            MANAGERS | {"team_member"},
            True,
        ),
        (
            reverse(
                "updates:comment_edit",
                kwargs={"slug": slug, "pk": world["shared"].pk, "comment_pk": world["comment"].pk},
            ),
            MEMBERS,
            {"tester"},
            True,
        ),
    ]
    for url, level, allowed, login in cases:
        status = expected(persona, level=level, allowed=allowed, ok=200, login_required=login)
        if (
            status == 404
            and persona in level
            and persona not in OUTSIDERS
            and "edit" in url
            and persona in (MEMBERS if "comment" in url else TEAM)
        ):
            status = 403  # may see the post or comment but is not its author
        assert client.get(url).status_code == status, url


def _page_writes(world, slug):
    shared, group, comment = world["shared"].pk, world["group"].pk, world["comment"].pk
    post_fields = {
        "kind": "story",
        "title": "Muutettu",
        "body": "B",
        "language": "fi",
        "audience": "experiment",
    }
    return [
        ("create", {"slug": slug}, {**post_fields, "title": "Uusi"}, TEAM, TEAM),
        ("edit", {"slug": slug, "pk": shared}, post_fields, TEAM, MANAGERS | {"team_member"}),
        ("edit", {"slug": slug, "pk": group}, post_fields, TEAM, MANAGERS),
        ("delete", {"slug": slug, "pk": shared}, {}, TEAM, MANAGERS | {"team_member"}),
        ("delete", {"slug": slug, "pk": group}, {}, TEAM, MANAGERS),
        ("pin", {"slug": slug, "pk": shared}, {"pinned": "1"}, MANAGERS, MANAGERS),
        ("comment_create", {"slug": slug, "pk": shared}, {"body": "Uusi kommentti"}, MEMBERS, MEMBERS),
        ("comment_create", {"slug": slug, "pk": group}, {"body": "Uusi kommentti"}, MEMBERS, GROUP_SEES),
        (
            "comment_edit",
            {"slug": slug, "pk": shared, "comment_pk": comment},
            {"body": "Muutettu"},
            MEMBERS,
            {"tester"},
        ),
        ("comment_delete", {"slug": slug, "pk": shared, "comment_pk": comment}, {}, MEMBERS, {"tester"}),
        (
            "comment_hide",
            {"slug": slug, "pk": shared, "comment_pk": comment},
            {"hidden": "1"},
            MANAGERS,
            MANAGERS,
        ),
        ("preferences", {"slug": slug}, {"announcements": "none", "stories": "none"}, MEMBERS, MEMBERS),
    ]


WRITE_COUNT = 12


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize("index", range(WRITE_COUNT))
def test_pages_write(
    world, experiment, workspace_persona, persona, index, django_capture_on_commit_callbacks
):
    name, kwargs, data, level, allowed = _page_writes(world, experiment.slug)[index]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = page_client(workspace_persona(persona)).post(
            reverse(f"updates:{name}", kwargs=kwargs), data
        )
    if persona == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
    elif persona in OUTSIDERS:
        assert response.status_code == 404
    elif persona not in level:
        assert response.status_code == 403
    elif persona in allowed:
        assert response.status_code == 302
        assert snapshot() != before
        return
    else:
        # Sees the workspace but not the post (404) or is not its author (403).
        assert response.status_code in (403, 404)
    assert snapshot() == before
    assert mail.outbox == []


def api_client(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
def test_api_reads(world, experiment, workspace_persona, persona):
    client = api_client(workspace_persona(persona))
    base = f"/api/v1/experiments/{experiment.slug}/"
    cases = [
        (f"{base}posts/", MEMBERS),
        (f"{base}posts/{world['shared'].pk}/", MEMBERS),
        (f"{base}posts/{world['group'].pk}/", GROUP_SEES),
        (f"{base}posts/{world['shared'].pk}/comments/", MEMBERS),
        (f"{base}posts/{world['group'].pk}/comments/", GROUP_SEES),
        (f"{base}notification-preference/", MEMBERS),
    ]
    for url, allowed in cases:
        status = (
            403
            if persona == "anonymous"
            else expected(persona, level=MEMBERS, allowed=allowed, ok=200, login_required=False)
        )
        assert client.get(url).status_code == status, url


def _api_writes(world, base):
    shared, group, comment = world["shared"].pk, world["group"].pk, world["comment"].pk
    return [
        ("post", f"{base}posts/", {"title": "Uusi", "body": "x"}, TEAM, TEAM, 201),
        ("patch", f"{base}posts/{shared}/", {"title": "Muutettu"}, TEAM, MANAGERS | {"team_member"}, 200),
        ("patch", f"{base}posts/{group}/", {"title": "Muutettu"}, TEAM, MANAGERS, 200),
        ("patch", f"{base}posts/{shared}/", {"pinned": True}, TEAM, MANAGERS, 200),
        ("delete", f"{base}posts/{shared}/", None, TEAM, MANAGERS | {"team_member"}, 204),
        ("delete", f"{base}posts/{group}/", None, TEAM, MANAGERS, 204),
        ("post", f"{base}posts/{shared}/comments/", {"body": "k"}, MEMBERS, MEMBERS, 201),
        ("post", f"{base}posts/{group}/comments/", {"body": "k"}, MEMBERS, GROUP_SEES, 201),
        ("patch", f"{base}posts/{shared}/comments/{comment}/", {"body": "m"}, MEMBERS, {"tester"}, 200),
        ("delete", f"{base}posts/{shared}/comments/{comment}/", None, MEMBERS, {"tester"}, 204),
        ("post", f"{base}posts/{shared}/comments/{comment}/hide/", {"hidden": True}, MANAGERS, MANAGERS, 200),
        (
            "put",
            f"{base}notification-preference/",
            {"announcements": "none", "stories": "none"},
            MEMBERS,
            MEMBERS,
            200,
        ),
    ]


@pytest.mark.parametrize("persona", WORKSPACE_PERSONAS)
@pytest.mark.parametrize("index", range(WRITE_COUNT))
def test_api_writes(world, experiment, workspace_persona, persona, index, django_capture_on_commit_callbacks):
    verb, url, data, level, allowed, ok = _api_writes(world, f"/api/v1/experiments/{experiment.slug}/")[index]
    before = snapshot()
    client = api_client(workspace_persona(persona))
    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client, verb)(url, data, format="json") if data is not None else client.delete(url)
    if persona == "anonymous":
        assert response.status_code == 403
    elif persona in OUTSIDERS:
        assert response.status_code == 404
    elif persona not in level:
        assert response.status_code == 403
    elif persona in allowed:
        assert response.status_code == ok, response.content
        assert snapshot() != before
        return
    else:
        assert response.status_code in (403, 404)
    assert snapshot() == before
    assert mail.outbox == []
