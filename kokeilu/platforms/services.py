from django.db import transaction
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Organisation, User
from kokeilu.accounts.selectors import user_can_manage_city
from kokeilu.calls.services import calls_of_need_touch
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.slugs import unique_slug

from .models import NEED_TRANSITIONS, DevelopmentNeed, NeedStatus, Platform, Theme


def platform_create(*, created_by: User, city: Organisation, name_fi: str, **fields: object) -> Platform:
    if not user_can_manage_city(created_by, city.pk):
        raise PermissionDeniedError()
    member_organisations = fields.pop("member_organisations", None)
    platform = Platform(
        city=city, name_fi=name_fi, slug=unique_slug(Platform.objects.all(), "slug", name_fi), **fields
    )
    platform.full_clean()
    platform.save()
    if member_organisations is not None:
        platform.member_organisations.set(member_organisations)  # type: ignore[arg-type]
    return platform


def _check_owning_unit(platform: Platform, owning_unit: object) -> None:
    """A need belongs to the platform's city itself or one of its units and schools."""
    if owning_unit is None:
        return
    if not isinstance(owning_unit, Organisation) or owning_unit.tenant_city_id != platform.city_id:
        raise ApplicationError(_("Choose the city or one of its units."), field="owning_unit")


@transaction.atomic
def need_create(
    *,
    created_by: User,
    platform: Platform,
    title_fi: str,
    themes: list[Theme] | None = None,
    status: str = NeedStatus.DRAFT,
    **fields: object,
) -> DevelopmentNeed:
    """Create a need as a draft and move it on to `status` (e.g. published): both or neither."""
    if not user_can_manage_city(created_by, platform.city_id):
        raise PermissionDeniedError()
    _check_owning_unit(platform, fields.get("owning_unit"))
    need = DevelopmentNeed(platform=platform, title_fi=title_fi, **fields)
    need.full_clean()
    need.save()
    if themes:
        need.themes.set(themes)
    if status != need.status:
        need_set_status(need=need, status=status, changed_by=created_by)
    return need


@transaction.atomic
def need_update(
    *, need: DevelopmentNeed, updated_by: User, themes: list[Theme] | None = None, **fields: object
) -> DevelopmentNeed:
    if not user_can_manage_city(updated_by, need.platform.city_id):
        raise PermissionDeniedError()
    if "owning_unit" in fields:
        _check_owning_unit(need.platform, fields["owning_unit"])
    status = fields.pop("status", None)
    for name, value in fields.items():
        setattr(need, name, value)
    if status is not None and status != need.status:
        need_set_status(need=need, status=str(status), changed_by=updated_by, save=False)
    need.full_clean()
    need.save()
    if themes is not None:
        need.themes.set(themes)
    # Calls show the titles of the needs they answer.
    calls_of_need_touch(need_id=need.pk)
    return need


def need_set_status(
    *, need: DevelopmentNeed, status: str, changed_by: User, save: bool = True
) -> DevelopmentNeed:
    if not user_can_manage_city(changed_by, need.platform.city_id):
        raise PermissionDeniedError()
    if status not in NEED_TRANSITIONS.get(need.status, set()):
        raise ApplicationError(
            _("A need cannot move from “%(old)s” to “%(new)s”.")
            % {"old": NeedStatus(need.status).label, "new": NeedStatus(status).label},
            field="status",
        )
    need.status = status
    if save:
        need.save(update_fields=["status", "updated_at"])
    return need
