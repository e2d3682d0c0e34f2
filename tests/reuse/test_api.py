"""POST /api/v1/library/learnings/<id>/reuse/ and GET .../reuses/, and the library API's reuse_count."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kokeilu.calls.models import Call
from kokeilu.platforms.models import DevelopmentNeed
from kokeilu.reports.models import Learning
from kokeilu.reuse import services
from kokeilu.reuse.models import LearningReuse

from .conftest import DRAFT_CALL_TITLE, STATEMENTS, _

pytestmark = pytest.mark.django_db


def _reuse_url(learning):
    return f"/api/v1/library/learnings/{learning.pk}/reuse/"


def _reuses_url(learning):
    return f"/api/v1/library/learnings/{learning.pk}/reuses/"


@pytest.fixture
def api_for():
    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def test_reusing_into_a_draft_call(api_for, places, programme_manager):
    response = api_for(programme_manager).post(
        _reuse_url(places.learning), {"call": places.draft_call.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    reuse = LearningReuse.objects.get()
    assert response.json() == {
        "id": reuse.pk,
        "learning": places.learning.pk,
        "city": {"slug": "espoo", "name": "Espoo"},
        "target_kind": "call",
        "need": None,
        "call": places.draft_call.pk,
        "created_at": response.json()["created_at"],
    }
    assert STATEMENTS["statement_sv"] in Call.objects.get(pk=places.draft_call.pk).description_sv


def test_reusing_into_a_need_and_a_new_need(api_for, places, programme_manager):
    client = api_for(programme_manager)
    response = client.post(_reuse_url(places.learning), {"need": places.published_need.pk}, format="json")
    assert response.status_code == 201 and response.json()["need"] == places.published_need.pk
    response = client.post(
        _reuse_url(places.learning), {"new_need_platform": places.platform.pk}, format="json"
    )
    assert response.status_code == 201
    need = DevelopmentNeed.objects.get(pk=response.json()["need"])
    assert (need.title_en, need.status) == (STATEMENTS["statement_en"], "draft")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"call": None},
        {"need": 1, "call": 1},
        {"call": "x"},
        {"call": 999999},
        {"new_need_platform": 999999},
    ],
)
def test_not_exactly_one_known_target_is_400(api_for, places, programme_manager, body):
    if body.get("need") == 1:
        body = {"need": places.draft_need.pk, "call": places.draft_call.pk}
    response = api_for(programme_manager).post(_reuse_url(places.learning), body, format="json")
    assert response.status_code == 400
    assert not LearningReuse.objects.exists()


def test_exactly_one_message_is_translated(api_for, places, programme_manager):
    response = api_for(programme_manager).post(
        _reuse_url(places.learning), {}, format="json", HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.json() == {
        "non_field_errors": [_("Choose exactly one development need or call to copy the learning into.")]
    }


def test_a_published_call_is_refused_with_its_code(api_for, places, programme_manager):
    response = api_for(programme_manager).post(
        _reuse_url(places.learning), {"call": places.open_call.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "call_not_draft"
    assert not LearningReuse.objects.exists()


def test_a_closed_need_is_refused(api_for, places, programme_manager):
    response = api_for(programme_manager).post(
        _reuse_url(places.learning), {"need": places.archived_need.pk}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "need_closed")


def test_the_same_target_twice_is_refused(api_for, places, programme_manager):
    client = api_for(programme_manager)
    assert (
        client.post(_reuse_url(places.learning), {"call": places.draft_call.pk}, format="json").status_code
        == 201
    )
    once = Call.objects.get(pk=places.draft_call.pk).description_fi
    response = client.post(_reuse_url(places.learning), {"call": places.draft_call.pk}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "already_reused")
    assert response.json()["detail"] == _("This learning has already been copied there.")
    assert Call.objects.get(pk=places.draft_call.pk).description_fi == once
    assert LearningReuse.objects.count() == 1


@pytest.mark.parametrize("learning_name", ["internal", "unapproved"])
def test_an_unpublished_learning_is_404_both_ways(api_for, places, programme_manager, learning_name):
    learning = getattr(places, learning_name)
    client = api_for(programme_manager)
    assert client.post(_reuse_url(learning), {"call": places.draft_call.pk}, format="json").status_code == 404
    assert client.get(_reuses_url(learning)).status_code == 404
    assert api_for(None).get(_reuses_url(learning)).status_code == 404
    assert not LearningReuse.objects.exists()


def test_where_is_public_and_never_names_a_draft(api_for, places, programme_manager):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=places.learning, need=places.published_need, reused_by=programme_manager
    )
    response = api_for(None).get(_reuses_url(places.learning), HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    call_place, need_place = data["results"]
    assert {key: call_place[key] for key in ("city", "target_kind", "title", "url", "label")} == {
        "city": {"slug": "espoo", "name": "Espoo"},
        "target_kind": "call",
        "title": None,
        "url": None,
        "label": _("%(city)s: a call in preparation") % {"city": "Espoo"},
    }
    assert DRAFT_CALL_TITLE not in response.content.decode()
    assert (need_place["target_kind"], need_place["title"], need_place["url"]) == (
        "need",
        "Julkaistu tarve",
        "/fi/platforms/espoo-services/",
    )
    # Once the call is published on its public platform, it is named and linked.
    Call.objects.filter(pk=places.draft_call.pk).update(published_at=timezone.now())
    call_place = api_for(None).get(_reuses_url(places.learning)).json()["results"][0]
    assert (call_place["title"], call_place["url"]) == (DRAFT_CALL_TITLE, "/fi/calls/draft-call/")


def test_the_library_api_counts_reuses_without_a_query_per_learning(
    api_for, places, programme_manager, django_assert_max_num_queries
):
    client = api_for(None)
    url = "/api/v1/library/learnings/"
    client.get(url)
    with django_assert_max_num_queries(30) as before:
        client.get(url)
    for number in range(3):
        Learning.objects.create(
            report=places.learning.report, position=10 + number, statement_fi=f"Lisäoppi {number}"
        )
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=places.learning, need=places.draft_need, reused_by=programme_manager
    )
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    counts = {row["id"]: row["reuse_count"] for row in response.json()["results"]}
    assert counts[places.learning.pk] == 2
    assert sorted(counts.values()) == [0, 0, 0, 2]
