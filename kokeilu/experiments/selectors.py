"""Who may see and do what in an experiment's workspace, written once.

Every page, API endpoint, export and feed of the workspace apps (planning, funding, agreements, events,
materials, updates, surveys) asks `experiment_access` and filters content with `audience_filter`.

- The city's programme managers and site administrators manage every experiment of the city.
- A member with the lead role manages the workspace with them.
- Team members and partner representatives work in it (the "team").
- Testers see the experiment, and what is addressed to everyone in it or to a group they belong to.
- Anyone else sees a public experiment's public face only; a non-public experiment does not exist for them.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from kokeilu.accounts.selectors import AnyUser, user_can_manage_city, user_managed_city_ids

from .models import Audience, Experiment, ExperimentMember, Invitation, MemberRole, ParticipantGroup


@dataclass(frozen=True)
class ExperimentAccess:
    """What one person may do in one experiment."""

    experiment_id: int
    is_city_manager: bool = False
    role: str | None = None
    group_ids: frozenset[int] = field(default_factory=frozenset)
    is_public: bool = False

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def can_manage(self) -> bool:
        """Change the experiment itself, its people, groups and every piece of content."""
        return self.is_city_manager or self.role == MemberRole.LEAD

    @property
    def is_team(self) -> bool:
        """Work in the workspace: plan, money, materials, posts, events, surveys."""
        return self.can_manage or self.role in (MemberRole.TEAM, MemberRole.PARTNER)

    @property
    def can_view(self) -> bool:
        """See the workspace (members and managers)."""
        return self.can_manage or self.is_member

    @property
    def can_see_public_face(self) -> bool:
        return self.can_view or self.is_public


def experiment_access(*, user: AnyUser, experiment: Experiment) -> ExperimentAccess:
    """The person's rights in the experiment; cached on the experiment object for the request."""
    cache: dict[int | None, ExperimentAccess] = experiment.__dict__.setdefault("_access_cache", {})
    key = user.pk if user.is_authenticated else None
    if key in cache:
        return cache[key]
    is_manager = user_can_manage_city(user, experiment.city_id)
    role: str | None = None
    group_ids: frozenset[int] = frozenset()
    if user.is_authenticated:
        member = ExperimentMember.objects.filter(experiment=experiment, user_id=user.pk).first()
        if member is not None:
            role = member.role
            group_ids = frozenset(member.groups.values_list("id", flat=True))
    access = ExperimentAccess(
        experiment_id=experiment.pk,
        is_city_manager=is_manager,
        role=role,
        group_ids=group_ids,
        is_public=experiment.is_public,
    )
    cache[key] = access
    return access


def audience_filter(access: ExperimentAccess, *, prefix: str = "") -> Q:
    """The rows of AudienceFields content the person may see (use with the experiment already filtered).

    Leads and managers see everything; members see what is addressed to everyone in the experiment, to
    the public, and to their own groups; others see public content only (of a public experiment)."""
    if access.can_manage:
        return Q()
    public = Q(**{f"{prefix}audience": Audience.PUBLIC})
    if not access.can_view:
        return public if access.is_public else Q(pk__in=[])
    return (
        public
        | Q(**{f"{prefix}audience": Audience.EXPERIMENT})
        | Q(**{f"{prefix}audience": Audience.GROUP, f"{prefix}group_id__in": access.group_ids})
    )


def experiment_list_visible(*, user: AnyUser) -> QuerySet[Experiment]:
    """Experiments whose workspace the person may open: those of the cities they manage and those they
    are a member of."""
    base = Experiment.objects.select_related("city", "call")
    if not user.is_authenticated:
        return base.none()
    condition = Q(members__user_id=user.pk)
    managed = user_managed_city_ids(user)
    if managed:
        condition |= Q(city_id__in=managed)
    return base.filter(condition).distinct()


def experiment_list_public() -> QuerySet[Experiment]:
    return Experiment.objects.select_related("city").filter(is_public=True)


def experiment_get(*, slug: str) -> Experiment | None:
    return (
        Experiment.objects.select_related("city", "call", "platform", "proposal", "owner_unit")
        .filter(slug=slug)
        .first()
    )


def member_list(*, experiment: Experiment) -> QuerySet[ExperimentMember]:
    return (
        ExperimentMember.objects.filter(experiment=experiment)
        .select_related("user", "partner")
        .prefetch_related("groups")
    )


def roster_visible(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> list[ExperimentMember]:
    """The members the person may see on the roster: everyone for the team; for testers, the people
    running the experiment, the members of their own groups, and themselves."""
    members = list(member_list(experiment=experiment))
    if access.is_team:
        return members
    return [
        member
        for member in members
        if member.role != MemberRole.TESTER
        or member.user_id == user.pk
        or access.group_ids & {group.pk for group in member.groups.all()}
    ]


def group_list(*, experiment: Experiment, access: ExperimentAccess) -> QuerySet[ParticipantGroup]:
    """The groups the person may see: all of them for the team, their own groups for testers."""
    groups = ParticipantGroup.objects.filter(experiment=experiment)
    if not access.is_team:
        groups = groups.filter(pk__in=access.group_ids)
    return groups


def invitation_list(*, experiment: Experiment) -> QuerySet[Invitation]:
    return Invitation.objects.filter(experiment=experiment).select_related("group", "invited_by")


def invitation_get_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("experiment", "group").filter(token=token).first()


def can_manage_city_experiments(*, user: AnyUser, city_id: int) -> bool:
    return user_can_manage_city(user, city_id)
