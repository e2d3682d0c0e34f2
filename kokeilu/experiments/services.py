"""Writes for experiments and their people. Every function checks who may do it, validates, and changes
the rows in one transaction; e-mails go out after commit."""

import calendar
import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.accounts.selectors import user_can_manage_city
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.models import LANGUAGE_CODES
from kokeilu.core.slugs import unique_slug
from kokeilu.core.tasks import enqueue
from kokeilu.proposals.models import CoApplicantStatus, Proposal

from .models import (
    EXPERIMENT_TRANSITIONS,
    Experiment,
    ExperimentMember,
    ExperimentPartner,
    Invitation,
    InvitationStatus,
    MemberRole,
    ParticipantGroup,
    PartnerRole,
)
from .selectors import experiment_access
from .workspace import access_changed

DEFAULT_DURATION_MONTHS = 3
MAX_MEMBERS_PER_EXPERIMENT = 2000

# Fields a lead may change; the granted amount, the status and publicity belong to the city's managers.
LEAD_EDITABLE_FIELDS = frozenset(
    {
        "title_fi",
        "title_sv",
        "title_en",
        "summary_fi",
        "summary_sv",
        "summary_en",
        "team_description",
        "schedule_notes",
        "sector",
        "starts_on",
        "ends_on",
    }
)
MANAGER_EDITABLE_FIELDS = LEAD_EDITABLE_FIELDS | {"granted_amount", "is_public", "owner_unit", "platform"}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _require_city_manager(user: User, city_id: int | None) -> None:
    if not user_can_manage_city(user, city_id):
        raise PermissionDeniedError(_("Only the city's programme managers can do this."))


def require_manage(user: User, experiment: Experiment) -> None:
    """Raise unless the person manages the experiment (the city's managers and the experiment's leads)."""
    if not experiment_access(user=user, experiment=experiment).can_manage:
        raise PermissionDeniedError(
            _("Only the experiment's leads and the city's programme managers can do this.")
        )


def require_team(user: User, experiment: Experiment) -> None:
    """Raise unless the person works in the experiment (managers, leads, team members, partners)."""
    if not experiment_access(user=user, experiment=experiment).is_team:
        raise PermissionDeniedError(_("Only the experiment's team can do this."))


def _check_dates(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise ApplicationError(_("The experiment cannot end before it starts."), field="ends_on")


# Slugs that would shadow the experiment pages' own paths (/experiments/new/, ...).
RESERVED_SLUGS = frozenset({"new", "from-proposal", "invitations"})


def _new_slug(text: str) -> str:
    slug = unique_slug(Experiment.objects.all(), "slug", text, fallback="experiment")
    if slug in RESERVED_SLUGS:
        slug = unique_slug(Experiment.objects.all(), "slug", f"{slug}-experiment", fallback="experiment")
    return slug


def experiment_create(
    *,
    city: Organisation,
    created_by: User,
    title_fi: str = "",
    title_sv: str = "",
    title_en: str = "",
    summary_fi: str = "",
    summary_sv: str = "",
    summary_en: str = "",
    starts_on: datetime.date,
    ends_on: datetime.date,
    granted_amount: Decimal = Decimal("0"),
    owner_unit: Organisation | None = None,
    team_description: str = "",
    schedule_notes: str = "",
    sector: str = "",
    is_public: bool = False,
    lead: User | None = None,
) -> Experiment:
    """Start a staff experiment (one without a call) in a city the person manages."""
    if city.kind != OrganisationKind.CITY:
        raise ApplicationError(_("An experiment belongs to a city."), field="city")
    _require_city_manager(created_by, city.pk)
    if owner_unit is not None and owner_unit.tenant_city_id != city.pk:
        raise ApplicationError(_("The responsible unit must belong to the same city."), field="owner_unit")
    if not (title_fi.strip() or title_sv.strip() or title_en.strip()):
        raise ApplicationError(_("Give the experiment a title in at least one language."), field="title_fi")
    _check_dates(starts_on, ends_on)
    with transaction.atomic():
        experiment = Experiment(
            city=city,
            owner_unit=owner_unit,
            slug=_new_slug(title_fi or title_sv or title_en),
            title_fi=title_fi.strip(),
            title_sv=title_sv.strip(),
            title_en=title_en.strip(),
            summary_fi=summary_fi,
            summary_sv=summary_sv,
            summary_en=summary_en,
            team_description=team_description,
            schedule_notes=schedule_notes,
            sector=sector,
            starts_on=starts_on,
            ends_on=ends_on,
            granted_amount=granted_amount,
            is_public=is_public,
            created_by=created_by,
        )
        experiment.full_clean()
        experiment.save()
        if lead is not None:
            ExperimentMember.objects.create(experiment=experiment, user=lead, role=MemberRole.LEAD)
    return experiment


def _granted_from_proposal(proposal: Proposal) -> Decimal:
    funding = proposal.call.funding_per_pilot
    if proposal.budget is not None and funding is not None:
        return min(proposal.budget, funding)
    return proposal.budget if proposal.budget is not None else (funding or Decimal("0"))


def experiment_create_from_proposal(
    *, proposal: Proposal, created_by: User, starts_on: datetime.date | None = None
) -> Experiment:
    """Turn a selected proposal into an experiment in one action.

    Carried over: the title and the problem and solution as the summary (in the proposal's language), the
    team description, the applicant organisation and partner as partner organisations, the budget as the
    granted amount (at most the call's funding per pilot), and the schedule: it starts on `starts_on`
    (today by default) and runs for the proposed number of months (the call's maximum, or three months,
    when none was given). The applicant becomes the experiment's lead and accepted co-applicants join the
    team."""
    call = proposal.call
    city_id = call.platform.city_id
    _require_city_manager(created_by, city_id)
    with transaction.atomic():
        locked = (
            Proposal.objects.select_for_update().select_related("call", "call__platform").get(pk=proposal.pk)
        )
        decision = getattr(locked, "decision", None)
        if decision is None or decision.outcome != "selected":
            raise ApplicationError(
                _("Only a selected proposal can become an experiment."), code="not_selected"
            )
        if Experiment.objects.filter(proposal=locked).exists():
            raise ApplicationError(
                _("This proposal has already become an experiment."), code="already_created"
            )
        start = starts_on or timezone.localdate()
        months = locked.duration_months or call.duration_max_months or DEFAULT_DURATION_MONTHS
        language = locked.language if locked.language in LANGUAGE_CODES else "fi"
        summary = "\n\n".join(part for part in (locked.problem.strip(), locked.solution.strip()) if part)
        experiment = Experiment(
            city_id=city_id,
            platform=call.platform,
            call=call,
            proposal=locked,
            slug=_new_slug(locked.title),
            team_description=locked.team,
            schedule_notes=locked.schedule,
            granted_amount=_granted_from_proposal(locked),
            starts_on=start,
            ends_on=add_months(start, months),
            created_by=created_by,
        )
        setattr(experiment, f"title_{language}", locked.title)
        setattr(experiment, f"summary_{language}", summary)
        experiment.full_clean()
        experiment.save()
        lead_partner = None
        if locked.organisation_id or locked.organisation_name:
            organisation = locked.organisation
            lead_partner = ExperimentPartner.objects.create(
                experiment=experiment,
                organisation=organisation,
                name=(organisation.name if organisation else locked.organisation_name)[:300],
                role=PartnerRole.LEAD_PARTNER,
                contact_email=locked.created_by.email,
            )
        if locked.partner.strip() and (lead_partner is None or lead_partner.name != locked.partner.strip()):
            ExperimentPartner.objects.create(experiment=experiment, name=locked.partner.strip()[:300])
        ExperimentMember.objects.create(
            experiment=experiment, user=locked.created_by, role=MemberRole.LEAD, partner=lead_partner
        )
        for co_applicant in locked.co_applicants.filter(
            status=CoApplicantStatus.ACCEPTED, user__isnull=False
        ):
            ExperimentMember.objects.get_or_create(
                experiment=experiment, user=co_applicant.user, defaults={"role": MemberRole.TEAM}
            )
    return experiment


def experiment_update(*, experiment: Experiment, updated_by: User, **changes: Any) -> Experiment:
    """Change the experiment's description and schedule (leads and managers); the grant, publicity and
    responsible unit only the city's managers may change."""
    access = experiment_access(user=updated_by, experiment=experiment)
    if not access.can_manage:
        raise PermissionDeniedError(
            _("Only the experiment's leads and the city's programme managers can do this.")
        )
    allowed = MANAGER_EDITABLE_FIELDS if access.is_city_manager else LEAD_EDITABLE_FIELDS
    refused = sorted(set(changes) - allowed)
    if refused:
        if set(refused) <= MANAGER_EDITABLE_FIELDS:
            raise PermissionDeniedError(
                _("Only the city's programme managers can change the grant or publicity.")
            )
        raise ApplicationError(_("Unknown field: %(fields)s") % {"fields": ", ".join(refused)})
    owner_unit = changes.get("owner_unit")
    if owner_unit is not None and owner_unit.tenant_city_id != experiment.city_id:
        raise ApplicationError(_("The responsible unit must belong to the same city."), field="owner_unit")
    for name, value in changes.items():
        setattr(
            experiment, name, value.strip() if isinstance(value, str) and name.startswith("title_") else value
        )
    if not (experiment.title_fi or experiment.title_sv or experiment.title_en):
        raise ApplicationError(_("Give the experiment a title in at least one language."), field="title_fi")
    _check_dates(experiment.starts_on, experiment.ends_on)
    experiment.full_clean()
    experiment.save()
    return experiment


def experiment_transition(*, experiment: Experiment, to_status: str, changed_by: User) -> Experiment:
    """Move the experiment along planned → running → completed (or cancelled); managers and leads."""
    require_manage(changed_by, experiment)
    with transaction.atomic():
        locked = Experiment.objects.select_for_update().get(pk=experiment.pk)
        if to_status not in EXPERIMENT_TRANSITIONS.get(locked.status, set()):
            raise ApplicationError(
                _("An experiment that is “%(current)s” cannot become “%(target)s”.")
                % {"current": locked.get_status_display(), "target": to_status},
                code="invalid_transition",
            )
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
    experiment.status = to_status
    return experiment


# --- People ---------------------------------------------------------------------------------------------


def member_add(
    *, experiment: Experiment, user: User, role: str, added_by: User, partner: ExperimentPartner | None = None
) -> ExperimentMember:
    require_manage(added_by, experiment)
    if role not in MemberRole.values:
        raise ApplicationError(_("Choose a role."), field="role")
    if partner is not None and partner.experiment_id != experiment.pk:
        raise ApplicationError(_("The partner organisation is not part of this experiment."), field="partner")
    if ExperimentMember.objects.filter(experiment=experiment, user=user).exists():
        raise ApplicationError(_("%(person)s is already a member.") % {"person": user}, field="user")
    return ExperimentMember.objects.create(experiment=experiment, user=user, role=role, partner=partner)


def member_change_role(*, member: ExperimentMember, role: str, changed_by: User) -> ExperimentMember:
    require_manage(changed_by, member.experiment)
    if role not in MemberRole.values:
        raise ApplicationError(_("Choose a role."), field="role")
    lost_lead = member.role == MemberRole.LEAD and role != MemberRole.LEAD
    if lost_lead:
        _require_another_lead(member)
    with transaction.atomic():
        member.role = role
        member.save(update_fields=["role", "updated_at"])
        if lost_lead:
            # A lead sees every group's content; as anything else, only their own groups'.
            access_changed(experiment=member.experiment, user_ids=[member.user_id])
    return member


def _require_another_lead(member: ExperimentMember) -> None:
    """An experiment created from a proposal keeps at least one lead; the city's managers can always act."""
    others = ExperimentMember.objects.filter(
        experiment_id=member.experiment_id, role=MemberRole.LEAD
    ).exclude(pk=member.pk)
    if member.experiment.proposal_id and not others.exists():
        raise ApplicationError(_("The experiment must keep at least one lead."), code="last_lead")


def member_remove(*, member: ExperimentMember, removed_by: User) -> None:
    """Remove a person (members may also leave themselves). Their group memberships go with them."""
    if removed_by.pk != member.user_id:
        require_manage(removed_by, member.experiment)
    if member.role == MemberRole.LEAD:
        _require_another_lead(member)
    with transaction.atomic():
        member.delete()
        access_changed(experiment=member.experiment, user_ids=[member.user_id])


def _group_names(name_fi: str, name_sv: str, name_en: str) -> tuple[str, str, str]:
    names = (name_fi.strip(), name_sv.strip(), name_en.strip())
    if not any(names):
        raise ApplicationError(_("Give the group a name in at least one language."), field="name_fi")
    return names


def group_create(
    *,
    experiment: Experiment,
    created_by: User,
    name_fi: str = "",
    name_sv: str = "",
    name_en: str = "",
    description: str = "",
) -> ParticipantGroup:
    require_manage(created_by, experiment)
    name_fi, name_sv, name_en = _group_names(name_fi, name_sv, name_en)
    group = ParticipantGroup(
        experiment=experiment, name_fi=name_fi, name_sv=name_sv, name_en=name_en, description=description
    )
    group.full_clean()
    group.save()
    return group


def group_update(
    *,
    group: ParticipantGroup,
    updated_by: User,
    name_fi: str,
    name_sv: str,
    name_en: str,
    description: str,
    members: list[ExperimentMember] | None = None,
) -> ParticipantGroup:
    """Rename the group and, when `members` is given, make exactly those people its members."""
    require_manage(updated_by, group.experiment)
    group.name_fi, group.name_sv, group.name_en = _group_names(name_fi, name_sv, name_en)
    group.description = description
    group.full_clean()
    with transaction.atomic():
        group.save()
        if members is not None:
            group_set_members(group=group, members=members, changed_by=updated_by)
    return group


def group_delete(*, group: ParticipantGroup, deleted_by: User) -> None:
    """Delete a group. Content addressed to it goes with it (it was never visible to anyone else)."""
    require_manage(deleted_by, group.experiment)
    group.delete()


def group_set_members(
    *, group: ParticipantGroup, members: list[ExperimentMember], changed_by: User
) -> ParticipantGroup:
    require_manage(changed_by, group.experiment)
    if any(member.experiment_id != group.experiment_id for member in members):
        raise ApplicationError(
            _("Only the experiment's members can be added to its groups."), field="members"
        )
    with transaction.atomic():
        before = set(group.members.values_list("user_id", flat=True))
        group.members.set(members)
        access_changed(experiment=group.experiment, user_ids=before - {member.user_id for member in members})
    return group


def group_add_member(*, group: ParticipantGroup, member: ExperimentMember, added_by: User) -> None:
    require_manage(added_by, group.experiment)
    if member.experiment_id != group.experiment_id:
        raise ApplicationError(
            _("Only the experiment's members can be added to its groups."), field="members"
        )
    group.members.add(member)


def group_remove_member(*, group: ParticipantGroup, member: ExperimentMember, removed_by: User) -> None:
    require_manage(removed_by, group.experiment)
    with transaction.atomic():
        group.members.remove(member)
        access_changed(experiment=group.experiment, user_ids=[member.user_id])


def invitation_create(
    *,
    experiment: Experiment,
    invited_by: User,
    email: str,
    role: str = MemberRole.TESTER,
    group: ParticipantGroup | None = None,
    message: str = "",
) -> Invitation:
    """Invite a person by e-mail; the link to accept is sent after commit in the inviter's language."""
    require_manage(invited_by, experiment)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError(_("Enter a valid e-mail address."), field="email") from None
    if role not in MemberRole.values:
        raise ApplicationError(_("Choose a role."), field="role")
    if group is not None and group.experiment_id != experiment.pk:
        raise ApplicationError(_("The group is not part of this experiment."), field="group")
    if (
        ExperimentMember.objects.filter(experiment=experiment, user__email__iexact=email).exists()
        and group is None
    ):
        raise ApplicationError(_("%(email)s is already a member.") % {"email": email}, field="email")
    if ExperimentMember.objects.filter(experiment=experiment).count() >= MAX_MEMBERS_PER_EXPERIMENT:
        raise ApplicationError(_("The experiment has reached its maximum number of members."), field="email")
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    try:
        with transaction.atomic():
            invitation = Invitation(
                experiment=experiment,
                email=email,
                role=role,
                group=group,
                message=message,
                invited_by=invited_by,
                language=language if language in LANGUAGE_CODES else "fi",
            )
            invitation.full_clean(validate_constraints=False)
            invitation.save()
            enqueue("kokeilu.experiments.tasks.send_invitation", invitation_id=invitation.pk)
    except IntegrityError:
        raise ApplicationError(
            _("%(email)s already has an invitation waiting for an answer.") % {"email": email}, field="email"
        ) from None
    return invitation


def invitation_accept(*, invitation: Invitation, user: User) -> ExperimentMember:
    """Join the experiment with the invited role (and group). A person who is already a member keeps
    their role and is added to the group."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("experiment").get(pk=invitation.pk)
        if locked.status != InvitationStatus.PENDING:
            raise ApplicationError(
                _("This invitation has already been answered or withdrawn."), code="invitation_closed"
            )
        member, _created = ExperimentMember.objects.get_or_create(
            experiment=locked.experiment, user=user, defaults={"role": locked.role}
        )
        if locked.group_id:
            member.groups.add(locked.group_id)
        locked.status = InvitationStatus.ACCEPTED
        locked.accepted_by = user
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "accepted_by", "answered_at", "updated_at"])
    invitation.status = locked.status
    return member


def invitation_revoke(*, invitation: Invitation, revoked_by: User) -> Invitation:
    require_manage(revoked_by, invitation.experiment)
    updated = Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.REVOKED, answered_at=timezone.now(), updated_at=timezone.now()
    )
    if not updated:
        raise ApplicationError(
            _("This invitation has already been answered or withdrawn."), code="invitation_closed"
        )
    invitation.refresh_from_db()
    return invitation


def partner_add(
    *,
    experiment: Experiment,
    added_by: User,
    name: str,
    role: str = PartnerRole.PARTNER,
    organisation: Organisation | None = None,
    contact_email: str = "",
) -> ExperimentPartner:
    require_manage(added_by, experiment)
    name = (name or (organisation.name if organisation else "")).strip()
    if not name:
        raise ApplicationError(_("Give the partner organisation's name."), field="name")
    if ExperimentPartner.objects.filter(experiment=experiment, name__iexact=name).exists():
        raise ApplicationError(_("%(name)s is already a partner.") % {"name": name}, field="name")
    partner = ExperimentPartner(
        experiment=experiment, organisation=organisation, name=name, role=role, contact_email=contact_email
    )
    partner.full_clean()
    partner.save()
    return partner


def partner_update(
    *, partner: ExperimentPartner, updated_by: User, name: str, role: str, contact_email: str = ""
) -> ExperimentPartner:
    require_manage(updated_by, partner.experiment)
    partner.name, partner.role, partner.contact_email = name.strip(), role, contact_email
    try:
        partner.full_clean()
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages), field="name") from None
    partner.save()
    return partner


def partner_remove(*, partner: ExperimentPartner, removed_by: User) -> None:
    """Remove a partner organisation; one that has accepted an agreement stays on record."""
    require_manage(removed_by, partner.experiment)
    try:
        with transaction.atomic():
            partner.delete()
    except ProtectedError:
        raise ApplicationError(
            _("%(name)s has accepted the experiment's agreement, so it stays on record.")
            % {"name": partner.name},
            code="partner_protected",
        ) from None


def member_set_partner(
    *, member: ExperimentMember, partner: ExperimentPartner | None, changed_by: User
) -> ExperimentMember:
    """Make the member a representative of a partner organisation (or of none)."""
    require_manage(changed_by, member.experiment)
    if partner is not None and partner.experiment_id != member.experiment_id:
        raise ApplicationError(_("The partner organisation is not part of this experiment."), field="partner")
    member.partner = partner
    member.save(update_fields=["partner", "updated_at"])
    return member
