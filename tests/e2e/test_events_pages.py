"""axe-core checks of the events pages on a phone: the list, the registration page before and after
registering, the slot booking page, and the team's event form with errors."""

import pytest

from kokeilu.events import services
from tests.events.conftest import make_event  # noqa: F401  (a fixture)

from .conftest import axe_violations, login


@pytest.mark.django_db(transaction=True)
def test_registration_page_is_accessible_on_a_phone(phone_page, experiment, tester, make_event):  # noqa: F811
    workshop = make_event(capacity=1)
    base = f"/fi/experiments/{experiment.slug}/events/"
    login(phone_page, "tester")
    phone_page.goto(base)
    assert axe_violations(phone_page) == []
    phone_page.goto(f"{base}{workshop.pk}/")
    assert axe_violations(phone_page) == []
    phone_page.locator("form[action$='/register/'] button").click()
    phone_page.wait_for_load_state()
    assert phone_page.locator("form[action$='/unregister/']").count() == 1
    assert axe_violations(phone_page) == []


@pytest.mark.django_db(transaction=True)
def test_slot_page_and_event_form_are_accessible(page, experiment, programme_manager, tester, make_event):  # noqa: F811
    event = make_event(title_fi="Testauspäivä")
    services.slots_generate(
        event=event, created_by=programme_manager, first_starts_at=event.starts_at, length_minutes=20, count=3
    )
    base = f"/fi/experiments/{experiment.slug}/events/"
    login(page, "programme_manager")
    page.goto(f"{base}{event.pk}/")
    assert axe_violations(page) == []
    page.goto(f"{base}new/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert axe_violations(page) == []
