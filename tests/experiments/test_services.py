import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.experiments import services
from kokeilu.experiments.models import (
    Experiment,
    ExperimentMember,
    ExperimentPartner,
    Invitation,
    InvitationStatus,
    MemberRole,
)
from kokeilu.experiments.selectors import audience_filter, experiment_access
from kokeilu.proposals.models import CoApplicant, CoApplicantStatus
from tests.factories import DecisionFactory, OrganisationFactory, SubmittedProposalFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def selected_proposal(call, applicant, programme_manager):
    call.funding_per_pilot = Decimal("10000")
    call.save()
    company = OrganisationFactory(kind="company", name="Testiyhtiö Oy")
    proposal = SubmittedProposalFactory(
        call=call,
        created_by=applicant,
        title="Asiointi ilman jonoa",
        problem="Jonot ovat pitkiä.",
        solution="Ajanvaraus kioskilla.",
        team="Kaksi suunnittelijaa",
        partner="Koulu X",
        organisation=company,
        budget=Decimal("12000"),
        duration_months=2,
        schedule="Touko–kesäkuu",
        language="fi",
    )
    DecisionFactory(proposal=proposal, outcome="selected", decided_by=programme_manager)
    return proposal


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert services.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)


def test_selected_proposal_becomes_an_experiment_carrying_everything_over(
    selected_proposal, programme_manager, applicant, other_applicant
):
    CoApplicant.objects.create(
        proposal=selected_proposal,
        email=other_applicant.email,
        invited_by=applicant,
        user=other_applicant,
        status=CoApplicantStatus.ACCEPTED,
    )
    start = datetime.date(2026, 12, 1)
    experiment = services.experiment_create_from_proposal(
        proposal=selected_proposal, created_by=programme_manager, starts_on=start
    )
    assert experiment.title_fi == "Asiointi ilman jonoa"
    assert experiment.summary_fi == "Jonot ovat pitkiä.\n\nAjanvaraus kioskilla."
    assert experiment.team_description == "Kaksi suunnittelijaa"
    assert experiment.schedule_notes == "Touko–kesäkuu"
    # The budget is capped at the call's funding per pilot.
    assert experiment.granted_amount == Decimal("10000")
    assert (experiment.starts_on, experiment.ends_on) == (start, datetime.date(2027, 2, 1))
    assert experiment.call == selected_proposal.call
    assert experiment.city_id == selected_proposal.call.platform.city_id
    partners = {
        (partner.name, partner.role) for partner in ExperimentPartner.objects.filter(experiment=experiment)
    }
    assert partners == {("Testiyhtiö Oy", "lead_partner"), ("Koulu X", "partner")}
    roles = {member.user: member.role for member in ExperimentMember.objects.filter(experiment=experiment)}
    assert roles == {applicant: MemberRole.LEAD, other_applicant: MemberRole.TEAM}


def test_only_a_selected_proposal_once_and_only_by_its_citys_manager(
    selected_proposal, call, programme_manager, other_city_manager, applicant
):
    with pytest.raises(PermissionDeniedError):
        services.experiment_create_from_proposal(proposal=selected_proposal, created_by=other_city_manager)
    with pytest.raises(PermissionDeniedError):
        services.experiment_create_from_proposal(proposal=selected_proposal, created_by=applicant)
    services.experiment_create_from_proposal(proposal=selected_proposal, created_by=programme_manager)
    with pytest.raises(ApplicationError) as error:
        services.experiment_create_from_proposal(proposal=selected_proposal, created_by=programme_manager)
    assert error.value.code == "already_created"
    rejected = SubmittedProposalFactory(call=call)
    DecisionFactory(proposal=rejected, outcome="rejected", decided_by=programme_manager)
    with pytest.raises(ApplicationError) as error:
        services.experiment_create_from_proposal(proposal=rejected, created_by=programme_manager)
    assert error.value.code == "not_selected"
    assert Experiment.objects.count() == 1


def test_staff_experiment_needs_a_title_valid_dates_and_a_manager(city, programme_manager, applicant):
    today = timezone.localdate()
    with pytest.raises(PermissionDeniedError):
        services.experiment_create(
            city=city, created_by=applicant, title_fi="X", starts_on=today, ends_on=today
        )
    with pytest.raises(ApplicationError) as error:
        services.experiment_create(city=city, created_by=programme_manager, starts_on=today, ends_on=today)
    assert error.value.field == "title_fi"
    with pytest.raises(ApplicationError) as error:
        services.experiment_create(
            city=city,
            created_by=programme_manager,
            title_sv="Försök",
            starts_on=today,
            ends_on=today - datetime.timedelta(days=1),
        )
    assert error.value.field == "ends_on"
    experiment = services.experiment_create(
        city=city,
        created_by=programme_manager,
        title_sv="Försök",
        starts_on=today,
        ends_on=today,
        lead=applicant,
    )
    assert experiment.is_staff_experiment
    assert experiment.slug == "forsok"
    assert ExperimentMember.objects.get(experiment=experiment).role == MemberRole.LEAD


def test_reserved_words_never_become_slugs(city, programme_manager):
    today = timezone.localdate()
    experiment = services.experiment_create(
        city=city, created_by=programme_manager, title_en="New", starts_on=today, ends_on=today
    )
    assert experiment.slug != "new"


def test_leads_edit_the_description_but_only_managers_the_grant(
    experiment, experiment_lead, programme_manager
):
    services.experiment_update(experiment=experiment, updated_by=experiment_lead, summary_fi="Uusi kuvaus")
    with pytest.raises(PermissionDeniedError):
        services.experiment_update(
            experiment=experiment, updated_by=experiment_lead, granted_amount=Decimal("1")
        )
    services.experiment_update(
        experiment=experiment, updated_by=programme_manager, granted_amount=Decimal("5000")
    )
    experiment.refresh_from_db()
    assert (experiment.summary_fi, experiment.granted_amount) == ("Uusi kuvaus", Decimal("5000"))


def test_status_follows_its_transitions(experiment, programme_manager, team_member):
    with pytest.raises(PermissionDeniedError):
        services.experiment_transition(experiment=experiment, to_status="completed", changed_by=team_member)
    services.experiment_transition(experiment=experiment, to_status="completed", changed_by=programme_manager)
    with pytest.raises(ApplicationError):
        services.experiment_transition(
            experiment=experiment, to_status="running", changed_by=programme_manager
        )
    experiment.refresh_from_db()
    assert experiment.status == "completed"


@pytest.mark.parametrize(
    ("persona", "can_view", "is_team", "can_manage"),
    [
        ("anonymous", False, False, False),
        ("applicant", False, False, False),
        ("other_city_manager", False, False, False),
        ("other_tester", True, False, False),
        ("tester", True, False, False),
        ("partner_member", True, True, False),
        ("team_member", True, True, False),
        ("experiment_lead", True, True, True),
        ("programme_manager", True, True, True),
        ("site_admin", True, True, True),
    ],
)
def test_access_levels_per_persona(experiment, workspace_persona, persona, can_view, is_team, can_manage):
    from django.contrib.auth.models import AnonymousUser

    user = workspace_persona(persona) or AnonymousUser()
    access = experiment_access(user=user, experiment=experiment)
    assert (access.can_view, access.is_team, access.can_manage) == (can_view, is_team, can_manage)


def test_audience_filter_hides_group_content_from_other_members(
    experiment, tester, other_tester, testers_group, programme_manager, applicant
):
    """The one visibility rule, on real content addressed to everyone, the experiment and one group."""
    from django.contrib.auth.models import AnonymousUser

    from kokeilu.experiments.models import Audience, ParticipantGroup
    from kokeilu.materials.models import Material

    other_group = ParticipantGroup.objects.create(experiment=experiment, name_fi="Muut")

    def link(title, audience, group=None):
        return Material.objects.create(
            experiment=experiment,
            kind="link",
            title=title,
            url="https://example.test/",
            audience=audience,
            group=group,
            created_by=programme_manager,
        )

    link("julkinen", Audience.PUBLIC)
    link("kaikille", Audience.EXPERIMENT)
    link("testaajille", Audience.GROUP, testers_group)
    link("muille", Audience.GROUP, other_group)

    def visible(user) -> set[str]:
        experiment.__dict__.pop("_access_cache", None)
        access = experiment_access(user=user, experiment=experiment)
        rows = Material.objects.filter(experiment=experiment).filter(audience_filter(access))
        return set(rows.values_list("title", flat=True))

    assert visible(programme_manager) == {"julkinen", "kaikille", "testaajille", "muille"}
    assert visible(tester) == {"julkinen", "kaikille", "testaajille"}
    assert visible(other_tester) == {"julkinen", "kaikille"}
    assert visible(applicant) == set()
    assert visible(AnonymousUser()) == set()
    experiment.is_public = True
    assert visible(applicant) == {"julkinen"}
    assert visible(AnonymousUser()) == {"julkinen"}


def test_invitation_is_sent_once_and_accepted_once(
    experiment,
    programme_manager,
    testers_group,
    other_applicant,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            experiment=experiment,
            invited_by=programme_manager,
            email=other_applicant.email.upper(),
            group=testers_group,
        )
    assert len(mailoutbox) == 1
    from kokeilu.experiments.tasks import send_invitation

    send_invitation(invitation_id=invitation.pk)
    assert len(mailoutbox) == 1  # idempotent
    with pytest.raises(ApplicationError):
        services.invitation_create(
            experiment=experiment, invited_by=programme_manager, email=other_applicant.email
        )
    services.invitation_accept(invitation=invitation, user=other_applicant)
    with pytest.raises(ApplicationError):
        services.invitation_accept(invitation=invitation, user=other_applicant)
    assert ExperimentMember.objects.filter(experiment=experiment, user=other_applicant).count() == 1


def test_invitation_refuses_bad_email_and_outsiders(experiment, team_member, programme_manager, mailoutbox):
    with pytest.raises(ApplicationError) as error:
        services.invitation_create(
            experiment=experiment, invited_by=programme_manager, email="not-an-address"
        )
    assert error.value.field == "email"
    with pytest.raises(PermissionDeniedError):
        services.invitation_create(experiment=experiment, invited_by=team_member, email="x@example.test")
    assert Invitation.objects.count() == 0 and mailoutbox == []


def test_revoked_invitation_cannot_be_accepted(experiment, programme_manager, other_applicant):
    invitation = services.invitation_create(
        experiment=experiment, invited_by=programme_manager, email=other_applicant.email
    )
    services.invitation_revoke(invitation=invitation, revoked_by=programme_manager)
    assert invitation.status == InvitationStatus.REVOKED
    with pytest.raises(ApplicationError):
        services.invitation_accept(invitation=invitation, user=other_applicant)


def test_group_members_must_belong_to_the_experiment(experiment, testers_group, programme_manager, tester):
    from tests.factories import ExperimentMemberFactory

    stranger = ExperimentMemberFactory(user=UserFactory())
    with pytest.raises(ApplicationError):
        services.group_set_members(group=testers_group, members=[stranger], changed_by=programme_manager)
    with pytest.raises(ApplicationError):
        services.group_create(experiment=experiment, created_by=programme_manager)


def test_the_last_lead_of_a_proposal_experiment_stays(selected_proposal, programme_manager, applicant):
    experiment = services.experiment_create_from_proposal(
        proposal=selected_proposal, created_by=programme_manager
    )
    lead = ExperimentMember.objects.get(experiment=experiment, user=applicant)
    with pytest.raises(ApplicationError):
        services.member_change_role(member=lead, role="team", changed_by=programme_manager)
    with pytest.raises(ApplicationError):
        services.member_remove(member=lead, removed_by=programme_manager)


def test_members_may_leave_but_not_remove_others(experiment, tester, other_tester):
    other = ExperimentMember.objects.get(experiment=experiment, user=other_tester)
    with pytest.raises(PermissionDeniedError):
        services.member_remove(member=other, removed_by=tester)
    own = ExperimentMember.objects.get(experiment=experiment, user=tester)
    services.member_remove(member=own, removed_by=tester)
    assert not ExperimentMember.objects.filter(pk=own.pk).exists()
