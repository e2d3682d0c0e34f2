"""Who may reuse a learning, through the page and the API: only the programme managers of the target's
city (and site administrators). Denied writes change nothing. Reading the count and "where" is open."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kokeilu.calls.models import Call
from kokeilu.platforms.models import DevelopmentNeed
from kokeilu.reuse import services
from kokeilu.reuse.models import LearningReuse

from .conftest import _

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "applicant",
    "reviewer",
    "tester",
    "programme_manager",  # of the target's city (Espoo)
    "other_city_manager",  # of another city (Helsinki, the learning's own)
    "site_admin",
)
MAY_REUSE = {"programme_manager", "site_admin"}
MANAGERS = {"programme_manager", "other_city_manager", "site_admin"}


@pytest.fixture
def persona(request, places):
    def get(name):
        return None if name == "anonymous" else request.getfixturevalue(name)

    return get


def _snapshot():
    return (
        sorted(LearningReuse.objects.values_list("id", "learning_id", "need_id", "call_id")),
        sorted(Call.objects.values_list("id", "description_fi", "description_sv", "description_en")),
        sorted(DevelopmentNeed.objects.values_list("id", "title_fi", "description_fi", "description_sv")),
    )


def _targets(places):
    """The page's and the API's way of naming each of Espoo's targets."""
    return [
        (f"call-{places.draft_call.pk}", {"call": places.draft_call.pk}),
        (f"need-{places.draft_need.pk}", {"need": places.draft_need.pk}),
        (f"platform-{places.platform.pk}", {"new_need_platform": places.platform.pk}),
    ]


@pytest.mark.parametrize("name", PERSONAS)
def test_the_learning_page_shows_reuse_to_all_and_the_form_to_managers(client, places, persona, name):
    user = persona(name)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("reports:learning", kwargs={"pk": places.learning.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="reuse-count"' in html
    assert (_("Reuse in my city") in html) is (name in MANAGERS)


@pytest.mark.parametrize("name", PERSONAS)
def test_reusing_through_the_page(client, places, persona, name):
    user = persona(name)
    if user is not None:
        client.force_login(user)
    url = reverse("reuse:learning", kwargs={"pk": places.learning.pk})
    for value, _body in _targets(places):
        before = _snapshot()
        response = client.post(url, {"reuse-target": value})
        if name in MAY_REUSE:
            assert response.status_code == 302
            assert response.url == reverse("reports:learning", kwargs={"pk": places.learning.pk})
            assert _snapshot() != before
        else:
            expected = 302 if name == "anonymous" else 403
            assert response.status_code == expected, value
            if name == "anonymous":
                assert response.url.startswith(reverse("accounts:login"))
            assert _snapshot() == before
    assert LearningReuse.objects.count() == (3 if name in MAY_REUSE else 0)


@pytest.mark.parametrize("name", PERSONAS)
def test_reusing_through_the_api(places, persona, name):
    client = APIClient()
    user = persona(name)
    if user is not None:
        client.force_authenticate(user)
    url = f"/api/v1/library/learnings/{places.learning.pk}/reuse/"
    for _value, body in _targets(places):
        before = _snapshot()
        response = client.post(url, body, format="json")
        if name in MAY_REUSE:
            assert response.status_code == 201, response.content
            assert _snapshot() != before
        else:
            assert response.status_code in ({401, 403} if name == "anonymous" else {403}), body
            assert _snapshot() == before
    assert LearningReuse.objects.count() == (3 if name in MAY_REUSE else 0)


@pytest.mark.parametrize("name", PERSONAS)
def test_where_is_open_to_everyone(places, persona, name, programme_manager):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    client = APIClient()
    user = persona(name)
    if user is not None:
        client.force_authenticate(user)
    response = client.get(f"/api/v1/library/learnings/{places.learning.pk}/reuses/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["results"][0]["label"] == _("%(city)s: a call in preparation") % {"city": "Espoo"}
