"""Learning in the open across cities, in a real browser: Helsinki's programme manager searches the
library in Swedish, opens an Espoo learning, reuses it in a draft call, and the original shows one
reuse. Axe on the library with results, the learning page with the reuse form, and the dashboard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext, ngettext, override

from kokeilu.calls.models import Call
from kokeilu.reports.models import Learning
from kokeilu.reuse.models import LearningReuse
from tests.factories import CallFactory, PlatformFactory

from .conftest import axe_violations, login
from .test_learning_pages import completed_experiment  # noqa: F401 (a fixture)

DRAFT_CALL_TITLE = "Helsingin luonnoshaku: henkilöstö mukaan"


def _sv(text: str) -> str:
    with override("sv"):
        return gettext(text)


def _sv_times(singular: str, plural: str, count: int) -> str:
    with override("sv"):
        return ngettext(singular, plural, count) % {"counter": count}


@pytest.fixture
def espoo_learning(completed_experiment):  # noqa: F811 (the fixture imported above)
    """Espoo's Koestamo, completed, with an approved report whose public learnings are in Finnish,
    Swedish and English (the reports demo seeder), and the planning, methods and references data that
    fill the programme dashboard."""
    experiment = completed_experiment
    learning = Learning.objects.get(report__experiment=experiment, statement_sv__icontains="personalen")
    assert learning.statement_fi and learning.statement_en
    return learning


@pytest.fixture
def helsinki_draft_call(other_city, other_city_manager):
    platform = PlatformFactory(city=other_city, slug="helsinki-staff", name_sv="Helsingfors personal")
    now = timezone.now()
    return CallFactory(
        platform=platform,
        slug="helsinki-draft",
        title_fi=DRAFT_CALL_TITLE,
        title_sv="Helsingfors utkast",
        published_at=None,
        opens_at=now + timedelta(days=10),
        closes_at=now + timedelta(days=40),
    )


@pytest.mark.django_db(transaction=True)
def test_a_manager_of_another_city_reuses_a_learning_found_in_swedish(
    browser, live_server, page, espoo_learning, helsinki_draft_call, city
):
    learning, call = espoo_learning, helsinki_draft_call

    # Helsinki's programme manager searches the library in Swedish.
    login(page, "other_city_manager", language="sv")
    page.goto("/sv/library/")
    page.locator("form[role=search] input[name=q]").fill("personalen")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    result = page.locator(".card-list li", has_text=learning.statement_sv)
    assert result.count() == 1
    assert result.locator(".reuse-count").inner_text() == _sv_times(
        "%(counter)s time", "%(counter)s times", 0
    )
    assert axe_violations(page) == []

    # The learning page, with the reuse form.
    result.get_by_role("link", name=learning.statement_sv).click()
    page.wait_for_url(f"**/sv/reports/learnings/{learning.pk}/")
    assert page.locator("#reuse-count").inner_text() == _sv_times(
        "Reused %(counter)s time.", "Reused %(counter)s times.", 0
    )
    assert axe_violations(page) == []
    form = page.locator("form[action*='/reuse/']")
    form.get_by_label(_sv("Where to copy the learning")).select_option(f"call-{call.pk}")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/sv/reports/learnings/{learning.pk}/")

    # Back on the learning page: the success message, and one reuse.
    with override("sv"):
        message = gettext("The learning was copied into “%(title)s”.") % {"title": "Helsingfors utkast"}
    notification = page.locator(".hds-notification--success")
    assert message in notification.inner_text()
    assert page.locator("#reuse-count").inner_text() == _sv_times(
        "Reused %(counter)s time.", "Reused %(counter)s times.", 1
    )
    reuse = LearningReuse.objects.get()
    assert (reuse.learning_id, reuse.call_id, reuse.city.name) == (learning.pk, call.pk, "Helsinki")

    # The draft call's description now holds the learning, in every language it has.
    call.refresh_from_db()
    assert learning.statement_sv in call.description_sv
    assert learning.statement_fi in call.description_fi
    assert learning.statement_en in call.description_en
    assert f"/sv/reports/learnings/{learning.pk}/" in call.description_sv
    notification.get_by_role("link", name=_sv("Open it for editing")).click()
    page.wait_for_url("**/sv/calls/helsinki-draft/edit/")
    assert learning.statement_sv in page.locator("textarea[name=description_sv]").input_value()

    # The library counts the reuse too.
    page.goto("/sv/library/?q=personalen")
    result = page.locator(".card-list li", has_text=learning.statement_sv)
    assert result.locator(".reuse-count").inner_text() == _sv_times(
        "%(counter)s time", "%(counter)s times", 1
    )

    # An anonymous visitor sees the one reuse, without the draft call's title.
    visitor = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    anonymous = visitor.new_page()
    anonymous.goto(f"/sv/reports/learnings/{learning.pk}/")
    panel = anonymous.locator("#reuse")
    assert "1" in panel.locator("#reuse-count").inner_text()
    with override("sv"):
        assert gettext("%(city)s: a call in preparation") % {"city": "Helsinki"} in panel.inner_text()
    assert "Helsingfors utkast" not in anonymous.content() and DRAFT_CALL_TITLE not in anonymous.content()
    assert anonymous.locator("form[action*='/reuse/']").count() == 0
    visitor.close()

    # The programme dashboard of the learning's city, filled with the same data.
    manager_context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    manager = manager_context.new_page()
    login(manager, "programme_manager", language="sv")
    manager.goto(f"/sv/dashboards/{city.slug}/")
    assert manager.locator("h1").is_visible()
    assert axe_violations(manager) == []
    manager_context.close()
    assert Call.objects.get(pk=call.pk).published_at is None
