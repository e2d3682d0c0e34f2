"""The reuse part of a learning page, its form, and the reuse counts in the library page."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import override

from kokeilu.calls.models import Call
from kokeilu.platforms.models import DevelopmentNeed
from kokeilu.reports.models import Learning
from kokeilu.reuse import services
from kokeilu.reuse.models import LearningReuse
from tests.factories import DevelopmentNeedFactory

from .conftest import DRAFT_CALL_TITLE, DRAFT_NEED_TITLE, STATEMENTS, _

pytestmark = pytest.mark.django_db


def _page(learning, language="fi"):
    with override(language):
        return reverse("reports:learning", kwargs={"pk": learning.pk})


def _reuse_url(learning):
    return reverse("reuse:learning", kwargs={"pk": learning.pk})


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _reused_times(count: int) -> str:
    from django.utils.translation import ngettext

    with override("fi"):
        return ngettext("Reused %(counter)s time.", "Reused %(counter)s times.", count) % {"counter": count}


def test_anyone_sees_the_count_and_where_but_not_the_form_nor_a_drafts_title(
    client, places, programme_manager
):
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    html = client.get(_page(places.learning)).content.decode()
    assert _reused_times(1) in html
    assert _("%(city)s: a call in preparation") % {"city": "Espoo"} in html
    assert DRAFT_CALL_TITLE not in html
    assert _("Reuse in my city") not in html and _reuse_url(places.learning) not in html


def test_a_manager_gets_the_form_with_their_citys_targets_grouped(client_for, places, programme_manager):
    html = client_for(programme_manager).get(_page(places.learning)).content.decode()
    assert _("Reuse in my city") in html and f'action="{_reuse_url(places.learning)}"' in html
    assert f'<optgroup label="{_("Calls in preparation")}">' in html
    assert f'<optgroup label="{_("Development needs")}">' in html
    assert f'<optgroup label="{_("A new draft development need")}">' in html
    assert f'value="call-{places.draft_call.pk}"' in html and DRAFT_CALL_TITLE in html
    assert f'value="need-{places.draft_need.pk}"' in html and DRAFT_NEED_TITLE in html
    assert f'value="platform-{places.platform.pk}"' in html
    for refused in (places.open_call, places.scheduled_call, places.other_city_call):
        assert f'value="call-{refused.pk}"' not in html
    for refused in (places.addressed_need, places.archived_need):
        assert f'value="need-{refused.pk}"' not in html


def test_reusing_into_a_draft_call_lands_back_with_a_message_and_a_link_to_edit_it(
    client_for, places, other_city_manager, programme_manager
):
    client = client_for(programme_manager)
    response = client.post(_reuse_url(places.learning), {"reuse-target": f"call-{places.draft_call.pk}"})
    assert response.status_code == 302 and response.url == _page(places.learning)
    page = client.get(response.url).content.decode()
    assert _("The learning was copied into “%(title)s”.") % {"title": DRAFT_CALL_TITLE} in page
    assert (
        f'<a href="{reverse("calls:edit", kwargs={"slug": "draft-call"})}">{_("Open it for editing")}</a>'
        in page
    )
    assert _reused_times(1) in page
    # The call is no longer offered for this learning.
    assert f'value="call-{places.draft_call.pk}"' not in page
    assert STATEMENTS["statement_fi"] in Call.objects.get(pk=places.draft_call.pk).description_fi


def test_reusing_into_a_need_links_to_the_needs_edit_page(client_for, places, programme_manager):
    client = client_for(programme_manager)
    response = client.post(_reuse_url(places.learning), {"reuse-target": f"need-{places.draft_need.pk}"})
    assert response.status_code == 302
    edit = reverse("platforms:need_edit", kwargs={"slug": "espoo-services", "pk": places.draft_need.pk})
    assert any(edit in message for message in _messages(response))
    assert LearningReuse.objects.get().need == places.draft_need


def test_starting_a_new_need_from_the_learning(client_for, places, programme_manager):
    response = client_for(programme_manager).post(
        _reuse_url(places.learning), {"reuse-target": f"platform-{places.platform.pk}"}
    )
    assert response.status_code == 302
    need = DevelopmentNeed.objects.get(title_fi=STATEMENTS["statement_fi"])
    assert (need.platform, need.status) == (places.platform, "draft")
    assert LearningReuse.objects.get().need == need


def test_a_refusal_comes_back_as_an_error_message_and_changes_nothing(client_for, places, programme_manager):
    client = client_for(programme_manager)
    before = Call.objects.get(pk=places.open_call.pk).description_fi
    response = client.post(_reuse_url(places.learning), {"reuse-target": f"call-{places.open_call.pk}"})
    assert response.status_code == 302 and response.url == _page(places.learning)
    assert _messages(response) == [
        _("Learnings can be copied only into a call that is still a draft; this call is published.")
    ]
    assert Call.objects.get(pk=places.open_call.pk).description_fi == before
    assert not LearningReuse.objects.exists()


def test_the_same_target_twice_is_an_error_message(client_for, places, programme_manager):
    client = client_for(programme_manager)
    data = {"reuse-target": f"need-{places.draft_need.pk}"}
    client.post(_reuse_url(places.learning), data)
    once = DevelopmentNeed.objects.get(pk=places.draft_need.pk).description_fi
    response = client.post(_reuse_url(places.learning), data)
    assert _messages(response)[-1] == _("This learning has already been copied there.")
    assert DevelopmentNeed.objects.get(pk=places.draft_need.pk).description_fi == once
    assert LearningReuse.objects.count() == 1


@pytest.mark.parametrize(
    "value", ["", "call", "call-", "call-x", "learning-1", "need-1-2", "call-" + "9" * 30]
)
def test_an_odd_choice_is_an_error_message(client_for, places, programme_manager, value):
    response = client_for(programme_manager).post(_reuse_url(places.learning), {"reuse-target": value})
    assert response.status_code == 302
    assert _messages(response) == [_("Choose where to copy the learning.")]
    assert not LearningReuse.objects.exists()


def test_a_target_that_does_not_exist_is_404(client_for, places, programme_manager):
    response = client_for(programme_manager).post(
        _reuse_url(places.learning), {"reuse-target": "call-999999"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("learning_name", ["internal", "unapproved"])
def test_an_unpublished_learning_is_404(client_for, places, programme_manager, learning_name):
    learning = getattr(places, learning_name)
    response = client_for(programme_manager).post(
        _reuse_url(learning), {"reuse-target": f"call-{places.draft_call.pk}"}
    )
    assert response.status_code == 404
    assert not LearningReuse.objects.exists()


def test_the_form_is_only_posted(client_for, places, programme_manager):
    assert client_for(programme_manager).get(_reuse_url(places.learning)).status_code == 405


def test_the_library_shows_each_learnings_reuse_count_in_a_bounded_number_of_queries(
    client, places, programme_manager, django_assert_max_num_queries
):
    with override("fi"):
        url = reverse("library:search")
    client.get(url)  # warm the per-process caches
    with django_assert_max_num_queries(30) as before:
        client.get(url)
    services.learning_reuse_into_call(
        learning=places.learning, call=places.draft_call, reused_by=programme_manager
    )
    services.learning_reuse_into_need(
        learning=places.learning, need=places.draft_need, reused_by=programme_manager
    )
    for number in range(3):
        Learning.objects.create(
            report=places.learning.report, position=10 + number, statement_fi=f"Lisäoppi {number}"
        )
        need = DevelopmentNeedFactory(platform=places.platform, status="draft")
        services.learning_reuse_into_need(learning=places.learning, need=need, reused_by=programme_manager)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    html = response.content.decode()
    assert html.count(f"<dt>{_('Reused')}</dt>") == 4
    with override("fi"):
        from django.utils.translation import ngettext

        five = ngettext("%(counter)s time", "%(counter)s times", 5) % {"counter": 5}
        zero = ngettext("%(counter)s time", "%(counter)s times", 0) % {"counter": 0}
    assert f'<dd class="reuse-count">{five}</dd>' in html
    assert html.count(f'<dd class="reuse-count">{zero}</dd>') == 3
