from django.db.models import Prefetch, QuerySet

from kokeilu.accounts.selectors import AnyUser, user_can_manage_city, user_managed_city_ids

from .models import DevelopmentNeed, NeedStatus, Platform


def platform_list_public() -> QuerySet[Platform]:
    return (
        Platform.objects.filter(is_public=True)
        .select_related("city")
        .prefetch_related(
            Prefetch(
                "needs",
                queryset=DevelopmentNeed.objects.filter(status=NeedStatus.PUBLISHED).prefetch_related(
                    "themes"
                ),
                to_attr="published_needs",
            )
        )
        .order_by("name_fi")
    )


def platform_list_managed_by(*, user: AnyUser) -> QuerySet[Platform]:
    return (
        Platform.objects.filter(city_id__in=user_managed_city_ids(user))
        .select_related("city")
        .order_by("name_fi")
    )


def platform_get_visible(*, user: AnyUser, slug: str) -> Platform | None:
    platform = Platform.objects.select_related("city").filter(slug=slug).first()
    if platform is None:
        return None
    if platform.is_public or user_can_manage_city(user, platform.city_id):
        return platform
    return None


def need_list_visible(*, user: AnyUser, platform: Platform | None = None) -> QuerySet[DevelopmentNeed]:
    """Published needs for everyone; drafts and archived needs only for the city's managers."""
    needs = DevelopmentNeed.objects.select_related("platform", "owning_unit").prefetch_related("themes")
    if platform is not None:
        needs = needs.filter(platform=platform)
    managed = user_managed_city_ids(user)
    if managed:
        from django.db.models import Q

        return needs.filter(
            Q(status=NeedStatus.PUBLISHED, platform__is_public=True) | Q(platform__city_id__in=managed)
        )
    return needs.filter(status=NeedStatus.PUBLISHED, platform__is_public=True)
