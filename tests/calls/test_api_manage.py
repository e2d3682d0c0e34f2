"""The manager's calls API: the same services as the management pages, answered as JSON.

Rule under test: a programme manager of a city (and a site administrator) manages the calls of the city's
platforms. Anyone else gets 404 for such a call and its criteria and questions, 403 when creating a call
on a platform they may see but not manage, and an empty list; anonymous requests get 403 (session
authentication sends no challenge). A denied or refused write changes nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kokeilu.calls.models import Call, CallQuestion, Criterion
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform, Theme
from tests.factories import (
    CallFactory,
    CallQuestionFactory,
    CriterionFactory,
    DevelopmentNeedFactory,
    PlatformFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/manage/calls/"
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


def post_json(client, path, data=None):
    return client.post(path, data if data is not None else {}, content_type="application/json")


def patch_json(client, path, data):
    return client.patch(path, data, content_type="application/json")


def draft_call_on(platform: Platform, **fields: Any) -> Call:
    """A draft that opens tomorrow for a month."""
    opens = timezone.now() + timedelta(days=1)
    defaults: dict[str, Any] = {
        "published_at": None,
        "opens_at": opens,
        "closes_at": opens + timedelta(days=30),
    }
    return CallFactory(platform=platform, **{**defaults, **fields})


def call_body(on: Platform, /, **overrides: Any) -> dict[str, Any]:
    """A complete, valid request to create a call opening tomorrow."""
    opens = timezone.now() + timedelta(days=1)
    body: dict[str, Any] = {
        "platform": on.slug,
        "title_fi": "Kirjastojen kokeiluhaku",
        "title_sv": "Bibliotekens försöksutlysning",
        "title_en": "Library experiments",
        "description_fi": "Etsimme kokeiluja kirjastoihin.",
        "description_sv": "Vi söker försök för biblioteken.",
        "description_en": "We are looking for experiments in libraries.",
        "eligibility": ["company", "school"],
        "proposal_mode": "low_threshold",
        "funding_per_pilot": "12000.50",
        "pilots_to_fund": 3,
        "duration_min_months": 2,
        "duration_max_months": 4,
        "opens_at": opens.isoformat(),
        "closes_at": (opens + timedelta(days=30)).isoformat(),
        "review_ends_at": (opens + timedelta(days=40)).isoformat(),
        "decision_ends_at": (opens + timedelta(days=50)).isoformat(),
    }
    body.update(overrides)
    return body


def snapshot() -> tuple:
    """Every row a manager's call endpoint could write."""
    return (
        sorted(
            Call.objects.values_list(
                "id",
                "slug",
                "platform_id",
                "title_fi",
                "title_sv",
                "title_en",
                "description_fi",
                "proposal_mode",
                "funding_per_pilot",
                "pilots_to_fund",
                "duration_min_months",
                "duration_max_months",
                "published_at",
                "opens_at",
                "closes_at",
                "review_ends_at",
                "decision_ends_at",
                "updated_at",
            )
        ),
        sorted((call.pk, tuple(call.eligibility)) for call in Call.objects.all()),
        sorted(Call.needs.through.objects.values_list("call_id", "developmentneed_id")),
        sorted(Call.themes.through.objects.values_list("call_id", "theme_id")),
        sorted(
            Criterion.objects.values_list(
                "id", "call_id", "name_fi", "name_en", "weight", "position", "updated_at"
            )
        ),
        sorted(
            CallQuestion.objects.values_list(
                "id", "call_id", "text_fi", "required", "max_length", "position", "updated_at"
            )
        ),
    )


# --- The permission matrix -----------------------------------------------------------------------------


@dataclass
class World:
    draft: Call
    published: Call
    other_city_call: Call
    criterion: Criterion
    question: CallQuestion
    need: DevelopmentNeed
    theme: Theme
    platform: Platform


@pytest.fixture
def world(platform, call, other_city, applicant, reviewer, programme_manager, other_city_manager, site_admin):
    """A draft call of the city with a criterion and a question; `call` (open) of the same city; a draft
    call of the other city."""
    draft = draft_call_on(platform, title_fi="Luonnoshaku")
    other_city_call = draft_call_on(PlatformFactory(city=other_city), title_fi="Helsingin haku")
    return World(
        draft=draft,
        published=call,
        other_city_call=other_city_call,
        criterion=CriterionFactory(
            call=draft, name_fi="Vaikuttavuus", name_sv="Genomslag", name_en="Impact", weight=3, position=1
        ),
        question=CallQuestionFactory(call=draft, text_fi="Miten mittaatte?"),
        need=DevelopmentNeedFactory(platform=platform, status=NeedStatus.PUBLISHED),
        theme=ThemeFactory(slug="kirjastot", name_fi="Kirjastot"),
        platform=platform,
    )


def _created(w: World) -> bool:
    call = Call.objects.get(title_fi="Kirjastojen kokeiluhaku")
    return (
        call.platform_id == w.platform.pk
        and call.published_at is None
        and [need.pk for need in call.needs.all()] == [w.need.pk]
        and [theme.slug for theme in call.themes.all()] == ["kirjastot"]
    )


ENDPOINTS: dict[str, dict[str, Any]] = {
    "call_create": {
        "method": "post",
        "path": lambda w: BASE,
        "body": lambda w: call_body(w.platform, needs=[w.need.pk], themes=[w.theme.slug]),
        "success": 201,
        "denied": 403,
        "happened": _created,
    },
    "call_retrieve": {
        "method": "get",
        "path": lambda w: f"{BASE}{w.draft.slug}/",
        "success": 200,
        "denied": 404,
    },
    "call_update": {
        "method": "patch",
        "path": lambda w: f"{BASE}{w.draft.slug}/",
        "body": lambda w: {"title_fi": "Muutettu haku"},
        "success": 200,
        "denied": 404,
        "happened": lambda w: Call.objects.get(pk=w.draft.pk).title_fi == "Muutettu haku",
    },
    # A published call is public, yet not in the collection of those who do not manage it.
    "published_call_retrieve": {
        "method": "get",
        "path": lambda w: f"{BASE}{w.published.slug}/",
        "success": 200,
        "denied": 404,
    },
    "published_call_update": {
        "method": "patch",
        "path": lambda w: f"{BASE}{w.published.slug}/",
        "body": lambda w: {"title_en": "Changed"},
        "success": 200,
        "denied": 404,
        "happened": lambda w: Call.objects.get(pk=w.published.pk).title_en == "Changed",
    },
    "call_publish": {
        "method": "post",
        "path": lambda w: f"{BASE}{w.draft.slug}/publish/",
        "success": 200,
        "denied": 404,
        "happened": lambda w: Call.objects.get(pk=w.draft.pk).published_at is not None,
    },
    "criterion_create": {
        "method": "post",
        "path": lambda w: f"{BASE}{w.draft.slug}/criteria/",
        "body": lambda w: {"name_fi": "Toteutettavuus", "weight": 2},
        "success": 201,
        "denied": 404,
        "happened": lambda w: w.draft.criteria.filter(name_fi="Toteutettavuus", weight=2).count() == 1,
    },
    "criterion_update": {
        "method": "patch",
        "path": lambda w: f"{BASE}{w.draft.slug}/criteria/{w.criterion.pk}/",
        "body": lambda w: {"weight": 7},
        "success": 200,
        "denied": 404,
        "happened": lambda w: Criterion.objects.get(pk=w.criterion.pk).weight == 7,
    },
    "criterion_delete": {
        "method": "delete",
        "path": lambda w: f"{BASE}{w.draft.slug}/criteria/{w.criterion.pk}/",
        "success": 204,
        "denied": 404,
        "happened": lambda w: not Criterion.objects.filter(pk=w.criterion.pk).exists(),
    },
    "question_create": {
        "method": "post",
        "path": lambda w: f"{BASE}{w.draft.slug}/questions/",
        "body": lambda w: {"text_fi": "Keitä kokeilu koskee?", "is_required": False},
        "success": 201,
        "denied": 404,
        "happened": lambda w: (
            w.draft.questions.filter(text_fi="Keitä kokeilu koskee?", required=False).count() == 1
        ),
    },
    "question_update": {
        "method": "patch",
        "path": lambda w: f"{BASE}{w.draft.slug}/questions/{w.question.pk}/",
        "body": lambda w: {"max_length": 300},
        "success": 200,
        "denied": 404,
        "happened": lambda w: CallQuestion.objects.get(pk=w.question.pk).max_length == 300,
    },
    "question_delete": {
        "method": "delete",
        "path": lambda w: f"{BASE}{w.draft.slug}/questions/{w.question.pk}/",
        "success": 204,
        "denied": 404,
        "happened": lambda w: not CallQuestion.objects.filter(pk=w.question.pk).exists(),
    },
}


def send(client: Client, endpoint: dict[str, Any], w: World):
    path = endpoint["path"](w)
    if "body" in endpoint:
        return getattr(client, endpoint["method"])(path, endpoint["body"](w), content_type="application/json")
    return getattr(client, endpoint["method"])(path)


def expected_status(endpoint: dict[str, Any], persona: str) -> int:
    if persona == "anonymous":
        return 403
    return endpoint["success"] if persona in MANAGERS else endpoint["denied"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_permission_matrix(request, world, api_for, persona, name):
    endpoint = ENDPOINTS[name]
    before = snapshot()
    response = send(api_for(persona_user(request, persona)), endpoint, world)
    assert response.status_code == expected_status(endpoint, persona), response.content[:500]
    if persona in MANAGERS:
        if "happened" in endpoint:
            assert endpoint["happened"](world)
        else:
            assert snapshot() == before
    else:
        assert snapshot() == before
        assert "Luonnoshaku" not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_holds_the_calls_of_the_cities_one_manages(request, world, api_for, persona):
    response = api_for(persona_user(request, persona)).get(BASE)
    if persona == "anonymous":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    expected = {
        "applicant": set(),
        "reviewer": set(),
        "programme_manager": {world.draft.slug, world.published.slug},
        "other_city_manager": {world.other_city_call.slug},
        "site_admin": {world.draft.slug, world.published.slug, world.other_city_call.slug},
    }[persona]
    body = response.json()
    assert body["count"] == len(expected)
    assert {row["slug"] for row in body["results"]} == expected


def test_the_other_citys_call_is_not_found_for_a_manager(world, api_for, programme_manager):
    client = api_for(programme_manager)
    before = snapshot()
    other = world.other_city_call
    assert client.get(f"{BASE}{other.slug}/").status_code == 404
    assert patch_json(client, f"{BASE}{other.slug}/", {"title_fi": "Kaappaus"}).status_code == 404
    assert post_json(client, f"{BASE}{other.slug}/publish/").status_code == 404
    assert post_json(client, f"{BASE}{other.slug}/criteria/", {"name_fi": "X"}).status_code == 404
    assert snapshot() == before


def test_a_criterion_or_question_of_another_call_is_not_found(world, api_for, programme_manager):
    """The id must belong to the call in the path, even when the manager manages both calls."""
    client = api_for(programme_manager)
    foreign_criterion = world.published.criteria.first()
    foreign_question = CallQuestionFactory(call=world.published)
    before = snapshot()
    path = f"{BASE}{world.draft.slug}"
    assert patch_json(client, f"{path}/criteria/{foreign_criterion.pk}/", {"weight": 9}).status_code == 404
    assert client.delete(f"{path}/criteria/{foreign_criterion.pk}/").status_code == 404
    assert patch_json(client, f"{path}/questions/{foreign_question.pk}/", {"position": 9}).status_code == 404
    assert client.delete(f"{path}/questions/{foreign_question.pk}/").status_code == 404
    assert client.delete(f"{path}/questions/999999/").status_code == 404
    assert snapshot() == before


def test_missing_calls_are_not_found(api_for, programme_manager, platform):
    client = api_for(programme_manager)
    assert client.get(f"{BASE}no-such-call/").status_code == 404
    assert post_json(client, f"{BASE}no-such-call/publish/").status_code == 404


def test_the_list_costs_the_same_for_many_calls(
    api_for, programme_manager, platform, django_assert_max_num_queries
):
    client = api_for(programme_manager)
    draft_call_on(platform)
    with django_assert_max_num_queries(6) as few:
        assert client.get(BASE).json()["count"] == 1
    for _number in range(8):
        draft_call_on(platform)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(BASE).json()["count"] == 9


# --- Creating and reading ------------------------------------------------------------------------------


def test_create_stores_every_field_and_answers_with_the_draft(api_for, programme_manager, platform):
    need = DevelopmentNeedFactory(platform=platform, status=NeedStatus.DRAFT)
    ThemeFactory(slug="kirjastot")
    ThemeFactory(slug="oppiminen")
    body = call_body(platform, needs=[need.pk], themes=["oppiminen", "kirjastot"])
    response = post_json(api_for(programme_manager), BASE, body)
    assert response.status_code == 201, response.content
    call = Call.objects.get()
    assert call.created_by == programme_manager
    assert call.published_at is None
    assert call.eligibility == ["company", "school"]
    assert (call.funding_per_pilot, call.pilots_to_fund) == (Decimal("12000.50"), 3)
    assert (call.duration_min_months, call.duration_max_months, call.proposal_mode) == (2, 4, "low_threshold")
    assert call.opens_at == datetime.fromisoformat(body["opens_at"])
    result = response.json()
    assert result["id"] == call.pk
    assert result["slug"] == call.slug == "kirjastojen-kokeiluhaku"
    assert (result["platform"], result["city"], result["phase"], result["published_at"]) == (
        "iso-omena",
        "Espoo",
        "draft",
        None,
    )
    # `title` follows the language of the request (English here); the three columns come as they are.
    assert (result["title"], result["title_fi"], result["title_sv"], result["title_en"]) == (
        "Library experiments",
        "Kirjastojen kokeiluhaku",
        "Bibliotekens försöksutlysning",
        "Library experiments",
    )
    assert result["needs"] == [need.pk]
    assert result["themes"] == ["kirjastot", "oppiminen"]
    assert (result["funding_per_pilot"], result["pilots_to_fund"]) == ("12000.50", 3)
    assert (result["criteria"], result["questions"]) == ([], [])


def test_create_leaves_optional_fields_to_the_models_defaults(api_for, programme_manager, platform):
    body = call_body(platform)
    for optional in ("title_sv", "title_en", "proposal_mode", "funding_per_pilot", "pilots_to_fund"):
        del body[optional]
    for optional in ("duration_min_months", "duration_max_months"):
        del body[optional]
    response = post_json(api_for(programme_manager), BASE, body)
    assert response.status_code == 201, response.content
    call = Call.objects.get()
    assert (call.proposal_mode, call.funding_per_pilot, call.pilots_to_fund) == ("full", Decimal("0"), None)
    assert (call.duration_min_months, call.duration_max_months, call.title_en) == (1, 3, "")
    assert (list(call.needs.all()), list(call.themes.all())) == ([], [])


def test_a_manager_can_create_on_a_non_public_platform_of_the_city(api_for, programme_manager, city):
    hidden = PlatformFactory(city=city, is_public=False)
    response = post_json(api_for(programme_manager), BASE, call_body(hidden))
    assert response.status_code == 201
    assert Call.objects.get().platform == hidden


def test_detail_shows_a_draft_with_its_criteria_and_questions(world, api_for, programme_manager):
    response = api_for(programme_manager).get(f"{BASE}{world.draft.slug}/")
    assert response.status_code == 200
    body = response.json()
    assert (body["slug"], body["phase"], body["title_fi"]) == (world.draft.slug, "draft", "Luonnoshaku")
    assert body["criteria"] == [
        {
            "id": world.criterion.pk,
            "name": "Impact",
            "name_fi": "Vaikuttavuus",
            "name_sv": "Genomslag",
            "name_en": "Impact",
            "description_fi": "",
            "description_sv": "",
            "description_en": "",
            "weight": 3,
            "position": 1,
        }
    ]
    assert [
        (row["id"], row["text_fi"], row["is_required"], row["max_length"]) for row in body["questions"]
    ] == [(world.question.pk, "Miten mittaatte?", True, 2000)]


# --- Refusals land on their field ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        pytest.param(
            {"duration_min_months": 5, "duration_max_months": 2},
            {"duration_max_months": ["The shortest duration cannot exceed the longest."]},
            id="duration-range",
        ),
        pytest.param(
            {"eligibility": []}, {"eligibility": ["Choose at least one kind of applicant."]}, id="nobody"
        ),
        pytest.param(
            {"eligibility": ["company", "martians"]},
            {"eligibility": {"1": ['"martians" is not a valid choice.']}},
            id="unknown-applicant-kind",
        ),
        pytest.param(
            {"funding_per_pilot": "-1.00"},
            {"funding_per_pilot": ["Ensure this value is greater than or equal to 0."]},
            id="negative-funding",
        ),
        pytest.param(
            {"proposal_mode": "video"}, {"proposal_mode": ['"video" is not a valid choice.']}, id="mode"
        ),
        pytest.param(
            {"themes": ["ei-ole"]}, {"themes": ["Object with slug=ei-ole does not exist."]}, id="theme"
        ),
        pytest.param({"needs": [999999]}, {"needs": ["Unknown development need: 999999"]}, id="need"),
        pytest.param({"platform": "ei-ole"}, {"platform": ["There is no such platform."]}, id="platform"),
        pytest.param({"title_fi": ""}, {"title_fi": ["This field may not be blank."]}, id="blank-title"),
    ],
)
def test_create_refusals_name_their_field(api_for, programme_manager, platform, overrides, errors):
    response = post_json(api_for(programme_manager), BASE, call_body(platform, **overrides))
    assert response.status_code == 400
    assert response.json() == errors
    assert Call.objects.count() == 0


def test_dates_out_of_order_land_on_the_later_date(api_for, programme_manager, platform):
    client = api_for(programme_manager)
    opens = timezone.now() + timedelta(days=1)
    cases = [
        (
            {"closes_at": (opens - timedelta(hours=1)).isoformat()},
            {"closes_at": ["The deadline must be after the opening time."]},
        ),
        (
            {"review_ends_at": (opens + timedelta(days=2)).isoformat()},
            {"review_ends_at": ["Review must end after the deadline."]},
        ),
        (
            {"decision_ends_at": (opens + timedelta(days=35)).isoformat()},
            {"decision_ends_at": ["Decisions must come after the review."]},
        ),
    ]
    for overrides, errors in cases:
        body = call_body(platform, opens_at=opens.isoformat(), **overrides)
        response = post_json(client, BASE, body)
        assert (response.status_code, response.json()) == (400, errors)
    assert Call.objects.count() == 0


def test_create_names_every_missing_required_field(api_for, programme_manager):
    response = post_json(api_for(programme_manager), BASE, {})
    assert response.status_code == 400
    required = ["This field is required."]
    fields = (
        "platform",
        "title_fi",
        "eligibility",
        "opens_at",
        "closes_at",
        "review_ends_at",
        "decision_ends_at",
    )
    assert response.json() == dict.fromkeys(fields, required)


def test_a_call_answers_only_needs_of_its_own_platform(api_for, programme_manager, platform, city):
    elsewhere = DevelopmentNeedFactory(platform=PlatformFactory(city=city))
    response = post_json(api_for(programme_manager), BASE, call_body(platform, needs=[elsewhere.pk]))
    assert (response.status_code, response.json()) == (
        400,
        {"needs": ["A call can only answer needs of its own platform."]},
    )
    assert Call.objects.count() == 0


def test_needs_hidden_from_the_manager_are_unknown(api_for, programme_manager, platform, other_city):
    """A draft need of another city answers like a missing id: the API does not tell that it exists."""
    hidden = DevelopmentNeedFactory(platform=PlatformFactory(city=other_city), status=NeedStatus.DRAFT)
    response = post_json(api_for(programme_manager), BASE, call_body(platform, needs=[hidden.pk, 999999]))
    assert (response.status_code, response.json()) == (
        400,
        {"needs": [f"Unknown development need: {hidden.pk}, 999999"]},
    )


def test_a_platform_the_manager_cannot_see_is_unknown_and_one_they_see_is_forbidden(
    api_for, programme_manager, other_city
):
    client = api_for(programme_manager)
    hidden = PlatformFactory(city=other_city, is_public=False)
    public = PlatformFactory(city=other_city, is_public=True)
    unknown = post_json(client, BASE, call_body(hidden))
    assert (unknown.status_code, unknown.json()) == (400, {"platform": ["There is no such platform."]})
    forbidden = post_json(client, BASE, call_body(public))
    assert (forbidden.status_code, forbidden.json()) == (
        403,
        {"detail": "You do not have permission to do this."},
    )
    assert Call.objects.count() == 0


# --- Updating ------------------------------------------------------------------------------------------


def test_patch_changes_only_the_given_fields_and_replaces_lists(world, api_for, programme_manager):
    second_need = DevelopmentNeedFactory(platform=world.platform)
    world.draft.needs.set([world.need])
    world.draft.themes.set([world.theme])
    client = api_for(programme_manager)
    path = f"{BASE}{world.draft.slug}/"
    response = patch_json(
        client, path, {"title_en": "Changed", "needs": [second_need.pk], "themes": [], "pilots_to_fund": None}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title_en"], body["needs"], body["themes"], body["pilots_to_fund"]) == (
        "Changed",
        [second_need.pk],
        [],
        None,
    )
    call = Call.objects.get(pk=world.draft.pk)
    assert (call.title_fi, call.title_en, call.pilots_to_fund) == ("Luonnoshaku", "Changed", None)
    assert list(call.needs.all()) == [second_need]
    assert list(call.themes.all()) == []
    untouched = patch_json(client, path, {"description_en": "More"})
    assert untouched.json()["needs"] == [second_need.pk]


def test_patch_ignores_a_platform_in_the_body(world, api_for, programme_manager, city):
    other_platform = PlatformFactory(city=city)
    response = patch_json(
        api_for(programme_manager), f"{BASE}{world.draft.slug}/", {"platform": other_platform.slug}
    )
    assert response.status_code == 200
    assert Call.objects.get(pk=world.draft.pk).platform == world.platform


def test_patch_refusal_lands_on_its_field_and_changes_nothing(world, api_for, programme_manager):
    before = snapshot()
    response = patch_json(
        api_for(programme_manager),
        f"{BASE}{world.draft.slug}/",
        {"title_fi": "Ei tallennu", "duration_min_months": 6, "duration_max_months": 2},
    )
    assert (response.status_code, response.json()) == (
        400,
        {"duration_max_months": ["The shortest duration cannot exceed the longest."]},
    )
    assert snapshot() == before


def test_the_deadline_stays_once_it_has_passed(api_for, programme_manager, call):
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(
        opens_at=now - timedelta(days=10), closes_at=now - timedelta(days=1)
    )
    client = api_for(programme_manager)
    path = f"{BASE}{call.slug}/"
    refused = patch_json(client, path, {"closes_at": (now + timedelta(days=1)).isoformat()})
    assert (refused.status_code, refused.json()) == (
        400,
        {"closes_at": ["The deadline has passed and can no longer be changed."]},
    )
    assert Call.objects.get(pk=call.pk).closes_at < now
    allowed = patch_json(client, path, {"title_en": "Still editable"})
    assert allowed.status_code == 200
    assert allowed.json()["phase"] == "review"


# --- Publishing ----------------------------------------------------------------------------------------


def test_publishing_needs_a_criterion_and_happens_once(api_for, programme_manager, platform):
    draft = draft_call_on(platform)
    client = api_for(programme_manager)
    path = f"{BASE}{draft.slug}/publish/"
    refused = post_json(client, path)
    assert (refused.status_code, refused.json()) == (
        400,
        {"detail": "Add at least one evaluation criterion before publishing.", "code": "no_criteria"},
    )
    assert Call.objects.get(pk=draft.pk).published_at is None
    CriterionFactory(call=draft)
    published = post_json(client, path)
    assert published.status_code == 200
    assert published.json()["phase"] == "scheduled"
    published_at = Call.objects.get(pk=draft.pk).published_at
    assert published_at is not None
    again = post_json(client, path)
    assert (again.status_code, again.json()) == (
        400,
        {"detail": "The call is already published.", "code": "already_published"},
    )
    assert Call.objects.get(pk=draft.pk).published_at == published_at


def test_create_add_a_criterion_publish_and_the_call_is_open_to_everyone(
    api_for, programme_manager, platform
):
    client = api_for(programme_manager)
    public = Client()
    opens = timezone.now() - timedelta(minutes=5)
    body = call_body(
        platform,
        opens_at=opens.isoformat(),
        closes_at=(opens + timedelta(days=30)).isoformat(),
        review_ends_at=(opens + timedelta(days=40)).isoformat(),
        decision_ends_at=(opens + timedelta(days=50)).isoformat(),
    )
    created = post_json(client, BASE, body)
    assert created.status_code == 201
    slug = created.json()["slug"]
    assert public.get("/api/v1/calls/?open=true").json()["results"] == []
    assert public.get(f"/api/v1/calls/{slug}/").status_code == 404

    criterion = post_json(
        client, f"{BASE}{slug}/criteria/", {"name_fi": "Vaikuttavuus", "name_en": "Impact", "weight": 2}
    )
    assert criterion.status_code == 201
    assert (criterion.json()["name_en"], criterion.json()["weight"]) == ("Impact", 2)
    published = post_json(client, f"{BASE}{slug}/publish/")
    assert published.status_code == 200
    assert published.json()["phase"] == "open"

    listed = public.get("/api/v1/calls/?open=true").json()["results"]
    assert [(row["slug"], row["phase"], row["funding_per_pilot"]) for row in listed] == [
        (slug, "open", "12000.50")
    ]
    detail = public.get(f"/api/v1/calls/{slug}/", headers={"Accept-Language": "en"}).json()
    assert [(row["name"], row["weight"]) for row in detail["criteria"]] == [("Impact", 2)]


# --- Criteria and questions ----------------------------------------------------------------------------


def test_criterion_create_and_patch_answer_with_the_criterion(world, api_for, programme_manager):
    client = api_for(programme_manager)
    created = post_json(
        client,
        f"{BASE}{world.draft.slug}/criteria/",
        {"name_fi": "Skaalautuvuus", "description_en": "Can it grow?", "weight": 4, "position": 9},
    )
    assert created.status_code == 201
    criterion = Criterion.objects.get(name_fi="Skaalautuvuus")
    assert created.json() == {
        "id": criterion.pk,
        "name": "Skaalautuvuus",
        "name_fi": "Skaalautuvuus",
        "name_sv": "",
        "name_en": "",
        "description_fi": "",
        "description_sv": "",
        "description_en": "Can it grow?",
        "weight": 4,
        "position": 9,
    }
    changed = patch_json(
        client, f"{BASE}{world.draft.slug}/criteria/{criterion.pk}/", {"name_sv": "Skalbarhet"}
    )
    assert changed.status_code == 200
    criterion.refresh_from_db()
    assert (criterion.name_fi, criterion.name_sv, criterion.weight) == ("Skaalautuvuus", "Skalbarhet", 4)


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"name_fi": "Paino", "weight": 0}, {"weight": ["Ensure this value is greater than or equal to 1."]}),
        (
            {"name_fi": "Paino", "weight": 101},
            {"weight": ["Ensure this value is less than or equal to 100."]},
        ),
        ({"weight": 2}, {"name_fi": ["This field is required."]}),
    ],
)
def test_criterion_refusals_name_their_field(world, api_for, programme_manager, body, errors):
    before = snapshot()
    response = post_json(api_for(programme_manager), f"{BASE}{world.draft.slug}/criteria/", body)
    assert (response.status_code, response.json()) == (400, errors)
    assert snapshot() == before


def test_criteria_are_fixed_once_the_review_has_started(api_for, programme_manager, call):
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(
        opens_at=now - timedelta(days=10), closes_at=now - timedelta(days=1)
    )
    criterion = call.criteria.first()
    client = api_for(programme_manager)
    before = snapshot()
    refusal = {"detail": "Criteria cannot be changed once the review has started.", "code": "invalid"}
    for response in (
        post_json(client, f"{BASE}{call.slug}/criteria/", {"name_fi": "Myöhässä"}),
        patch_json(client, f"{BASE}{call.slug}/criteria/{criterion.pk}/", {"weight": 5}),
        client.delete(f"{BASE}{call.slug}/criteria/{criterion.pk}/"),
    ):
        assert (response.status_code, response.json()) == (400, refusal)
    assert snapshot() == before


def test_question_create_and_patch(world, api_for, programme_manager):
    client = api_for(programme_manager)
    created = post_json(
        client,
        f"{BASE}{world.draft.slug}/questions/",
        {"text_fi": "Budjetti?", "help_en": "In euros.", "max_length": 500, "position": 3},
    )
    assert created.status_code == 201
    question = CallQuestion.objects.get(text_fi="Budjetti?")
    assert created.json() == {
        "id": question.pk,
        "text": "Budjetti?",
        "text_fi": "Budjetti?",
        "text_sv": "",
        "text_en": "",
        "help_fi": "",
        "help_sv": "",
        "help_en": "In euros.",
        "is_required": True,
        "max_length": 500,
        "position": 3,
    }
    changed = patch_json(client, f"{BASE}{world.draft.slug}/questions/{question.pk}/", {"is_required": False})
    assert (changed.status_code, changed.json()["is_required"]) == (200, False)
    question.refresh_from_db()
    assert (question.required, question.max_length) == (False, 500)


def test_questions_can_change_while_a_published_call_has_not_opened(api_for, programme_manager, platform):
    scheduled = draft_call_on(platform, published_at=timezone.now() - timedelta(hours=1))
    response = post_json(
        api_for(programme_manager), f"{BASE}{scheduled.slug}/questions/", {"text_fi": "Ajoissa?"}
    )
    assert response.status_code == 201
    assert scheduled.questions.get().text_fi == "Ajoissa?"


def test_questions_are_fixed_once_the_call_has_opened(api_for, programme_manager, call):
    question = CallQuestionFactory(call=call)
    client = api_for(programme_manager)
    before = snapshot()
    refusal = {"detail": "Questions cannot be changed after the call has opened.", "code": "invalid"}
    for response in (
        post_json(client, f"{BASE}{call.slug}/questions/", {"text_fi": "Myöhässä?"}),
        patch_json(client, f"{BASE}{call.slug}/questions/{question.pk}/", {"max_length": 10}),
        client.delete(f"{BASE}{call.slug}/questions/{question.pk}/"),
    ):
        assert (response.status_code, response.json()) == (400, refusal)
    assert snapshot() == before


def test_question_refusal_lands_on_its_field(world, api_for, programme_manager):
    before = snapshot()
    response = patch_json(
        api_for(programme_manager),
        f"{BASE}{world.draft.slug}/questions/{world.question.pk}/",
        {"text_fi": "x" * 501},
    )
    assert (response.status_code, response.json()) == (
        400,
        {"text_fi": ["Ensure this value has at most 500 characters (it has 501)."]},
    )
    assert snapshot() == before
