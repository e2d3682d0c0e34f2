"""What analytics needs to know about people from the accounts app, as frozen data; read-only."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from kokeilu.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from kokeilu.accounts.selectors import user_city_ids_with_role


@dataclass(frozen=True)
class AnalyticsRoles:
    analyst_city_ids: frozenset[int]
    data_protection_city_ids: frozenset[int]
    is_site_admin: bool


@dataclass(frozen=True)
class City:
    id: int
    name: str


def analytics_roles(user: User | AnonymousUser) -> AnalyticsRoles:
    """The cities where the user is an analyst or a data protection officer (through the city or a unit)."""
    if not user.is_authenticated:
        return AnalyticsRoles(frozenset(), frozenset(), False)
    return AnalyticsRoles(
        user_city_ids_with_role(user, Role.ANALYST),
        user_city_ids_with_role(user, Role.DATA_PROTECTION_OFFICER),
        bool(user.is_superuser),
    )


def cities(ids: frozenset[int] | set[int]) -> list[City]:
    return [
        City(id=pk, name=name)
        for pk, name in Organisation.objects.filter(pk__in=ids, kind=OrganisationKind.CITY)
        .order_by("name")
        .values_list("pk", "name")
    ]


def city_exists(city_id: int) -> bool:
    return Organisation.objects.filter(pk=city_id, kind=OrganisationKind.CITY).exists()


def analytics_member_ids(city_ids: frozenset[int] | set[int]) -> list[int]:
    """Users who are analysts or data protection officers of the cities (or of their units)."""
    return list(
        Membership.objects.filter(
            Q(organisation_id__in=city_ids) | Q(organisation__city_id__in=city_ids),
            role__in=[Role.ANALYST, Role.DATA_PROTECTION_OFFICER],
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
