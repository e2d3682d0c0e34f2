"""The open data page in a browser: reached from the footer, no serious accessibility violations."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from .conftest import axe_violations


def _(message: str) -> str:
    with translation.override("fi"):
        return gettext(message)


@pytest.mark.django_db(transaction=True)
def test_open_data_page_from_the_footer(page):
    page.goto("/fi/")
    page.locator("footer").get_by_role("link", name=_("Open data")).click()
    page.wait_for_url("**/fi/open-data/")
    assert page.locator("h1").inner_text() == _("Open data")
    assert page.get_by_role("table").count() == 1
    assert axe_violations(page) == []
