from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.accounts.selectors import user_can_manage_city
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.slugs import unique_slug
from kokeilu.platforms.models import DevelopmentNeed, Platform, Theme

from .models import ApplicantKind, Call, CallQuestion, Criterion


def _check_call_fields(call: Call, needs: Iterable[DevelopmentNeed] | None) -> None:
    unknown = [kind for kind in call.eligibility if kind not in ApplicantKind.values]
    if unknown:
        raise ApplicationError(
            _("Unknown applicant kind: %(kinds)s") % {"kinds": ", ".join(unknown)}, field="eligibility"
        )
    if not call.eligibility:
        raise ApplicationError(_("Choose at least one kind of applicant."), field="eligibility")
    if call.opens_at and call.closes_at and call.opens_at >= call.closes_at:
        raise ApplicationError(_("The deadline must be after the opening time."), field="closes_at")
    if call.closes_at and call.review_ends_at and call.review_ends_at < call.closes_at:
        raise ApplicationError(_("Review must end after the deadline."), field="review_ends_at")
    if call.review_ends_at and call.decision_ends_at and call.decision_ends_at < call.review_ends_at:
        raise ApplicationError(_("Decisions must come after the review."), field="decision_ends_at")
    if call.duration_min_months > call.duration_max_months:
        raise ApplicationError(
            _("The shortest duration cannot exceed the longest."), field="duration_max_months"
        )
    if needs is not None:
        for need in needs:
            if need.platform_id != call.platform_id:
                raise ApplicationError(_("A call can only answer needs of its own platform."), field="needs")


@transaction.atomic
def call_create(
    *,
    created_by: User,
    platform: Platform,
    title_fi: str,
    needs: Iterable[DevelopmentNeed] | None = None,
    themes: Iterable[Theme] | None = None,
    **fields: Any,
) -> Call:
    """Create a draft call on a platform the user manages."""
    if not user_can_manage_city(created_by, platform.city_id):
        raise PermissionDeniedError()
    slug = unique_slug(Call.objects.all(), "slug", title_fi, fallback="call")
    call = Call(
        platform=platform,
        title_fi=title_fi,
        slug=slug,
        created_by=created_by,
        **fields,
    )
    needs = list(needs or [])
    _check_call_fields(call, needs)
    call.full_clean()
    call.save()
    call.needs.set(needs)
    call.themes.set(list(themes or []))
    return call


@transaction.atomic
def call_update(
    *,
    call: Call,
    updated_by: User,
    needs: Iterable[DevelopmentNeed] | None = None,
    themes: Iterable[Theme] | None = None,
    **fields: Any,
) -> Call:
    if not user_can_manage_city(updated_by, call.platform.city_id):
        raise PermissionDeniedError()
    call = Call.objects.select_for_update().get(pk=call.pk)
    deadline_passed = call.published_at is not None and call.closes_at <= timezone.now()
    if deadline_passed and "closes_at" in fields and fields["closes_at"] != call.closes_at:
        raise ApplicationError(_("The deadline has passed and can no longer be changed."), field="closes_at")
    for name, value in fields.items():
        setattr(call, name, value)
    needs_list = list(needs) if needs is not None else None
    _check_call_fields(call, needs_list)
    call.full_clean()
    call.save()
    if needs_list is not None:
        call.needs.set(needs_list)
    if themes is not None:
        call.themes.set(list(themes))
    return call


def call_publish(*, call: Call, published_by: User) -> Call:
    """Publish a draft: from now on its dates decide its phase."""
    if not user_can_manage_city(published_by, call.platform.city_id):
        raise PermissionDeniedError()
    if call.published_at is not None:
        raise ApplicationError(_("The call is already published."), code="already_published")
    if not call.criteria.exists():
        raise ApplicationError(
            _("Add at least one evaluation criterion before publishing."), code="no_criteria"
        )
    call.published_at = timezone.now()
    call.save(update_fields=["published_at", "updated_at"])
    return call


def criterion_save(
    *, call: Call, saved_by: User, criterion: Criterion | None = None, **fields: Any
) -> Criterion:
    if not user_can_manage_city(saved_by, call.platform.city_id):
        raise PermissionDeniedError()
    if call.phase_at() not in ("draft", "scheduled", "open"):
        raise ApplicationError(_("Criteria cannot be changed once the review has started."))
    criterion = criterion or Criterion(call=call)
    for name, value in fields.items():
        setattr(criterion, name, value)
    criterion.full_clean()
    criterion.save()
    call_activity_touch(call_id=call.pk)  # the public call page lists the criteria
    return criterion


def criterion_delete(*, criterion: Criterion, deleted_by: User) -> None:
    if not user_can_manage_city(deleted_by, criterion.call.platform.city_id):
        raise PermissionDeniedError()
    if criterion.call.phase_at() not in ("draft", "scheduled", "open"):
        raise ApplicationError(_("Criteria cannot be changed once the review has started."))
    criterion.delete()
    call_activity_touch(call_id=criterion.call_id)


def question_save(
    *, call: Call, saved_by: User, question: CallQuestion | None = None, **fields: Any
) -> CallQuestion:
    if not user_can_manage_city(saved_by, call.platform.city_id):
        raise PermissionDeniedError()
    if call.published_at is not None and call.phase_at() not in ("scheduled",):
        raise ApplicationError(_("Questions cannot be changed after the call has opened."))
    question = question or CallQuestion(call=call)
    for name, value in fields.items():
        setattr(question, name, value)
    question.full_clean()
    question.save()
    return question


def question_delete(*, question: CallQuestion, deleted_by: User) -> None:
    if not user_can_manage_city(deleted_by, question.call.platform.city_id):
        raise PermissionDeniedError()
    if question.call.published_at is not None and question.call.phase_at() != "scheduled":
        raise ApplicationError(_("Questions cannot be changed after the call has opened."))
    question.delete()


def call_activity_touch(*, call_id: int) -> None:
    """Tell page caches that something shown on the call's pages changed.

    Runs inside the caller's transaction, so a rolled-back change leaves the version alone."""
    Call.objects.filter(pk=call_id).update(activity_version=F("activity_version") + 1)


def calls_of_need_touch(*, need_id: int) -> None:
    Call.objects.filter(needs__id=need_id).update(activity_version=F("activity_version") + 1)
