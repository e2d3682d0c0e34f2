import pytest
from django.core import mail
from django.urls import reverse

from kokeilu.experiments.models import ExperimentMember, Invitation, InvitationStatus

pytestmark = pytest.mark.django_db


def test_overview_shows_the_experiment_to_its_members_and_hides_it_from_outsiders(
    experiment, tester, applicant, client_for
):
    url = reverse("experiments:detail", kwargs={"slug": experiment.slug})
    page = client_for(tester).get(url)
    assert page.status_code == 200
    assert "Koestamo" in page.content.decode()
    assert client_for(applicant).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404


def test_public_experiment_shows_its_overview_to_everyone(experiment, client_for):
    experiment.is_public = True
    experiment.save()
    page = client_for(None).get(reverse("experiments:detail", kwargs={"slug": experiment.slug}))
    assert page.status_code == 200
    # Outsiders get the overview only: no tabs to the members' pages.
    assert reverse("experiments:people", kwargs={"slug": experiment.slug}) not in page.content.decode()


def test_manager_invites_a_tester_who_accepts_into_the_group(
    experiment,
    programme_manager,
    testers_group,
    other_applicant,
    client_for,
    django_capture_on_commit_callbacks,
):
    client = client_for(programme_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("experiments:invite", kwargs={"slug": experiment.slug}),
            {"email": other_applicant.email, "role": "tester", "group": testers_group.pk, "message": ""},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(experiment=experiment)
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    accept_url = reverse("experiments:invitation", kwargs={"token": invitation.token})
    assert client_for(None).get(accept_url).status_code == 302  # to the login page
    response = client_for(other_applicant).post(accept_url)
    assert response.status_code == 302
    member = ExperimentMember.objects.get(experiment=experiment, user=other_applicant)
    assert member.role == "tester"
    assert list(member.groups.all()) == [testers_group]
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED


def test_people_page_renders_for_manager(experiment, programme_manager, tester, team_member, client_for):
    page = client_for(programme_manager).get(reverse("experiments:people", kwargs={"slug": experiment.slug}))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Testaaja" in body and "Tiimiläinen" in body


def test_manager_starts_the_experiment_from_the_proposal_page(call, programme_manager, applicant, client_for):
    from tests.factories import DecisionFactory, SubmittedProposalFactory

    proposal = SubmittedProposalFactory(call=call, created_by=applicant, title="Kioski", duration_months=2)
    DecisionFactory(proposal=proposal, outcome="selected", decided_by=programme_manager)
    client = client_for(programme_manager)
    review_page = client.get(
        reverse("evaluation:proposal_reviews", kwargs={"pk": proposal.pk})
    ).content.decode()
    start_url = reverse("experiments:from_proposal", kwargs={"proposal_pk": proposal.pk})
    assert start_url in review_page
    assert client.get(start_url).status_code == 200
    bad = client.post(start_url, {"starts_on": "not a date"})
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.content.decode()
    response = client.post(start_url, {"starts_on": "2027-03-01"})
    experiment = proposal.experiment
    assert response.status_code == 302 and response.url == reverse(
        "experiments:detail", kwargs={"slug": experiment.slug}
    )
    # Afterwards the proposal page links to the experiment, and the start page redirects there.
    assert (
        reverse("experiments:detail", kwargs={"slug": experiment.slug})
        in client.get(reverse("evaluation:proposal_reviews", kwargs={"pk": proposal.pk})).content.decode()
    )
    assert client.get(start_url).status_code == 302


def test_start_page_is_hidden_from_other_cities(call, programme_manager, other_city_manager, client_for):
    from tests.factories import DecisionFactory, SubmittedProposalFactory

    proposal = SubmittedProposalFactory(call=call)
    DecisionFactory(proposal=proposal, outcome="selected", decided_by=programme_manager)
    url = reverse("experiments:from_proposal", kwargs={"proposal_pk": proposal.pk})
    assert client_for(other_city_manager).post(url, {"starts_on": "2027-03-01"}).status_code == 404


def test_staff_experiment_form_keeps_what_was_typed_on_error(city, programme_manager, client_for):
    response = client_for(programme_manager).post(
        reverse("experiments:create"),
        {
            "city": city.pk,
            "title_fi": "Kirjaston kokeilu",
            "starts_on": "2027-02-01",
            "ends_on": "2027-01-01",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Kirjaston kokeilu"' in body and 'aria-invalid="true"' in body


def test_lead_edits_but_does_not_see_the_grant_field(experiment, experiment_lead, client_for):
    client = client_for(experiment_lead)
    url = reverse("experiments:edit", kwargs={"slug": experiment.slug})
    assert 'name="granted_amount"' not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title_fi": "Koestamo",
            "summary_fi": "Uusi",
            "starts_on": experiment.starts_on.isoformat(),
            "ends_on": experiment.ends_on.isoformat(),
            "granted_amount": "1",
        },
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.summary_fi == "Uusi" and experiment.granted_amount == 10000


def test_status_buttons_move_the_experiment(experiment, programme_manager, client_for):
    client = client_for(programme_manager)
    client.post(reverse("experiments:status", kwargs={"slug": experiment.slug}), {"status": "completed"})
    experiment.refresh_from_db()
    assert experiment.status == "completed"
    response = client.post(
        reverse("experiments:status", kwargs={"slug": experiment.slug}), {"status": "running"}, follow=True
    )
    experiment.refresh_from_db()
    assert experiment.status == "completed"
    assert "hds-notification--error" in response.content.decode()
