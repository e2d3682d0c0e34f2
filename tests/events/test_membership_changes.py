"""People who leave a group or the experiment lose their places at events they may no longer see, are
told once, and the waiting list moves up."""

import pytest

from kokeilu.events import services
from kokeilu.events.models import Registration, RegistrationStatus
from kokeilu.experiments import services as experiment_services
from kokeilu.experiments.models import ExperimentMember
from tests.factories import ExperimentMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def _status(event, user) -> str:
    return Registration.objects.get(event=event, user=user).status


def test_leaving_the_group_cancels_the_place_at_its_event_and_moves_the_waiting_list_up(
    make_event,
    testers_group,
    tester,
    experiment,
    programme_manager,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from kokeilu.experiments.models import Audience

    small = make_event(capacity=1, audience=Audience.GROUP, group=testers_group, title_fi="Pieni testi")
    waiting_user = UserFactory(username="waiting")
    waiting = ExperimentMemberFactory(experiment=experiment, user=waiting_user, role="tester")
    testers_group.members.add(waiting)
    workshop = make_event(capacity=5)
    services.registration_create(event=small, user=tester)
    services.registration_create(event=small, user=waiting_user)
    services.registration_create(event=workshop, user=tester)
    assert _status(small, waiting_user) == RegistrationStatus.WAITLISTED
    member = ExperimentMember.objects.get(experiment=experiment, user=tester)
    with django_capture_on_commit_callbacks(execute=True):
        experiment_services.group_remove_member(
            group=testers_group, member=member, removed_by=programme_manager
        )
    assert _status(small, tester) == RegistrationStatus.CANCELLED
    assert Registration.objects.get(event=small, user=tester).cancellation_reason == "audience_changed"
    assert _status(small, waiting_user) == RegistrationStatus.CONFIRMED
    # The experiment-wide workshop is still open to the tester.
    assert _status(workshop, tester) == RegistrationStatus.CONFIRMED
    to_tester = [message for message in mailoutbox if tester.email in message.to]
    assert len(to_tester) == 1


def test_leaving_the_experiment_cancels_every_upcoming_place(
    workshop, group_event, tester, experiment, mailoutbox, django_capture_on_commit_callbacks
):
    services.registration_create(event=workshop, user=tester)
    services.registration_create(event=group_event, user=tester)
    member = ExperimentMember.objects.get(experiment=experiment, user=tester)
    with django_capture_on_commit_callbacks(execute=True):
        experiment_services.member_remove(member=member, removed_by=tester)
    assert _status(workshop, tester) == RegistrationStatus.CANCELLED
    assert _status(group_event, tester) == RegistrationStatus.CANCELLED
    assert len([message for message in mailoutbox if tester.email in message.to]) == 2


def test_replacing_the_groups_members_cancels_only_for_those_who_left(
    group_event, testers_group, tester, experiment, programme_manager
):
    stays_user = UserFactory(username="stays")
    stays = ExperimentMemberFactory(experiment=experiment, user=stays_user, role="tester")
    testers_group.members.add(stays)
    services.registration_create(event=group_event, user=tester)
    services.registration_create(event=group_event, user=stays_user)
    experiment_services.group_set_members(group=testers_group, members=[stays], changed_by=programme_manager)
    assert _status(group_event, tester) == RegistrationStatus.CANCELLED
    assert _status(group_event, stays_user) == RegistrationStatus.CONFIRMED


def test_a_lead_who_becomes_a_tester_loses_places_at_other_groups_events(
    make_event, experiment, experiment_lead, team_member, programme_manager
):
    from kokeilu.experiments.models import Audience, ParticipantGroup

    other_group = ParticipantGroup.objects.create(experiment=experiment, name_fi="Muut")
    event = make_event(audience=Audience.GROUP, group=other_group, title_fi="Muiden testi")
    services.registration_create(event=event, user=experiment_lead)
    ExperimentMember.objects.filter(experiment=experiment, user=team_member).update(role="lead")
    lead = ExperimentMember.objects.get(experiment=experiment, user=experiment_lead)
    experiment_services.member_change_role(member=lead, role="tester", changed_by=programme_manager)
    assert _status(event, experiment_lead) == RegistrationStatus.CANCELLED
