"""The catalogue in a real browser: a resident finds the services for "a child is born", compares two
producers, gives feedback without signing in; the responsible producer answers; the resident sees the
answer. axe checks the catalogue, the comparison and the feedback pages along the way."""

import pytest

from kokeilu.feedback.models import Feedback
from tests.catalogue.fixtures import (  # noqa: F401
    catalogue,
    catalogue_admin,
    code_lists,
    company_member,
)

from .conftest import axe_violations, choose, login


@pytest.fixture(autouse=True)
def _catalogue_urls(settings):
    settings.ROOT_URLCONF = "tests.catalogue.urls"


@pytest.mark.django_db(transaction=True)
def test_find_compare_give_feedback_and_see_the_answer(browser, live_server, request):
    world = request.getfixturevalue("catalogue")
    request.getfixturevalue("company_member")

    def new_page():  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="fi-FI"
        )
        context.set_default_timeout(15_000)
        return context.new_page()

    resident = new_page()
    resident.goto("/fi/services/")
    assert axe_violations(resident) == []
    resident.click("a[data-code='child-is-born']")
    resident.wait_for_load_state()
    assert resident.locator("input[name=service]").count() == 3
    assert axe_violations(resident) == []  # the result list with its filters

    # Compare the city's clinic with the company's class.
    choose(resident, "input[name=service][value=neuvola-testila]")
    choose(resident, "input[name=service][value=perhevalmennus-vauvavalo]")
    resident.click("#compare-submit")
    resident.wait_for_url("**/services/compare/**")
    headers = resident.locator("#compare-table thead th").all_inner_texts()
    assert headers == ["Perhevalmennus", "Äitiysneuvola"]  # in the list's order (Ä sorts after Z)
    resident.fill("input[name=address]", "60.1613, 24.7385")
    resident.click("#distance-submit")
    resident.wait_for_load_state()
    assert resident.locator(".compare-table__distance").all_inner_texts() == ["4,0 km", "0 m"]
    assert axe_violations(resident) == []

    # Feedback on the company's class, without signing in.
    resident.click("a[href='/fi/feedback/give/?service=perhevalmennus-vauvavalo']")
    resident.wait_for_url("**/feedback/give/**")
    assert axe_violations(resident) == []
    resident.click("#send-feedback")  # empty: the errors are tied to their fields
    resident.wait_for_load_state()
    assert resident.locator("[aria-invalid=true]").count() >= 1
    assert axe_violations(resident) == []
    choose(resident, "input[name=kind][value=idea]")
    choose(resident, "input[name=satisfaction][value='4']")
    resident.fill("textarea[name=description]", "Toivoisimme iltaryhmää työssäkäyville.")
    resident.click("#send-feedback")
    resident.wait_for_url("**/feedback/*/")
    feedback = Feedback.objects.get()
    assert feedback.producer == world.company
    assert resident.locator("#feedback-answer-pending").count() == 1
    assert axe_violations(resident) == []

    # The company's own person answers it.
    producer = new_page()
    login(producer, "company_member")
    producer.goto("/fi/feedback/handle/")
    producer.click(f"a[href='/fi/feedback/handle/{feedback.pk}/']")
    producer.wait_for_load_state()
    assert axe_violations(producer) == []  # the handling page
    producer.select_option("select[name=state]", "resolved")
    producer.fill("textarea[name=public_answer]", "Aloitamme iltaryhmän keskiviikkoisin kello 18.")
    producer.click("#save-handling")
    producer.wait_for_load_state()
    feedback.refresh_from_db()
    assert feedback.state == "resolved"

    # The resident sees the answer on the feedback's page and on the service's page.
    resident.reload()
    assert (
        "Aloitamme iltaryhmän keskiviikkoisin kello 18." in resident.locator("#feedback-answer").inner_text()
    )
    resident.goto("/fi/services/perhevalmennus-vauvavalo/")
    assert "Aloitamme iltaryhmän" in resident.locator("#you-said-we-did").inner_text()
    assert axe_violations(resident) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("catalogue")
def test_map_and_metrics_pages_are_accessible(page):
    for path in ("/fi/services/map/?life_situation=child-is-born", "/sv/feedback/metrics/", "/en/feedback/"):
        page.goto(path)
        assert axe_violations(page) == [], path
