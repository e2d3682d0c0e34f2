"""The catalogue API: public reads with the catalogue page's filters, and producers' writes under the same
edit-rights rule as the pages (the producer's own members, the city's programme managers, site admins)."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from kokeilu.catalogue import services as catalogue_services
from kokeilu.catalogue.models import LifeSituation, Service

LIST = "/api/v1/catalogue/services/"
MANAGE = "/api/v1/catalogue/manage/services/"


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _next(weekday: int, hour: int) -> str:
    """The coming `weekday` (Monday=0), never today, at `hour`, Finnish time, as the API takes it."""
    today = datetime.now()
    days = (weekday - today.weekday()) % 7 or 7
    return f"{(today + timedelta(days=days)):%Y-%m-%d}T{hour:02d}:00"


# --- Public reads -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_service_list_applies_the_catalogue_filters(catalogue, code_lists):
    client = _client()
    everything = client.get(LIST).json()
    assert everything["count"] == 3
    assert [row["code"] for row in everything["results"]] == [
        "perhekahvila-perhekerho",
        "perhevalmennus-vauvavalo",
        "neuvola-testila",
    ]
    first = everything["results"][1]
    assert first["producer"] == {"id": catalogue.company.pk, "name": "Vauvavalo Oy", "sector": "private"}
    assert first["price_type"] == "fee"
    assert first["price_amount"] == "120.00"
    assert first["languages"] == ["fi", "en"]

    def codes(query: str) -> list[str]:
        return [row["code"] for row in client.get(LIST + query).json()["results"]]

    assert codes("?price=fee") == ["perhevalmennus-vauvavalo"]
    assert codes("?language=ru") == ["perhekahvila-perhekerho"]
    assert codes("?sector=public&sector=third") == ["perhekahvila-perhekerho", "neuvola-testila"]
    assert codes("?q=neuvola") == ["neuvola-testila"]
    assert codes("?life_situation=moving") == []
    assert codes("?life_situation=child-is-born&max_fee=100") == [
        "perhekahvila-perhekerho",
        "neuvola-testila",
    ]
    assert len(codes(f"?open=at&at={_next(0, 10)}")) == 3
    assert codes(f"?open=at&at={_next(6, 10)}") == []


@pytest.mark.django_db
def test_service_list_pages_and_refuses_bad_filters(catalogue):
    client = _client()
    first = client.get(LIST + "?page_size=2").json()
    assert (first["count"], first["page"], first["pages"]) == (3, 1, 2)
    assert len(first["results"]) == 2
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert [row["code"] for row in second["results"]] == ["neuvola-testila"]
    assert second["next"] is None
    assert client.get(LIST + "?life_situation=no-such").status_code == 400
    refused = client.get(LIST + "?open=at")
    assert refused.status_code == 400
    assert "at" in refused.json()


@pytest.mark.django_db
def test_service_list_reads_a_bounded_number_of_queries(catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert _client().get(LIST + "?life_situation=child-is-born&open=now").status_code == 200


@pytest.mark.django_db
def test_service_detail_gives_locations_hours_and_channels(catalogue, catalogue_admin):
    catalogue_services.channel_save(
        service=catalogue.unit_service,
        saved_by=catalogue_admin,
        kind="phone",
        name_fi="Neuvolan ajanvaraus",
        phone_number="09 816 31300",
        phone_charge="chargeable",
    )
    body = _client().get(f"{LIST}neuvola-testila/").json()
    assert body["name"] == "Äitiysneuvola"
    assert body["producer"]["name"] == "Testilän neuvola"
    assert body["producer"]["city"] == "espoo"
    assert body["life_situations"] == [
        {
            "code": "child-is-born",
            "name": "Lapsi syntyy",
            "uri": "http://urn.fi/URN:NBN:fi:au:ptvl:KE1",
        }
    ]
    [location] = body["locations"]
    assert location["street_address"] == "Piispansilta 11"
    assert location["latitude"] == "60.161300"
    assert [(row["weekday"], row["opens"], row["closes"]) for row in location["opening_hours"]] == [
        (day, "08:00:00", "16:00:00") for day in range(5)
    ]
    assert len(location["week"]) == 7
    assert isinstance(location["open_now"], bool)
    assert body["channels"] == [
        {
            "kind": "phone",
            "name": "Neuvolan ajanvaraus",
            "url": "",
            "phone_number": "09 816 31300",
            "phone_charge": "chargeable",
            "hours": "",
        }
    ]


@pytest.mark.django_db
def test_unpublished_service_is_hidden_from_the_public_but_not_from_its_editors(catalogue, unit_member):
    Service.objects.filter(pk=catalogue.unit_service.pk).update(is_published=False)
    assert _client().get(f"{LIST}neuvola-testila/").status_code == 404
    assert [row["code"] for row in _client().get(LIST).json()["results"]] == [
        "perhekahvila-perhekerho",
        "perhevalmennus-vauvavalo",
    ]
    assert _client(unit_member).get(f"{LIST}neuvola-testila/").json()["is_published"] is False
    managed = _client(unit_member).get(MANAGE).json()["results"]
    assert [(row["code"], row["is_published"]) for row in managed] == [("neuvola-testila", False)]


@pytest.mark.django_db
def test_producers_and_life_situations_are_public(catalogue, other_city):
    producers = _client().get("/api/v1/catalogue/producers/?city=espoo").json()["results"]
    assert [(row["name"], row["sector"]) for row in producers] == [
        ("Perhekerho ry", "third"),
        ("Testilän neuvola", "public"),
        ("Vauvavalo Oy", "private"),
    ]
    assert _client().get("/api/v1/catalogue/producers/?city=helsinki").json()["results"] == []
    situations = {row["code"]: row for row in _client().get("/api/v1/catalogue/life-situations/").json()}
    assert situations["child-is-born"]["service_count"] == 3
    assert situations["child-is-born"]["uri"] == "http://urn.fi/URN:NBN:fi:au:ptvl:KE1"
    assert situations["child-is-born"]["national_code"] == "KE1"
    assert situations["moving-to-finland"]["national_code"] == "KE4.1"
    assert situations["moving"]["service_count"] == 0


# --- Producers' writes: the permission matrix ---------------------------------------------------------

PERSONAS = [
    # (persona, may edit the city unit's services, status when refused)
    ("anonymous", False, {401, 403}),
    ("unit_member", True, None),
    ("company_member", False, {403, 404}),
    ("programme_manager", True, None),
    ("other_city_manager", False, {403, 404}),
    ("catalogue_admin", True, None),
]


def _persona(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


def _snapshot() -> list[tuple]:
    return list(
        Service.objects.order_by("pk").values_list(
            "pk", "code", "name_fi", "is_published", "price_type", "languages", "updated_at"
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "allowed", "refused_with"), PERSONAS)
def test_create_service_matrix(request, catalogue, persona, allowed, refused_with):
    user = _persona(request, persona)
    before = _snapshot()
    response = _client(user).post(
        MANAGE,
        {
            "producer": catalogue.unit.pk,
            "name_fi": "Imetystuki",
            "summary_fi": "Apua imetykseen.",
            "languages": ["fi", "sv"],
            "life_situations": ["child-is-born"],
            "price_type": "free",
            "is_published": True,
        },
        format="json",
    )
    if allowed:
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["code"] == "imetystuki"
        assert body["producer"]["id"] == catalogue.unit.pk
        assert body["languages"] == ["fi", "sv"]
        created = Service.objects.get(code="imetystuki")
        assert created.producer == catalogue.unit
        assert list(created.life_situations.values_list("code", flat=True)) == ["child-is-born"]
        assert "imetystuki" in created.search_text
    else:
        assert response.status_code in refused_with
        assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "allowed", "refused_with"), PERSONAS)
def test_update_service_matrix(request, catalogue, persona, allowed, refused_with):
    user = _persona(request, persona)
    before = _snapshot()
    situations_before = list(catalogue.unit_service.life_situations.values_list("code", flat=True))
    response = _client(user).patch(
        f"{MANAGE}neuvola-testila/",
        {"name_fi": "Äitiys- ja lastenneuvola", "life_situations": ["child-is-born", "moving"]},
        format="json",
    )
    if allowed:
        assert response.status_code == 200, response.content
        assert response.json()["name_fi"] == "Äitiys- ja lastenneuvola"
        service = Service.objects.get(code="neuvola-testila")
        assert service.name_fi == "Äitiys- ja lastenneuvola"
        assert sorted(service.life_situations.values_list("code", flat=True)) == ["child-is-born", "moving"]
        assert "lastenneuvola" in service.search_text
    else:
        assert response.status_code in refused_with
        assert _snapshot() == before
        assert list(catalogue.unit_service.life_situations.values_list("code", flat=True)) == (
            situations_before
        )


@pytest.mark.django_db
def test_company_member_edits_only_the_company_service(catalogue, company_member):
    client = _client(company_member)
    assert [row["code"] for row in client.get(MANAGE).json()["results"]] == ["perhevalmennus-vauvavalo"]
    assert client.get(f"{MANAGE}neuvola-testila/").status_code == 404
    response = client.patch(f"{MANAGE}perhevalmennus-vauvavalo/", {"price_amount": "95.00"}, format="json")
    assert response.status_code == 200
    assert Service.objects.get(code="perhevalmennus-vauvavalo").price_amount == Decimal("95.00")


@pytest.mark.django_db
def test_service_rules_answer_400_under_the_field(catalogue, unit_member):
    before = _snapshot()
    client = _client(unit_member)
    fee_without_amount = client.post(
        MANAGE, {"producer": catalogue.unit.pk, "name_fi": "Maksullinen", "price_type": "fee"}, format="json"
    )
    assert fee_without_amount.status_code == 400
    assert list(fee_without_amount.json()) == ["price_amount"]
    taken = client.post(
        MANAGE, {"producer": catalogue.unit.pk, "name_fi": "Toinen", "code": "neuvola-testila"}, format="json"
    )
    assert taken.status_code == 400
    assert list(taken.json()) == ["code"]
    unknown = client.post(MANAGE, {"producer": 987654, "name_fi": "Kenen?"}, format="json")
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["producer"]
    assert _snapshot() == before


@pytest.mark.django_db
def test_life_situation_uri_is_kept_by_the_api_code_list(code_lists):
    assert LifeSituation.objects.get(code="moving").uri == "http://urn.fi/URN:NBN:fi:au:ptvl:KE4"
