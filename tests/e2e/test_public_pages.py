"""The public call page in each language, and its accessibility."""

import pytest

from .conftest import axe_violations


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "expected_heading_field", "deadline_word"),
    [
        ("fi", "title_fi", "Avoinna ehdotuksille"),
        ("sv", "title_sv", "Öppen för förslag"),
        ("en", "title_en", "Open for proposals"),
    ],
)
def test_public_call_page_in_each_language(page, call, language, expected_heading_field, deadline_word):
    page.goto(f"/{language}/calls/{call.slug}/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == getattr(call, expected_heading_field)
    assert deadline_word in page.locator("dl.facts").inner_text()
    assert axe_violations(page) == []
