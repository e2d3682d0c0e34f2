"""GET /api/v1/library/learnings/: anonymous, the same search and filters as the page."""

import pytest
from django.urls import reverse

from kokeilu.experiments.models import ServiceSector

from .conftest import ROBOTS
from .test_selectors import ODD_QUERIES

pytestmark = pytest.mark.django_db

URL = "/api/v1/library/learnings/"


def _ids(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_list_has_published_learnings_only(client, library):
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert {row["id"] for row in data["results"]} == {library.robots.pk, library.elderly.pk}
    robots = next(row for row in data["results"] if row["id"] == library.robots.pk)
    assert robots["statement_sv"] == ROBOTS["statement_sv"]
    assert robots["experiment"] == {
        "slug": "robot-school",
        "title": "Robotit koulussa",
        "sector": "education",
    }
    assert robots["city"]["slug"] == "espoo"
    assert robots["call"] == {"slug": "robot-call", "title": "Robottihaku"}
    assert robots["theme"] == {"slug": "school", "name": "Koulu"}
    assert robots["next_step"] == "adopt"
    elderly = next(row for row in data["results"] if row["id"] == library.elderly.pk)
    assert elderly["call"] is None


@pytest.mark.parametrize(("query", "language"), [("opettajat", "fi"), ("lärarna", "sv"), ("teachers", "en")])
def test_search_in_each_language(client, library, query, language):
    response = client.get(URL, {"q": query}, HTTP_ACCEPT_LANGUAGE=language)
    assert {row["id"] for row in response.json()["results"]} == {library.robots.pk}


def test_internal_and_unapproved_are_never_returned(client, library):
    for query in ("salainen", "keskeneräinen", "kirjaston", ""):
        ids = _ids(client, q=query)
        assert library.internal.pk not in ids and library.unapproved.pk not in ids


@pytest.mark.parametrize("name", list(ODD_QUERIES))
def test_odd_input(client, library, name):
    ids = _ids(client, q=ODD_QUERIES[name])
    assert ids <= {library.robots.pk, library.elderly.pk}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "school"}, "robots"),
        ({"city": "helsinki"}, "elderly"),
        ({"platform": "espoo-schools"}, "robots"),
        ({"outcome": "stop"}, "elderly"),
        ({"year": "2024"}, "elderly"),
        ({"method": "library-rapid"}, "robots"),
        ({"sector": "education"}, "robots"),
        ({"sector": "social_health"}, "elderly"),
    ],
)
def test_each_filter(client, library, params, expected):
    assert _ids(client, **params) == {getattr(library, expected).pk}


def test_unknown_filter_is_400(client, library):
    response = client.get(URL, {"theme": "nope"})
    assert response.status_code == 400
    assert "theme" in response.json()
    response = client.get(URL, {"sector": "space"})
    assert response.status_code == 400
    assert list(response.json()) == ["sector"]


def test_the_sector_parameter_is_documented(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    parameters = schema["paths"][URL]["get"]["parameters"]
    sector = next(parameter for parameter in parameters if parameter["name"] == "sector")
    assert set(sector["schema"]["enum"]) == set(ServiceSector.values)


def test_paginated_with_limit_and_offset(client, library):
    data = client.get(URL, {"limit": 1}).json()
    assert data["count"] == 2 and len(data["results"]) == 1 and data["next"]
    second = client.get(URL, {"limit": 1, "offset": 1}).json()
    assert (second["count"], second["next"]) == (2, None)
    assert {row["id"] for row in data["results"] + second["results"]} == {
        library.robots.pk,
        library.elderly.pk,
    }
    searched = client.get(URL, {"q": "opettajat", "limit": 5}).json()
    assert (searched["count"], [row["id"] for row in searched["results"]]) == (1, [library.robots.pk])


@pytest.mark.parametrize("q", ["", "opettajat"])
def test_limit_and_offset_out_of_range(client, library, q):
    huge = "9" * 30
    data = client.get(URL, {"q": q, "offset": huge, "limit": huge}).json()
    assert (data["count"], data["results"]) == (1 if q else 2, [])
    data = client.get(URL, {"q": q, "offset": 1, "limit": huge}).json()
    assert len(data["results"]) == (0 if q else 1)
