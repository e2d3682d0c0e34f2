import json

import pytest
from django.urls import reverse

from kokeilu.experiments.models import Experiment, ExperimentMember
from tests.factories import DecisionFactory, SubmittedProposalFactory

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_manager_turns_a_selected_proposal_into_an_experiment(call, programme_manager, applicant, client_for):
    proposal = SubmittedProposalFactory(call=call, created_by=applicant, title="Kioski", duration_months=1)
    DecisionFactory(proposal=proposal, outcome="selected", decided_by=programme_manager)
    response = _post(
        client_for(programme_manager),
        reverse("api-experiment-from-proposal"),
        {"proposal": proposal.pk, "starts_on": "2027-01-10"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["starts_on"], body["ends_on"]) == ("Kioski", "2027-01-10", "2027-02-10")
    assert body["access"]["can_manage"] is True
    # Twice is refused with the rule's error.
    again = _post(
        client_for(programme_manager), reverse("api-experiment-from-proposal"), {"proposal": proposal.pk}
    )
    assert again.status_code == 400 and again.json()["code"] == "already_created"


def test_other_city_cannot_see_the_proposal(call, other_city_manager, programme_manager, client_for):
    proposal = SubmittedProposalFactory(call=call)
    DecisionFactory(proposal=proposal, outcome="selected", decided_by=programme_manager)
    response = _post(
        client_for(other_city_manager), reverse("api-experiment-from-proposal"), {"proposal": proposal.pk}
    )
    assert response.status_code == 404
    assert Experiment.objects.count() == 0


def test_staff_experiment_through_the_api_with_errors_by_field(city, programme_manager, client_for):
    client = client_for(programme_manager)
    bad = _post(
        client,
        reverse("api-experiment-list"),
        {"city": "espoo", "title_fi": "Kokeilu", "starts_on": "2027-02-01", "ends_on": "2027-01-01"},
    )
    assert bad.status_code == 400 and "ends_on" in bad.json()
    good = _post(
        client,
        reverse("api-experiment-list"),
        {"city": "espoo", "title_fi": "Kokeilu", "starts_on": "2027-01-01", "ends_on": "2027-03-01"},
    )
    assert good.status_code == 201
    listed = client.get(reverse("api-experiment-list")).json()
    assert [row["slug"] for row in listed] == [good.json()["slug"]]


def test_invitation_accepted_through_the_api(
    experiment,
    programme_manager,
    testers_group,
    other_applicant,
    client_for,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        created = _post(
            client_for(programme_manager),
            reverse("api-experiment-invitations", kwargs={"slug": experiment.slug}),
            {"email": other_applicant.email, "group": testers_group.pk},
        )
    assert created.status_code == 201
    from kokeilu.experiments.models import Invitation

    token = Invitation.objects.get(pk=created.json()["id"]).token
    accepted = _post(
        client_for(other_applicant), reverse("api-experiment-invitation-accept"), {"token": token}
    )
    assert accepted.status_code == 200
    assert accepted.json()["groups"] == [testers_group.pk]
    assert ExperimentMember.objects.get(experiment=experiment, user=other_applicant).role == "tester"


def test_public_list_and_public_face(experiment, client_for):
    experiment.is_public = True
    experiment.save()
    client = client_for(None)
    assert [row["slug"] for row in client.get(reverse("api-experiment-list")).json()] == ["koestamo"]
    detail = client.get(reverse("api-experiment-detail", kwargs={"slug": "koestamo"})).json()
    # The public face has no workspace fields (grant, team, access).
    assert "granted_amount" not in detail and "access" not in detail


def test_tester_sees_only_the_team_and_own_groups_members(
    experiment, tester, other_tester, team_member, testers_group, client_for
):
    rows = client_for(tester).get(reverse("api-experiment-members", kwargs={"slug": experiment.slug})).json()
    names = {row["user"] for row in rows}
    assert tester.pk in names and team_member.pk in names and other_tester.pk not in names
    groups = (
        client_for(other_tester)
        .get(reverse("api-experiment-groups", kwargs={"slug": experiment.slug}))
        .json()
    )
    assert groups == []
