"""The manager's development needs API: the same services as the platform pages, answered as JSON.

Rule under test: the programme managers of a city (and site administrators) manage the needs of the city's
platforms in any status. Anyone else gets 404 for such a need, even a published one, 403 when creating a
need on a platform they may see but not manage, and an empty list; anonymous requests get 403. A denied or
refused write changes nothing.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from kokeilu.accounts.models import OrganisationKind
from kokeilu.calls.models import Call
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform, Theme
from tests.factories import (
    CallFactory,
    DevelopmentNeedFactory,
    OrganisationFactory,
    PlatformFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/manage/needs/"
PERSONAS = ["anonymous", "applicant", "reviewer", "programme_manager", "other_city_manager", "site_admin"]
MANAGERS = {"programme_manager", "site_admin"}


@pytest.fixture
def api_for():
    """A client logged in as the persona (None: anonymous) whose messages come in English."""

    def make(user) -> Client:
        client = Client(headers={"Accept-Language": "en"})
        if user is not None:
            client.force_login(user)
        return client

    return make


def persona_user(request, persona):
    return None if persona == "anonymous" else request.getfixturevalue(persona)


def post_json(client, path, data):
    return client.post(path, data, content_type="application/json")


def patch_json(client, path, data):
    return client.patch(path, data, content_type="application/json")


def snapshot() -> tuple:
    """Every row a manager's need endpoint could write."""
    return (
        sorted(
            DevelopmentNeed.objects.values_list(
                "id",
                "platform_id",
                "owning_unit_id",
                "title_fi",
                "title_sv",
                "title_en",
                "description_fi",
                "description_sv",
                "description_en",
                "status",
                "updated_at",
            )
        ),
        sorted(DevelopmentNeed.themes.through.objects.values_list("developmentneed_id", "theme_id")),
    )


# --- The permission matrix -----------------------------------------------------------------------------


@dataclass
class World:
    platform: Platform
    draft: DevelopmentNeed
    published: DevelopmentNeed
    other_city_need: DevelopmentNeed
    theme: Theme
    unit_id: int


@pytest.fixture
def world(
    platform, city_unit, other_city, applicant, reviewer, programme_manager, other_city_manager, site_admin
):
    return World(
        platform=platform,
        draft=DevelopmentNeedFactory(
            platform=platform, title_fi="Keskeneräinen tarve", status=NeedStatus.DRAFT
        ),
        published=DevelopmentNeedFactory(platform=platform, title_fi="Julkaistu tarve"),
        other_city_need=DevelopmentNeedFactory(
            platform=PlatformFactory(city=other_city), title_fi="Helsingin tarve"
        ),
        theme=ThemeFactory(slug="robotiikka", name_fi="Robotiikka"),
        unit_id=city_unit.pk,
    )


def _created(w: World) -> bool:
    need = DevelopmentNeed.objects.get(title_fi="Robotiikka asiakaspalvelussa")
    return (
        need.platform_id == w.platform.pk
        and need.status == NeedStatus.PUBLISHED
        and need.owning_unit_id == w.unit_id
        and list(need.themes.all()) == [w.theme]
    )


def _changed(need_of: str):
    def happened(w: World) -> bool:
        need = DevelopmentNeed.objects.get(pk=getattr(w, need_of).pk)
        return need.title_fi == "Muutettu tarve" and need.status == NeedStatus.ARCHIVED

    return happened


ENDPOINTS: dict[str, dict[str, Any]] = {
    "need_create": {
        "method": "post",
        "path": lambda w: BASE,
        "body": lambda w: {
            "platform": w.platform.slug,
            "title_fi": "Robotiikka asiakaspalvelussa",
            "owning_unit": w.unit_id,
            "themes": [w.theme.slug],
            "status": "published",
        },
        "success": 201,
        "denied": 403,
        "happened": _created,
    },
    "draft_retrieve": {
        "method": "get",
        "path": lambda w: f"{BASE}{w.draft.pk}/",
        "success": 200,
        "denied": 404,
    },
    "published_retrieve": {
        "method": "get",
        "path": lambda w: f"{BASE}{w.published.pk}/",
        "success": 200,
        "denied": 404,
    },
    "draft_update": {
        "method": "patch",
        "path": lambda w: f"{BASE}{w.draft.pk}/",
        "body": lambda w: {"title_fi": "Muutettu tarve", "status": "archived"},
        "success": 200,
        "denied": 404,
        "happened": _changed("draft"),
    },
    "published_update": {
        "method": "patch",
        "path": lambda w: f"{BASE}{w.published.pk}/",
        "body": lambda w: {"title_fi": "Muutettu tarve", "status": "archived"},
        "success": 200,
        "denied": 404,
        "happened": _changed("published"),
    },
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_permission_matrix(request, world, api_for, persona, name):
    endpoint = ENDPOINTS[name]
    client = api_for(persona_user(request, persona))
    before = snapshot()
    path = endpoint["path"](world)
    if "body" in endpoint:
        response = getattr(client, endpoint["method"])(
            path, endpoint["body"](world), content_type="application/json"
        )
    else:
        response = getattr(client, endpoint["method"])(path)
    expected = (
        403 if persona == "anonymous" else endpoint["success"] if persona in MANAGERS else endpoint["denied"]
    )
    assert response.status_code == expected, response.content[:500]
    if persona in MANAGERS and "happened" in endpoint:
        assert endpoint["happened"](world)
    else:
        assert snapshot() == before
    if persona not in MANAGERS:
        assert "Keskeneräinen tarve" not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_holds_the_needs_of_the_platforms_one_manages(request, world, api_for, persona):
    response = api_for(persona_user(request, persona)).get(BASE)
    if persona == "anonymous":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    expected = {
        "applicant": [],
        "reviewer": [],
        "programme_manager": [world.draft.pk, world.published.pk],
        "other_city_manager": [world.other_city_need.pk],
        "site_admin": sorted([world.draft.pk, world.published.pk, world.other_city_need.pk]),
    }[persona]
    body = response.json()
    assert body["count"] == len(expected)
    assert sorted(row["id"] for row in body["results"]) == sorted(expected)


def test_the_list_filters_by_platform_and_costs_the_same_for_many_needs(
    api_for, programme_manager, platform, city, django_assert_max_num_queries
):
    second = PlatformFactory(city=city, slug="koulut")
    DevelopmentNeedFactory(platform=platform)
    on_second = DevelopmentNeedFactory(platform=second, status=NeedStatus.ARCHIVED)
    client = api_for(programme_manager)
    with django_assert_max_num_queries(7) as few:
        assert client.get(BASE).json()["count"] == 2
    for _number in range(6):
        need = DevelopmentNeedFactory(platform=platform)
        need.themes.set([ThemeFactory(), ThemeFactory()])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(BASE).json()["count"] == 8
    filtered = client.get(f"{BASE}?platform=koulut").json()
    assert [(row["id"], row["status"]) for row in filtered["results"]] == [(on_second.pk, "archived")]


# --- Creating ------------------------------------------------------------------------------------------


def test_create_stores_every_field_and_answers_with_the_need(api_for, programme_manager, platform, city_unit):
    ThemeFactory(slug="robotiikka", name_fi="Robotiikka", name_en="Robotics")
    response = post_json(
        api_for(programme_manager),
        BASE,
        {
            "platform": platform.slug,
            "title_fi": "Robotiikka asiakaspalvelussa",
            "title_sv": "Robotik i kundtjänsten",
            "title_en": "Robotics in customer service",
            "description_fi": "Kuvaus",
            "description_sv": "Beskrivning",
            "description_en": "Description",
            "owning_unit": city_unit.pk,
            "themes": ["robotiikka"],
            "status": "published",
        },
    )
    assert response.status_code == 201, response.content
    need = DevelopmentNeed.objects.get()
    body = response.json()
    assert {key: value for key, value in body.items() if key not in ("created_at", "updated_at")} == {
        "id": need.pk,
        "platform": "iso-omena",
        "title": "Robotics in customer service",
        "title_fi": "Robotiikka asiakaspalvelussa",
        "title_sv": "Robotik i kundtjänsten",
        "title_en": "Robotics in customer service",
        "description": "Description",
        "description_fi": "Kuvaus",
        "description_sv": "Beskrivning",
        "description_en": "Description",
        "owning_unit": city_unit.pk,
        "owning_unit_name": "Iso Omenan palvelutori",
        "themes": [{"slug": "robotiikka", "name": "Robotics"}],
        "status": "published",
    }
    assert (need.status, need.owning_unit, need.description_sv) == ("published", city_unit, "Beskrivning")


def test_a_new_need_is_a_draft_unless_told_otherwise(api_for, programme_manager, platform):
    response = post_json(
        api_for(programme_manager), BASE, {"platform": platform.slug, "title_fi": "Opasteet"}
    )
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["owning_unit"], response.json()["themes"]) == (
        "draft",
        None,
        [],
    )
    assert DevelopmentNeed.objects.get().status == NeedStatus.DRAFT


def test_a_status_a_draft_cannot_move_to_creates_nothing(api_for, programme_manager, platform):
    response = post_json(
        api_for(programme_manager),
        BASE,
        {"platform": platform.slug, "title_fi": "Opasteet", "status": "addressed"},
    )
    assert (response.status_code, response.json()) == (
        400,
        {"status": ["A need cannot move from “Draft” to “Addressed”."]},
    )
    assert DevelopmentNeed.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"status": "forgotten"}, {"status": ['"forgotten" is not a valid choice.']}),
        ({"title_fi": ""}, {"title_fi": ["This field may not be blank."]}),
        (
            {"title_fi": "x" * 201},
            {"title_fi": ["Ensure this value has at most 200 characters (it has 201)."]},
        ),
        ({"themes": ["ei-ole"]}, {"themes": ["Object with slug=ei-ole does not exist."]}),
        ({"platform": "ei-ole"}, {"platform": ["There is no such platform."]}),
        ({"owning_unit": 999999}, {"owning_unit": ["Choose the city or one of its units."]}),
    ],
)
def test_create_refusals_name_their_field(api_for, programme_manager, platform, overrides, errors):
    body = {"platform": platform.slug, "title_fi": "Opasteet", **overrides}
    response = post_json(api_for(programme_manager), BASE, body)
    assert (response.status_code, response.json()) == (400, errors)
    assert DevelopmentNeed.objects.count() == 0


def test_create_names_every_missing_required_field(api_for, programme_manager):
    response = post_json(api_for(programme_manager), BASE, {})
    assert (response.status_code, response.json()) == (
        400,
        {"platform": ["This field is required."], "title_fi": ["This field is required."]},
    )


def test_the_owning_unit_is_the_city_or_one_of_its_units(
    api_for, programme_manager, platform, city, other_city
):
    client = api_for(programme_manager)
    other_citys_unit = OrganisationFactory(kind=OrganisationKind.CITY_UNIT, city=other_city)
    company = OrganisationFactory(kind=OrganisationKind.COMPANY)
    for outsider in (other_city, other_citys_unit, company):
        response = post_json(
            client, BASE, {"platform": platform.slug, "title_fi": "X", "owning_unit": outsider.pk}
        )
        assert (response.status_code, response.json()) == (
            400,
            {"owning_unit": ["Choose the city or one of its units."]},
        )
    assert DevelopmentNeed.objects.count() == 0
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL, city=city)
    for insider in (city, school):
        response = post_json(
            client, BASE, {"platform": platform.slug, "title_fi": "Y", "owning_unit": insider.pk}
        )
        assert response.status_code == 201
        assert response.json()["owning_unit"] == insider.pk


def test_a_platform_the_manager_cannot_see_is_unknown_and_one_they_see_is_forbidden(
    api_for, programme_manager, other_city
):
    client = api_for(programme_manager)
    hidden = PlatformFactory(city=other_city, is_public=False)
    public = PlatformFactory(city=other_city, is_public=True)
    unknown = post_json(client, BASE, {"platform": hidden.slug, "title_fi": "X"})
    assert (unknown.status_code, unknown.json()) == (400, {"platform": ["There is no such platform."]})
    forbidden = post_json(client, BASE, {"platform": public.slug, "title_fi": "X"})
    assert (forbidden.status_code, forbidden.json()) == (
        403,
        {"detail": "You do not have permission to do this."},
    )
    assert DevelopmentNeed.objects.count() == 0


# --- Updating ------------------------------------------------------------------------------------------


def test_patch_changes_only_the_given_fields_and_replaces_themes(
    world, api_for, programme_manager, city_unit
):
    need = world.published
    need.owning_unit = city_unit
    need.save()
    need.themes.set([world.theme])
    second_theme = ThemeFactory(slug="oppiminen")
    client = api_for(programme_manager)
    response = patch_json(client, f"{BASE}{need.pk}/", {"title_en": "Changed", "themes": ["oppiminen"]})
    assert response.status_code == 200, response.content
    assert [theme["slug"] for theme in response.json()["themes"]] == ["oppiminen"]
    need.refresh_from_db()
    assert (need.title_fi, need.title_en, need.status, need.owning_unit) == (
        "Julkaistu tarve",
        "Changed",
        NeedStatus.PUBLISHED,
        city_unit,
    )
    assert list(need.themes.all()) == [second_theme]
    kept = patch_json(client, f"{BASE}{need.pk}/", {"owning_unit": None})
    assert (kept.json()["owning_unit"], kept.json()["themes"][0]["slug"]) == (None, "oppiminen")
    cleared = patch_json(client, f"{BASE}{need.pk}/", {"themes": []})
    assert cleared.json()["themes"] == []


def test_patch_follows_the_allowed_status_transitions(world, api_for, programme_manager):
    client = api_for(programme_manager)
    path = f"{BASE}{world.published.pk}/"
    assert patch_json(client, path, {"status": "addressed"}).json()["status"] == "addressed"
    before = snapshot()
    refused = patch_json(client, path, {"status": "draft", "title_fi": "Ei tallennu"})
    assert (refused.status_code, refused.json()) == (
        400,
        {"status": ["A need cannot move from “Addressed” to “Draft”."]},
    )
    assert snapshot() == before


def test_patch_refuses_another_citys_unit(world, api_for, programme_manager, other_city):
    before = snapshot()
    response = patch_json(
        api_for(programme_manager), f"{BASE}{world.draft.pk}/", {"owning_unit": other_city.pk}
    )
    assert (response.status_code, response.json()) == (
        400,
        {"owning_unit": ["Choose the city or one of its units."]},
    )
    assert snapshot() == before


def test_patch_tells_the_calls_answering_the_need(world, api_for, programme_manager):
    """The same service as the page: calls showing the need's title get a new version for their caches."""
    call = CallFactory(platform=world.platform)
    call.needs.set([world.published])
    version = Call.objects.get(pk=call.pk).activity_version
    response = patch_json(
        api_for(programme_manager), f"{BASE}{world.published.pk}/", {"title_fi": "Uusi nimi"}
    )
    assert response.status_code == 200
    assert Call.objects.get(pk=call.pk).activity_version == version + 1


def test_a_missing_need_is_not_found(api_for, programme_manager, platform):
    client = api_for(programme_manager)
    assert client.get(f"{BASE}999999/").status_code == 404
    assert patch_json(client, f"{BASE}999999/", {"title_fi": "X"}).status_code == 404
