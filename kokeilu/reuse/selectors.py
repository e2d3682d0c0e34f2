"""Reads of reuses: how often each learning was reused, where, and where a manager could reuse one.

"Where" is public, so it shows a target's title and link only when the target itself is public: a call
published on a public platform (`reports.selectors.call_is_public`) or a published development need on a
public platform. Otherwise only the city and the kind of target are shown ("Helsinki: a call in
preparation"): a draft's title never leaks.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from kokeilu.accounts.selectors import AnyUser, user_managed_city_ids
from kokeilu.calls.models import Call
from kokeilu.calls.selectors import call_list_managed_by
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform
from kokeilu.platforms.selectors import platform_list_managed_by
from kokeilu.reports.models import Learning
from kokeilu.reports.selectors import call_is_public

from .models import REUSABLE_NEED_STATUSES, LearningReuse, TargetKind


def learning_list_with_reuse_count(learnings: QuerySet[Learning]) -> QuerySet[Learning]:
    """The learnings with `reuse_count` annotated (0 when never reused), in the same query."""
    count = (
        LearningReuse.objects.filter(learning_id=OuterRef("pk"))
        .order_by()
        .values("learning_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return learnings.annotate(reuse_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)))


def need_is_public(need: DevelopmentNeed) -> bool:
    """Whether everyone may see the need (as `platforms.selectors.need_list_visible` for anonymous)."""
    return need.status == NeedStatus.PUBLISHED and need.platform.is_public


@dataclass(frozen=True)
class ReusePlace:
    """One reuse of a learning as the public sees it: `title` and `url` are empty unless the target is
    public."""

    city_slug: str
    city_name: str
    kind: str
    title: str
    url: str
    reused_at: datetime

    @property
    def is_public(self) -> bool:
        return bool(self.url)

    @property
    def kind_label(self) -> str:
        return str(TargetKind(self.kind).label)

    @property
    def label(self) -> str:
        """E.g. "Helsinki: Digital help at home" or "Helsinki: a call in preparation"."""
        if self.is_public:
            return f"{self.city_name}: {self.title}"
        if self.kind == TargetKind.CALL:
            return _("%(city)s: a call in preparation") % {"city": self.city_name}
        return _("%(city)s: a development need in preparation") % {"city": self.city_name}


def learning_reuse_places(*, learning_id: int) -> list[ReusePlace]:
    """Where the learning was reused, oldest first, as the public may see it (see the module docstring).
    The caller checks that the learning is published."""
    reuses = LearningReuse.objects.filter(learning_id=learning_id).select_related(
        "city", "need", "need__platform", "call", "call__platform"
    )
    places = []
    for reuse in reuses:
        if reuse.need is not None:
            need = reuse.need
            public = need_is_public(need)
            title, url = str(need.title), reverse("platforms:detail", kwargs={"slug": need.platform.slug})
        else:
            call = reuse.call
            assert call is not None
            public = call_is_public(call)
            title, url = str(call.title), reverse("calls:detail", kwargs={"slug": call.slug})
        places.append(
            ReusePlace(
                city_slug=reuse.city.slug,
                city_name=reuse.city.name,
                kind=reuse.target_kind,
                title=title if public else "",
                url=url if public else "",
                reused_at=reuse.created_at,
            )
        )
    return places


@dataclass(frozen=True)
class ReuseTargets:
    """Where the user could copy a learning: the draft calls and open development needs of the cities
    they manage (those the learning is not in yet) and the platforms to start a new need on."""

    calls: list[Call]
    needs: list[DevelopmentNeed]
    platforms: list[Platform]

    def __bool__(self) -> bool:
        return bool(self.calls or self.needs or self.platforms)


def reuse_targets_for(*, user: AnyUser, learning_id: int) -> ReuseTargets:
    if not user_managed_city_ids(user):
        return ReuseTargets(calls=[], needs=[], platforms=[])
    used = LearningReuse.objects.filter(learning_id=learning_id)
    calls = (
        call_list_managed_by(user=user)
        .filter(published_at__isnull=True)
        .exclude(pk__in=used.filter(call__isnull=False).values("call_id"))
        .order_by("platform__city__name", "title_fi", "pk")
    )
    needs = (
        DevelopmentNeed.objects.filter(
            platform__city_id__in=user_managed_city_ids(user), status__in=REUSABLE_NEED_STATUSES
        )
        .exclude(pk__in=used.filter(need__isnull=False).values("need_id"))
        .select_related("platform", "platform__city")
        .order_by("platform__city__name", "platform__name_fi", "title_fi", "pk")
    )
    platforms = platform_list_managed_by(user=user).order_by("city__name", "name_fi", "pk")
    return ReuseTargets(calls=list(calls), needs=list(needs), platforms=list(platforms))
