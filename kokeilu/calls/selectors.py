from django.db.models import Q, QuerySet
from django.utils import timezone

from kokeilu.accounts.selectors import AnyUser, user_can_manage_city, user_managed_city_ids

from .models import Call


def call_list_public() -> QuerySet[Call]:
    """Calls anyone may see: published, on a public platform."""
    return (
        Call.objects.filter(
            published_at__isnull=False, published_at__lte=timezone.now(), platform__is_public=True
        )
        .select_related("platform", "platform__city")
        .order_by("-closes_at", "id")
    )


def call_list_open() -> QuerySet[Call]:
    now = timezone.now()
    return call_list_public().filter(opens_at__lte=now, closes_at__gt=now)


def call_list_managed_by(*, user: AnyUser) -> QuerySet[Call]:
    return (
        Call.objects.filter(platform__city_id__in=user_managed_city_ids(user))
        .select_related("platform", "platform__city")
        .order_by("-opens_at", "id")
    )


def call_get_visible(*, user: AnyUser, slug: str) -> Call | None:
    """A published call, or a draft for the managers of its city. None means 404."""
    # Related lists (criteria, needs, ...) are left to the page: a page served from the cache needs
    # only this one query.
    call = Call.objects.select_related("platform", "platform__city").filter(slug=slug).first()
    if call is None:
        return None
    if user_can_manage_city(user, call.platform.city_id):
        return call
    if call.published_at is not None and call.published_at <= timezone.now() and call.platform.is_public:
        return call
    return None


def call_get_managed(*, user: AnyUser, slug: str) -> Call | None:
    call = call_get_visible(user=user, slug=slug)
    if call is None or not user_can_manage_city(user, call.platform.city_id):
        return None
    return call


def call_search(queryset: QuerySet[Call], text: str) -> QuerySet[Call]:
    text = text.strip()[:200]
    if not text:
        return queryset
    return queryset.filter(
        Q(title_fi__icontains=text) | Q(title_sv__icontains=text) | Q(title_en__icontains=text)
    )
