"""The public call page is cached for anonymous visitors, and every change it shows invalidates it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kokeilu.calls import services as call_services
from kokeilu.evaluation import services as evaluation_services
from tests.factories import CallFactory, CriterionFactory, ReviewAssignmentFactory, SubmittedProposalFactory


@pytest.mark.django_db
def test_a_repeated_anonymous_visit_costs_one_query(call, resident_client):
    url = reverse("calls:detail", kwargs={"slug": call.slug})
    first = resident_client.get(url).content
    with CaptureQueriesContext(connection) as queries:
        second = resident_client.get(url).content
    assert second == first
    assert len(queries) == 1


@pytest.mark.django_db
def test_a_decision_shows_up_at_once(platform, programme_manager, resident_client):
    call = CallFactory(
        platform=platform,
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() - timedelta(hours=1),
    )
    CriterionFactory(call=call)
    proposal = SubmittedProposalFactory(call=call, title="Opastava robotti")
    url = reverse("calls:detail", kwargs={"slug": call.slug})
    assert "Opastava robotti" not in resident_client.get(url).content.decode()
    evaluation_services.decision_record(
        proposal=proposal, outcome="selected", reason="Hyvä.", decided_by=programme_manager
    )
    assert "Opastava robotti" in resident_client.get(url).content.decode()


@pytest.mark.django_db
def test_an_edited_call_and_the_moving_phase_show_up_at_once(call, programme_manager, resident_client):
    url = reverse("calls:detail", kwargs={"slug": call.slug})
    resident_client.get(url)
    call_services.call_update(call=call, updated_by=programme_manager, title_fi="Uusi otsikko")
    html = resident_client.get(url).content.decode()
    assert "Uusi otsikko" in html
    # The deadline passing changes the phase without any write to the call's row version.
    type(call).objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(seconds=1)
    )
    html = resident_client.get(url).content.decode()
    assert reverse("proposals:create", kwargs={"slug": call.slug}) not in html
    assert 'id="call-phase">Arviointi<' in html


@pytest.mark.django_db
def test_signed_in_people_get_a_fresh_page(call, client_for, programme_manager, reviewer):
    url = reverse("calls:detail", kwargs={"slug": call.slug})
    manager = client_for(programme_manager)
    assert reverse("calls:edit", kwargs={"slug": call.slug}) in manager.get(url).content.decode()
    assert (
        reverse("calls:edit", kwargs={"slug": call.slug})
        not in client_for(reviewer).get(url).content.decode()
    )


@pytest.mark.django_db
def test_review_and_assignment_changes_bump_the_call_version(
    call, programme_manager, reviewer, second_reviewer
):
    proposal = SubmittedProposalFactory(call=call)
    version = type(call).objects.get(pk=call.pk).activity_version
    evaluation_services.review_assignment_create(
        proposal=proposal, reviewer=reviewer, assigned_by=programme_manager
    )
    assignment = ReviewAssignmentFactory(proposal=proposal, reviewer=second_reviewer)
    evaluation_services.conflict_of_interest_declare(
        assignment=assignment, reviewer=second_reviewer, reason="Sukulainen"
    )
    assert type(call).objects.get(pk=call.pk).activity_version == version + 2


@pytest.mark.django_db
def test_a_new_criterion_shows_up_at_once(platform, programme_manager, resident_client):
    call = CallFactory(platform=platform)
    url = reverse("calls:detail", kwargs={"slug": call.slug})
    assert "Saavutettavuus" not in resident_client.get(url).content.decode()
    call_services.criterion_save(call=call, saved_by=programme_manager, name_fi="Saavutettavuus", weight=2)
    assert "Saavutettavuus" in resident_client.get(url).content.decode()
