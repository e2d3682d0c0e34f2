"""Who may open which dashboard page, download and endpoint. Everything here only reads; a denied request
shows no number (the body holds none of the city's figures) and sends no mail."""

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "applicant", "reviewer", "other_city_manager", "programme_manager", "site_admin")


@pytest.fixture
def persona(request):
    def get(name):
        return None if name == "anonymous" else request.getfixturevalue(name)

    return get


def _city_urls(city):
    slug = city.slug
    return {
        "page": reverse("dashboards:city", kwargs={"city_slug": slug}),
        "svg": reverse("dashboards:chart_svg", kwargs={"city_slug": slug, "chart": "budget"}),
        "csv": reverse("dashboards:table_csv", kwargs={"city_slug": slug, "table": "budget"}),
    }


# Expected status of the city's page and downloads, of the dashboards' index, and of the API.
EXPECTED = {
    "anonymous": {"city": 302, "index": 302, "api": 403},
    "applicant": {"city": 404, "index": 403, "api": 404},
    "reviewer": {"city": 404, "index": 403, "api": 404},
    "other_city_manager": {"city": 404, "index": 302, "api": 404},
    "programme_manager": {"city": 200, "index": 302, "api": 200},
    "site_admin": {"city": 200, "index": 200, "api": 200},
}


@pytest.mark.parametrize("name", PERSONAS)
@pytest.mark.parametrize("which", ["page", "svg", "csv"])
def test_city_pages_and_downloads(client_for, persona, city, programme, name, which):
    user = persona(name)
    response = client_for(user).get(_city_urls(city)[which])
    expected = EXPECTED[name]["city"]
    assert response.status_code == expected
    if expected == 302:
        assert reverse("accounts:login") in response["Location"]
    if expected != 200:
        assert b"25000" not in response.content and b"25\xc2\xa0000" not in response.content
    assert mail.outbox == []


@pytest.mark.parametrize("name", PERSONAS)
def test_the_index(client_for, persona, city, other_city, name):
    response = client_for(persona(name)).get(reverse("dashboards:index"))
    assert response.status_code == EXPECTED[name]["index"]
    if name == "other_city_manager":
        assert response["Location"] == reverse("dashboards:city", kwargs={"city_slug": other_city.slug})
    if name == "anonymous":
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", PERSONAS)
def test_the_api(persona, city, programme, name):
    client = APIClient()
    user = persona(name)
    if user is not None:
        client.force_authenticate(user)
    response = client.get(reverse("api-dashboard", kwargs={"city_slug": city.slug}))
    assert response.status_code == EXPECTED[name]["api"]
    if response.status_code != 200:
        assert "funnel" not in response.json()
    assert mail.outbox == []


@pytest.mark.parametrize("name", PERSONAS)
def test_writes_are_refused_everywhere(client_for, persona, city, programme, name):
    """The dashboards only read: POST is refused (405 for those who may see the page, the same refusal as
    GET for the others) and changes nothing."""
    from kokeilu.dashboards.selectors import dashboard_data_version

    before = dashboard_data_version(city_id=city.pk)
    client = client_for(persona(name))
    api = APIClient()
    if persona(name) is not None:
        api.force_authenticate(persona(name))
    response = api.post(reverse("api-dashboard", kwargs={"city_slug": city.slug}), {})
    assert response.status_code in (403, 405)
    page = client.post(_city_urls(city)["page"], {})
    assert page.status_code in (302, 403, 404, 405)
    assert dashboard_data_version(city_id=city.pk) == before
    assert mail.outbox == []
