"""Reads of reuses: counts in one query, "where" without leaking what is not public, and the targets a
manager is offered."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kokeilu.calls.models import Call
from kokeilu.platforms.models import DevelopmentNeed
from kokeilu.reports.models import Learning
from kokeilu.reuse import services
from kokeilu.reuse.selectors import (
    learning_list_with_reuse_count,
    learning_reuse_places,
    reuse_targets_for,
)

from .conftest import DRAFT_CALL_TITLE, DRAFT_NEED_TITLE, _

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_learning(places):
    return Learning.objects.create(report=places.learning.report, position=3, statement_fi="Toinen oppi")


def test_the_annotation_counts_in_the_same_query(
    places, second_learning, programme_manager, django_assert_num_queries
):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=places.learning, need=places.draft_need, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=second_learning, need=places.draft_need, reused_by=programme_manager
    )
    with django_assert_num_queries(1):
        counts = {
            learning.pk: learning.reuse_count
            for learning in learning_list_with_reuse_count(
                Learning.objects.filter(report=places.learning.report)
            )
        }
    assert counts == {places.learning.pk: 2, places.internal.pk: 0, second_learning.pk: 1}


def test_where_hides_the_title_of_a_draft_call_and_a_draft_need(places, programme_manager):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=places.learning, need=places.draft_need, reused_by=programme_manager
    )
    call_place, need_place = learning_reuse_places(learning_id=places.learning.pk)
    assert (call_place.city_name, call_place.kind, call_place.title, call_place.url) == (
        "Espoo",
        "call",
        "",
        "",
    )
    assert call_place.label == _("%(city)s: a call in preparation") % {"city": "Espoo"}
    assert (need_place.kind, need_place.title, need_place.url) == ("need", "", "")
    assert need_place.label == _("%(city)s: a development need in preparation") % {"city": "Espoo"}
    for place in (call_place, need_place):
        assert DRAFT_CALL_TITLE not in place.label and DRAFT_NEED_TITLE not in place.label


def test_where_shows_public_targets_with_their_title_and_page(places, programme_manager):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=places.learning, need=places.published_need, reused_by=programme_manager
    )
    # The call has since been published on its public platform.
    Call.objects.filter(pk=places.draft_call.pk).update(published_at=timezone.now())
    call_place, need_place = learning_reuse_places(learning_id=places.learning.pk)
    assert (call_place.title, call_place.url) == (
        DRAFT_CALL_TITLE,
        reverse("calls:detail", kwargs={"slug": "draft-call"}),
    )
    assert call_place.label == f"Espoo: {DRAFT_CALL_TITLE}"
    assert (need_place.title, need_place.url) == (
        "Julkaistu tarve",
        reverse("platforms:detail", kwargs={"slug": "espoo-services"}),
    )


def test_where_hides_targets_on_a_platform_that_is_not_public(places, programme_manager):
    need = DevelopmentNeed.objects.create(
        platform=places.hidden_platform, title_fi="Piilotarve", status="published"
    )
    services.learning_reuse_into_need(learning=places.learning, need=need, reused_by=programme_manager)
    (place,) = learning_reuse_places(learning_id=places.learning.pk)
    assert (place.title, place.url) == ("", "")


def test_where_lists_oldest_first(places, programme_manager, other_city_manager):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.other_city_call, reused_by=other_city_manager
    )
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    assert [place.city_name for place in learning_reuse_places(learning_id=places.learning.pk)] == [
        "Helsinki",
        "Espoo",
    ]


def test_a_manager_is_offered_the_citys_draft_calls_open_needs_and_platforms(places, programme_manager):
    targets = reuse_targets_for(user=programme_manager, learning_id=places.learning.pk)
    assert targets.calls == [places.draft_call]
    assert set(targets.needs) == {places.draft_need, places.published_need}
    assert set(targets.platforms) == {places.platform, places.hidden_platform}


def test_targets_the_learning_is_already_in_are_not_offered_again(places, programme_manager):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=places.learning, need=places.draft_need, reused_by=programme_manager
    )
    targets = reuse_targets_for(user=programme_manager, learning_id=places.learning.pk)
    assert targets.calls == [] and targets.needs == [places.published_need]


def test_another_citys_manager_is_offered_their_own_city_only(places, other_city_manager):
    targets = reuse_targets_for(user=other_city_manager, learning_id=places.learning.pk)
    assert targets.calls == [places.other_city_call]
    assert targets.needs == []
    assert [platform.city.name for platform in targets.platforms] == ["Helsinki"]


@pytest.mark.parametrize("persona", ["applicant", "reviewer", "tester"])
def test_people_who_manage_nothing_are_offered_nothing(places, request, persona):
    targets = reuse_targets_for(user=request.getfixturevalue(persona), learning_id=places.learning.pk)
    assert not targets
