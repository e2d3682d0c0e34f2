"""The core loop in a real browser: a manager opens a call, an applicant proposes, a reviewer scores,
the manager selects, and an anonymous visitor sees the selected pilot on the public call page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kokeilu.calls.models import Call
from kokeilu.evaluation.models import Decision, DecisionOutcome, Review, ReviewStatus
from kokeilu.proposals.models import Proposal, ProposalStatus

from .conftest import axe_violations, choose, login


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.django_db(transaction=True)
def test_from_call_to_selected_pilot(browser, live_server, platform, programme_manager, reviewer, applicant):
    def new_page():  # one browser context per person, like separate devices
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        return context.new_page()

    # The programme manager opens a call through the call form.
    manager = new_page()
    login(manager, "programme_manager")
    manager.goto("/fi/calls/manage/new/")
    now = timezone.now()
    manager.select_option("select[name=platform]", str(platform.pk))
    manager.fill("input[name=title_fi]", "Asiointi ilman jonoa")
    manager.fill("input[name=title_sv]", "Ärenden utan kö")
    manager.fill("input[name=title_en]", "Errands without queues")
    manager.fill(
        "textarea[name=description_fi]", "Etsimme kokeiluja, jotka lyhentävät jonoja palvelutorilla."
    )
    choose(manager, "input[name=eligibility][value=company]")
    choose(manager, "input[name=eligibility][value=resident]")
    choose(manager, "input[name=proposal_mode][value=low_threshold]")
    manager.fill("input[name=funding_per_pilot]", "10000")
    manager.fill("input[name=opens_at]", _local(now - timedelta(minutes=5)))
    manager.fill("input[name=closes_at]", _local(now + timedelta(days=14)))
    manager.fill("input[name=review_ends_at]", _local(now + timedelta(days=28)))
    manager.fill("input[name=decision_ends_at]", _local(now + timedelta(days=35)))
    manager.locator("main form button[type=submit]").first.click()
    manager.wait_for_url("**/edit/")
    call = Call.objects.get(title_fi="Asiointi ilman jonoa")
    manager.goto(f"/fi/calls/{call.slug}/criteria/new/")
    manager.fill("input[name=criterion-name_fi]", "Vaikuttavuus")
    manager.fill("input[name=criterion-weight]", "2")
    manager.locator("main form button[type=submit]").first.click()
    manager.wait_for_url("**/edit/")
    manager.click("#publish-call")
    manager.wait_for_load_state()
    call.refresh_from_db()
    assert call.phase == "open"

    # An applicant sends a short problem description (the low-threshold mode).
    person = new_page()
    login(person, "applicant")
    person.goto(f"/fi/calls/{call.slug}/")
    person.click(f"a[href='/fi/proposals/new/{call.slug}/']")
    kind = person.locator("[name=applicant_kind]")
    if kind.first.get_attribute("type") == "radio":
        choose(person, "input[name=applicant_kind][value=resident]")
    else:
        person.select_option("select[name=applicant_kind]", "resident")
    person.fill("input[name=title]", "Jonotilanne näkyviin kotiin")
    person.fill(
        "textarea[name=problem]", "Asiakkaat eivät tiedä etukäteen, kuinka pitkä jono palvelutorilla on."
    )
    person.click("#submit-proposal")
    person.wait_for_load_state()
    proposal = Proposal.objects.get(title="Jonotilanne näkyviin kotiin")
    assert proposal.status == ProposalStatus.SUBMITTED

    # The manager assigns the reviewer.
    manager.goto(f"/fi/review/proposals/{proposal.pk}/")
    manager.select_option("#assign-form select[name=reviewer]", str(reviewer.pk))
    manager.locator("#assign-form button[type=submit]").click()
    manager.wait_for_load_state()
    assignment = proposal.review_assignments.get(reviewer=reviewer)

    # The reviewer scores it and submits the review.
    scorer = new_page()
    login(scorer, "reviewer")
    scorer.goto(f"/fi/review/assignments/{assignment.pk}/")
    criterion = call.criteria.get()
    choose(scorer, f"input[name=score_{criterion.pk}][value='4']")
    scorer.fill(f"textarea[name=comment_{criterion.pk}]", "Selkeä tarve, helppo kokeilla.")
    recommendation = scorer.locator("[name=recommendation]")
    if recommendation.first.get_attribute("type") == "radio":
        choose(scorer, "input[name=recommendation][value=recommend]")
    else:
        scorer.select_option("select[name=recommendation]", "recommend")
    scorer.click("#review-form button[value=submit]")
    scorer.wait_for_load_state()
    review = Review.objects.get(proposal=proposal, reviewer=reviewer)
    assert review.status == ReviewStatus.SUBMITTED
    assert float(review.weighted_score) == 4.0

    # The deadline passes; the manager selects the proposal with a reason.
    Call.objects.filter(pk=call.pk).update(
        opens_at=now - timedelta(days=20), closes_at=now - timedelta(minutes=1)
    )
    manager.goto(f"/fi/review/calls/{call.slug}/ranking/")
    assert "Jonotilanne näkyviin kotiin" in manager.locator("main").inner_text()
    manager.goto(f"/fi/review/proposals/{proposal.pk}/")
    outcome = manager.locator("#decision-form [name=outcome]")
    if outcome.first.get_attribute("type") == "radio":
        choose(manager, "#decision-form input[name=outcome][value=selected]")
    else:
        manager.select_option("#decision-form select[name=outcome]", "selected")
    manager.fill("#decision-form textarea[name=reason]", "Vastaa suoraan palvelutorin jonotarpeeseen.")
    manager.locator("#decision-form button[type=submit]").click()
    manager.wait_for_load_state()
    assert Decision.objects.get(proposal=proposal).outcome == DecisionOutcome.SELECTED

    # An anonymous visitor sees the selected pilot on the public call page, in Finnish.
    visitor = new_page()
    visitor.goto(f"/fi/calls/{call.slug}/")
    assert visitor.locator("html").get_attribute("lang") == "fi"
    assert "Jonotilanne näkyviin kotiin" in visitor.locator("#selected-pilots").inner_text()
    assert axe_violations(visitor) == []

    # The applicant sees the decision on their proposal.
    person.goto(f"/fi/proposals/{proposal.pk}/")
    assert "Vastaa suoraan palvelutorin jonotarpeeseen." in person.locator("main").inner_text()
