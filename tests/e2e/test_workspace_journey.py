"""Running a pilot on a phone: a tester opens an e-mailed invitation, signs in, registers for a workshop
and answers a survey; the manager sees the answer in the results chart. The experiment page, the
registration page and the survey form are checked with axe on the phone viewport."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from kokeilu.events.models import Registration
from kokeilu.events.services import event_create
from kokeilu.experiments.models import ExperimentMember
from kokeilu.experiments.services import invitation_create
from kokeilu.surveys.models import SurveyResponse
from kokeilu.surveys.services import question_add, survey_create, survey_open
from tests.factories import UserFactory

from .conftest import axe_violations, choose, login


@pytest.mark.django_db(transaction=True)
def test_tester_joins_registers_and_answers_and_the_manager_sees_it(
    browser, live_server, phone_page, experiment, programme_manager, testers_group
):
    starts = timezone.now() + timedelta(days=7)
    workshop = event_create(
        experiment=experiment,
        created_by=programme_manager,
        title_fi="Yhteissuunnittelun työpaja",
        title_en="Co-design workshop",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Iso Omena, palvelutorin neuvotteluhuone",
        capacity=3,
    )
    survey = survey_create(experiment=experiment, created_by=programme_manager, title_fi="Testaajien kysely")
    rating = question_add(
        survey=survey,
        added_by=programme_manager,
        kind="rating",
        text_fi="Kuinka helppoa opasteen käyttö oli?",
        required=True,
        scale_max=5,
        low_label_fi="Vaikeaa",
        high_label_fi="Helppoa",
    )
    free_text = question_add(
        survey=survey, added_by=programme_manager, kind="text", text_fi="Mitä muuttaisit?", required=False
    )
    survey_open(survey=survey, changed_by=programme_manager)

    # The manager invites a tester by e-mail; the link arrives in the message.
    person = UserFactory(username="phone_tester", email="phone.tester@example.test")
    invitation_create(
        experiment=experiment, invited_by=programme_manager, email=person.email, group=testers_group
    )
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body)
    assert link is not None
    path = "/" + link.group(0).split("/", 3)[3]

    # On the phone: the invitation asks to sign in first, then to accept.
    page = phone_page
    page.goto(path)
    page.locator("input[name=username]").fill("phone_tester")
    page.locator("input[name=password]").fill("correct-horse-battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{path}")
    page.get_by_role("button", name="Hyväksy kutsu").click()
    page.wait_for_url(f"**/experiments/{experiment.slug}/")
    assert ExperimentMember.objects.get(experiment=experiment, user=person).role == "tester"
    assert page.locator("h1").inner_text() == "Koestamo"
    assert axe_violations(page) == []

    # The workshop, from the events tab.
    page.get_by_role("link", name="Tapahtumat", exact=True).click()
    page.get_by_role("link", name="Yhteissuunnittelun työpaja").click()
    page.wait_for_url(f"**/events/{workshop.pk}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ilmoittaudu").click()
    page.wait_for_load_state()
    registration = Registration.objects.get(event=workshop, user=person)
    assert registration.status == "confirmed"
    assert page.get_by_role("button", name="Peru ilmoittautumiseni").is_visible()

    # The survey: a required question left empty is refused with the error by the question, and the
    # text typed is kept; then the answer goes through.
    page.goto(f"/fi/experiments/{experiment.slug}/surveys/{survey.pk}/answer/")
    assert axe_violations(page) == []
    page.fill(f"textarea[name=q{free_text.pk}]", "Isommat kirjaimet opasteisiin.")
    page.get_by_role("button", name="Lähetä vastaukset").click()
    page.wait_for_load_state()
    assert page.locator("#answer-errors").is_visible()
    assert page.locator(f"textarea[name=q{free_text.pk}]").input_value() == "Isommat kirjaimet opasteisiin."
    assert axe_violations(page) == []
    choose(page, f"#q{rating.pk}_4")
    page.get_by_role("button", name="Lähetä vastaukset").click()
    page.wait_for_load_state()
    assert SurveyResponse.objects.filter(survey=survey, respondent=person).count() == 1

    # The manager, at a desk, sees the answer in the results chart.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    manager = context.new_page()
    login(manager, "programme_manager")
    manager.goto(f"/fi/experiments/{experiment.slug}/surveys/{survey.pk}/results/")
    chart = manager.locator("svg").first
    assert chart.is_visible()
    results = manager.locator("main").inner_text()
    assert "Isommat kirjaimet opasteisiin." in results
    assert re.search(r"\b1\b", manager.locator("table").first.inner_text())
    context.close()
