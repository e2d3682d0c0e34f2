"""Who may do what, written once. Every view, API endpoint and export asks these functions."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from .models import Membership, Organisation, OrganisationKind, Role, User

AnyUser = User | AnonymousUser


def _role_city_pairs(user: AnyUser) -> list[tuple[str, int]]:
    """(role, city id) for every membership of the user, loaded once per request and kept on the user."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_kokeilu_role_cities", None)
    if cached is not None:
        return cached
    rows = Membership.objects.filter(user_id=user.pk).values_list(
        "role", "organisation__kind", "organisation_id", "organisation__city_id"
    )
    pairs: list[tuple[str, int]] = []
    for role, kind, org_id, city_id in rows:
        city = org_id if kind == OrganisationKind.CITY else city_id
        if city is not None:
            pairs.append((role, city))
    setattr(user, "_kokeilu_role_cities", pairs)  # noqa: B010 - a per-request cache on the user
    return pairs


def _city_ids_with_role(user: AnyUser, role: str) -> set[int]:
    return {city for member_role, city in _role_city_pairs(user) if member_role == role}


def user_city_ids_with_role(user: AnyUser, role: str) -> frozenset[int]:
    """Cities where the user holds `role` through the city itself or one of its units and schools."""
    return frozenset(_city_ids_with_role(user, role))


def user_managed_city_ids(user: AnyUser) -> set[int]:
    """Cities whose programmes the user manages (site administrators manage every city)."""
    if user.is_authenticated and user.is_superuser:
        return set(Organisation.objects.filter(kind=OrganisationKind.CITY).values_list("id", flat=True))
    return _city_ids_with_role(user, Role.PROGRAMME_MANAGER)


def user_can_manage_city(user: AnyUser, city_id: int | None) -> bool:
    if not user.is_authenticated or city_id is None:
        return False
    return user.is_superuser or city_id in _city_ids_with_role(user, Role.PROGRAMME_MANAGER)


def user_is_manager_anywhere(user: AnyUser) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or _city_ids_with_role(user, Role.PROGRAMME_MANAGER))
    )


def user_reviewer_city_ids(user: AnyUser) -> set[int]:
    return _city_ids_with_role(user, Role.REVIEWER)


def reviewer_candidates_for_city(*, city_id: int) -> QuerySet[User]:
    """People a manager can assign as reviewers in a city: its reviewers and programme managers."""
    return (
        User.objects.filter(
            Q(memberships__organisation_id=city_id) | Q(memberships__organisation__city_id=city_id),
            memberships__role__in=[Role.REVIEWER, Role.PROGRAMME_MANAGER],
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def user_is_city_staff(user: AnyUser, city_id: int) -> bool:
    """Staff of a city: any membership in the city or one of its units and schools."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        Q(organisation_id=city_id) | Q(organisation__city_id=city_id), user=user
    ).exists()


def user_organisations(user: AnyUser) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct().order_by("name")


def reviewer_candidates_signature(*, city_id: int) -> tuple[object, ...]:
    """Changes whenever the city's reviewer roles do: a cache key part for rendered reviewer lists."""
    from django.db.models import Count, Max

    memberships = Membership.objects.filter(
        Q(organisation_id=city_id) | Q(organisation__city_id=city_id),
        role__in=[Role.REVIEWER, Role.PROGRAMME_MANAGER],
    ).aggregate(changed=Max("updated_at"), count=Count("id"))
    return (city_id, memberships["changed"], memberships["count"])
