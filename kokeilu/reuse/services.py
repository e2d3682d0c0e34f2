"""Reusing a published learning: a programme manager copies it into one of the city's development needs
or calls in preparation, or starts a new draft development need from it.

The rules, written once (the learning page and the API both call `learning_reuse`):
- Only published learnings (public learnings of approved reports, `published_learning_get`) are reused.
- Only the programme managers of the target's city (and site administrators) may reuse into a target;
  the reusing city is the target's city. Managers of the learning's own city may reuse it too.
- A call takes in learnings while it is a draft (not yet published); a development need while it is a
  draft or published (`REUSABLE_NEED_STATUSES`). Anything else is refused with a translated error.
- One learning goes into one target once. A second attempt is refused, not repeated silently: the
  description would otherwise get the same block twice, and the manager should know it is already there.
- Reusing appends a clearly marked block to the target's description in each language the learning has
  a statement in: the statement, the evidence, the source city and experiment, and the learning page's
  path (/<lang>/reports/learnings/<pk>/). A new need is a draft titled with the statement.

The targets are changed through `calls.services` and `platforms.services`, so their rules apply too.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.accounts.selectors import user_can_manage_city
from kokeilu.calls.models import Call, CallPhase
from kokeilu.calls.services import call_update
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.models import LANGUAGE_CODES
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform
from kokeilu.platforms.services import need_create, need_update
from kokeilu.reports.models import Learning
from kokeilu.reports.selectors import published_learning_get

from .models import REUSABLE_NEED_STATUSES, LearningReuse

NEED_TITLE_LENGTH = 200


def learning_languages(learning: Learning) -> list[str]:
    """The languages the learning has a statement in, in the order fi, sv, en."""
    return [code for code in LANGUAGE_CODES if getattr(learning, f"statement_{code}")]


def reuse_block(*, learning: Learning, language: str) -> str:
    """The text that reusing appends to a description in `language` (the learning must have a statement in
    it): marked at both ends, with the statement, the evidence, where it was learned and the page's path."""
    experiment = learning.report.experiment
    with translation.override(language):
        lines = [
            _("[Reused learning from %(city)s]") % {"city": experiment.city.name},
            getattr(learning, f"statement_{language}"),
        ]
        if learning.evidence.strip():
            lines.append(_("Evidence: %(evidence)s") % {"evidence": learning.evidence.strip()})
        lines += [
            _("Source: %(city)s, experiment “%(experiment)s”")
            % {"city": experiment.city.name, "experiment": experiment.title},
            _("Learning page: %(path)s") % {"path": reverse("reports:learning", kwargs={"pk": learning.pk})},
            _("[End of the reused learning]"),
        ]
    return "\n".join(lines)


def _appended(description: str, block: str) -> str:
    description = description.rstrip()
    return f"{description}\n\n{block}" if description else block


def _descriptions(target: Call | DevelopmentNeed, learning: Learning) -> dict[str, Any]:
    return {
        f"description_{code}": _appended(
            getattr(target, f"description_{code}"), reuse_block(learning=learning, language=code)
        )
        for code in learning_languages(learning)
    }


def _need_title(statement: str) -> str:
    if len(statement) <= NEED_TITLE_LENGTH:
        return statement
    return statement[: NEED_TITLE_LENGTH - 1].rstrip() + "…"


def _check_manager(user: User, city_id: int) -> None:
    if not user_can_manage_city(user, city_id):
        raise PermissionDeniedError()


def _published(learning: Learning) -> Learning:
    published = published_learning_get(pk=learning.pk)
    if published is None:
        raise ApplicationError(_("Only published learnings can be reused."), code="not_published")
    return published


def _refuse_second_time(exists: bool) -> None:
    if exists:
        raise ApplicationError(_("This learning has already been copied there."), code="already_reused")


def _record(
    *,
    learning: Learning,
    city_id: int,
    reused_by: User,
    need: DevelopmentNeed | None = None,
    call: Call | None = None,
) -> LearningReuse:
    reuse = LearningReuse(learning=learning, city_id=city_id, need=need, call=call, created_by=reused_by)
    reuse.full_clean()
    try:
        with transaction.atomic():
            reuse.save()
    except IntegrityError as error:  # the same reuse committed by someone else a moment ago
        raise ApplicationError(
            _("This learning has already been copied there."), code="already_reused"
        ) from error
    return reuse


@transaction.atomic
def learning_reuse_into_call(*, learning: Learning, call: Call, reused_by: User) -> LearningReuse:
    """Append the learning to a draft call's descriptions and record the reuse."""
    _check_manager(reused_by, call.platform.city_id)
    learning = _published(learning)
    # Locked, so that two reuses at once both end up in the description.
    call = Call.objects.select_for_update().select_related("platform").get(pk=call.pk)
    if call.phase != CallPhase.DRAFT:
        raise ApplicationError(
            _("Learnings can be copied only into a call that is still a draft; this call is published."),
            code="call_not_draft",
        )
    _refuse_second_time(LearningReuse.objects.filter(learning=learning, call=call).exists())
    call_update(call=call, updated_by=reused_by, **_descriptions(call, learning))
    return _record(learning=learning, city_id=call.platform.city_id, reused_by=reused_by, call=call)


@transaction.atomic
def learning_reuse_into_need(*, learning: Learning, need: DevelopmentNeed, reused_by: User) -> LearningReuse:
    """Append the learning to a draft or published development need's descriptions and record the
    reuse."""
    _check_manager(reused_by, need.platform.city_id)
    learning = _published(learning)
    need = DevelopmentNeed.objects.select_for_update().select_related("platform").get(pk=need.pk)
    if need.status not in REUSABLE_NEED_STATUSES:
        raise ApplicationError(
            _("Learnings can be copied only into a development need that is a draft or published."),
            code="need_closed",
        )
    _refuse_second_time(LearningReuse.objects.filter(learning=learning, need=need).exists())
    need_update(need=need, updated_by=reused_by, **_descriptions(need, learning))
    return _record(learning=learning, city_id=need.platform.city_id, reused_by=reused_by, need=need)


@transaction.atomic
def learning_reuse_into_new_need(*, learning: Learning, platform: Platform, reused_by: User) -> LearningReuse:
    """Start a new draft development need on the platform from the learning: titled with its statement
    in each of its languages, described by the reuse block."""
    _check_manager(reused_by, platform.city_id)
    learning = _published(learning)
    titles: dict[str, Any] = {
        f"title_{code}": _need_title(getattr(learning, f"statement_{code}")) for code in LANGUAGE_CODES
    }
    # The Finnish title is required: a learning without a Finnish statement lends another language's.
    title_fi = titles.pop("title_fi") or _need_title(
        next(getattr(learning, f"statement_{code}") for code in learning_languages(learning))
    )
    need = need_create(
        created_by=reused_by,
        platform=platform,
        title_fi=title_fi,
        status=NeedStatus.DRAFT,
        **titles,
        **_descriptions(DevelopmentNeed(), learning),
    )
    return _record(learning=learning, city_id=platform.city_id, reused_by=reused_by, need=need)


def learning_reuse(
    *,
    learning: Learning,
    reused_by: User,
    need: DevelopmentNeed | None = None,
    call: Call | None = None,
    new_need_platform: Platform | None = None,
) -> LearningReuse:
    """Reuse the learning into exactly one of: an existing need, a draft call, or a new draft need on a
    platform. What the page and the API call."""
    given = [target for target in (need, call, new_need_platform) if target is not None]
    if len(given) != 1:
        raise ApplicationError(
            _("Choose exactly one development need or call to copy the learning into."), code="one_target"
        )
    if need is not None:
        return learning_reuse_into_need(learning=learning, need=need, reused_by=reused_by)
    if call is not None:
        return learning_reuse_into_call(learning=learning, call=call, reused_by=reused_by)
    assert new_need_platform is not None
    return learning_reuse_into_new_need(learning=learning, platform=new_need_platform, reused_by=reused_by)
