import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _url(city):
    return reverse("api-dashboard", kwargs={"city_slug": city.slug})


def test_the_api_returns_the_same_numbers_as_the_page(programme_manager, city, programme, city_unit):
    response = _api(programme_manager).get(_url(city))
    assert response.status_code == 200
    body = response.json()
    assert body["city"] == "espoo"
    assert body["filters"] == {"year_from": programme.year_b - 9, "year_to": programme.year_b, "call": ""}
    assert [(stage["key"], stage["count"]) for stage in body["funnel"]] == [
        ("needs", 3),
        ("calls", 2),
        ("proposals", 6),
        ("selected", 3),
        ("running", 1),
        ("completed", 1),
        ("adopted", 0),
    ]
    assert body["decision_time"] == {"decisions": 5, "q1_days": 7.0, "median_days": 10.0, "q3_days": 20.0}
    assert (body["granted"], body["spent"]) == ("25000.00", "5300.25")
    assert len(body["years"]) == 10
    year_a = next(row for row in body["years"] if row["year"] == programme.year_a)
    assert (year_a["proposals"], year_a["granted"], year_a["spent"]) == (4, "10000.00", "4000.25")
    assert [row["slug"] for row in body["calls"]] == ["call-two", "call-one"]
    assert body["calls"][1]["decision_time"]["median_days"] == 20.0
    assert {row["kind"]: row["proposals"] for row in body["kinds"]}["company"] == 3
    assert body["units"][0] == {
        "unit": city_unit.name,
        "experiments": 2,
        "granted": "12000.00",
        "spent": "4300.25",
    }


def test_the_api_call_filter(programme_manager, city, programme):
    body = _api(programme_manager).get(_url(city), {"call": "call-two"}).json()
    assert body["filters"]["call"] == "call-two"
    assert [stage["count"] for stage in body["funnel"]] == [0, 1, 2, 2, 1, 0, 0]
    assert (body["granted"], body["spent"]) == ("13000.00", "1000.00")


@pytest.mark.parametrize(
    "query, field",
    [
        ({"year_from": "2030", "year_to": "2020"}, "year_to"),
        ({"year_from": "x"}, "year_from"),
        ({"call": "other-call"}, "call"),
    ],
)
def test_bad_filters_answer_400_under_the_field(programme_manager, city, programme, query, field):
    response = _api(programme_manager).get(_url(city), query)
    assert response.status_code == 400
    assert field in response.json()


def test_another_citys_dashboard_is_404(programme_manager, other_city, programme):
    assert _api(programme_manager).get(_url(other_city)).status_code == 404


def test_an_unknown_city_is_404(site_admin, db):
    assert _api(site_admin).get("/api/v1/dashboards/nowhere/").status_code == 404


def test_a_site_admin_sees_any_city(site_admin, other_city, programme):
    body = _api(site_admin).get(_url(other_city)).json()
    assert body["granted"] == "99999.00"
