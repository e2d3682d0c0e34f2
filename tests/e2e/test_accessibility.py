"""axe-core checks (WCAG 2.1 A/AA) of the pages applicants and reviewers meet, empty and with errors."""

import pytest

from tests.factories import CallQuestionFactory, ReviewAssignmentFactory, SubmittedProposalFactory

from .conftest import axe_violations, login


@pytest.mark.django_db(transaction=True)
def test_proposal_form_is_accessible_also_when_it_shows_errors(page, call, applicant):
    CallQuestionFactory(call=call, text_fi="Miten kokeilu mitataan?")
    login(page, "applicant")
    page.goto(f"/fi/proposals/new/{call.slug}/")
    assert page.locator("form textarea[name=problem]").count() == 1
    assert axe_violations(page) == []
    # Submitting an empty form keeps the page accessible: errors are tied to their fields.
    page.click("#submit-proposal")
    page.wait_for_load_state()
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_review_form_is_accessible(page, call, reviewer):
    assignment = ReviewAssignmentFactory(proposal=SubmittedProposalFactory(call=call), reviewer=reviewer)
    login(page, "reviewer")
    page.goto(f"/fi/review/assignments/{assignment.pk}/")
    assert page.locator("#review-form").count() == 1
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_call_list_and_home_are_accessible(page, call):
    for path in ("/fi/", "/fi/calls/", "/sv/calls/", "/en/platforms/"):
        page.goto(path)
        assert axe_violations(page) == [], path


@pytest.mark.django_db(transaction=True)
def test_the_axe_harness_reports_real_violations(page):
    """Guards the checks above: a page with an unlabelled field and an image without text must fail."""
    page.set_content('<html lang="fi"><body><main><img src="x.png"><input type="text"></main></body></html>')
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= found
