"""A city's own phase templates, kept by its programme managers. Built-in templates cannot be changed."""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.accounts.selectors import user_can_manage_city
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError

from ..models import GateVisibility, PhaseTemplate, TemplateGateQuestion, TemplatePhase
from .common import check_direction, only_known, require_one_language, strip_texts

TEMPLATE_FIELDS = frozenset(
    {"name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en"}
)
PHASE_FIELDS = TEMPLATE_FIELDS
QUESTION_FIELDS = frozenset({"text_fi", "text_sv", "text_en", "visibility", "is_required"})
MAX_PHASES = 20
MAX_QUESTIONS_PER_PHASE = 20


def _require_template_manager(user: User, template: PhaseTemplate) -> None:
    if template.city_id is None:
        raise PermissionDeniedError(_("The built-in templates cannot be changed."))
    if not user_can_manage_city(user, template.city_id):
        raise PermissionDeniedError(_("Only the city's programme managers can do this."))


def template_create(*, city: Organisation, created_by: User, **fields: Any) -> PhaseTemplate:
    """A new, empty template of the city; add its phases next."""
    if city.kind != OrganisationKind.CITY:
        raise ApplicationError(_("A template belongs to a city."), field="city")
    if not user_can_manage_city(created_by, city.pk):
        raise PermissionDeniedError(_("Only the city's programme managers can do this."))
    only_known(fields, TEMPLATE_FIELDS)
    fields = strip_texts(fields)
    require_one_language(fields, "name", _("Give the template a name in at least one language."))
    template = PhaseTemplate(city=city, created_by=created_by, **fields)
    template.full_clean()
    template.save()
    return template


def template_update(*, template: PhaseTemplate, updated_by: User, **fields: Any) -> PhaseTemplate:
    _require_template_manager(updated_by, template)
    only_known(fields, TEMPLATE_FIELDS)
    fields = strip_texts(fields)
    for name, value in fields.items():
        setattr(template, name, value)
    require_one_language(vars(template), "name", _("Give the template a name in at least one language."))
    template.full_clean()
    template.save()
    return template


def template_delete(*, template: PhaseTemplate, deleted_by: User) -> None:
    """Remove a template; experiments that used it keep their phases."""
    _require_template_manager(deleted_by, template)
    template.delete()


def template_phase_add(*, template: PhaseTemplate, added_by: User, **fields: Any) -> TemplatePhase:
    _require_template_manager(added_by, template)
    only_known(fields, PHASE_FIELDS)
    fields = strip_texts(fields)
    require_one_language(fields, "name", _("Give the phase a name in at least one language."))
    with transaction.atomic():
        PhaseTemplate.objects.select_for_update().get(pk=template.pk)
        if template.phases.count() >= MAX_PHASES:
            raise ApplicationError(_("A template can have at most %(count)d phases.") % {"count": MAX_PHASES})
        last = template.phases.aggregate(last=Max("position"))["last"] or 0
        phase = TemplatePhase(template=template, position=last + 1, **fields)
        phase.full_clean()
        phase.save()
    return phase


def template_phase_update(*, phase: TemplatePhase, updated_by: User, **fields: Any) -> TemplatePhase:
    _require_template_manager(updated_by, phase.template)
    only_known(fields, PHASE_FIELDS)
    for name, value in strip_texts(fields).items():
        setattr(phase, name, value)
    require_one_language(vars(phase), "name", _("Give the phase a name in at least one language."))
    phase.full_clean()
    phase.save()
    return phase


def template_phase_delete(*, phase: TemplatePhase, deleted_by: User) -> None:
    _require_template_manager(deleted_by, phase.template)
    phase.delete()


def template_phase_move(*, phase: TemplatePhase, moved_by: User, direction: str) -> None:
    """Swap the phase with the one before ("up") or after it ("down"); at either end nothing happens."""
    _require_template_manager(moved_by, phase.template)
    step = check_direction(direction)
    with transaction.atomic():
        PhaseTemplate.objects.select_for_update().get(pk=phase.template_id)
        phases = list(TemplatePhase.objects.filter(template_id=phase.template_id).order_by("position", "pk"))
        index = next(i for i, row in enumerate(phases) if row.pk == phase.pk)
        other = index + step
        if 0 <= other < len(phases):
            phases[index], phases[other] = phases[other], phases[index]
        for position, row in enumerate(phases, start=1):
            if row.position != position:
                row.position = position
                row.save(update_fields=["position", "updated_at"])


def template_question_add(
    *,
    phase: TemplatePhase,
    added_by: User,
    text_fi: str = "",
    text_sv: str = "",
    text_en: str = "",
    visibility: str = GateVisibility.PUBLIC,
    is_required: bool = True,
) -> TemplateGateQuestion:
    _require_template_manager(added_by, phase.template)
    fields = strip_texts({"text_fi": text_fi, "text_sv": text_sv, "text_en": text_en})
    require_one_language(fields, "text", _("Write the question in at least one language."))
    if visibility not in GateVisibility.values:
        raise ApplicationError(_("Choose who may see the answer."), field="visibility")
    with transaction.atomic():
        TemplatePhase.objects.select_for_update().get(pk=phase.pk)
        if phase.questions.count() >= MAX_QUESTIONS_PER_PHASE:
            raise ApplicationError(
                _("A phase can have at most %(count)d questions.") % {"count": MAX_QUESTIONS_PER_PHASE}
            )
        last = phase.questions.aggregate(last=Max("position"))["last"] or 0
        question = TemplateGateQuestion(
            phase=phase, position=last + 1, visibility=visibility, is_required=is_required, **fields
        )
        question.full_clean()
        question.save()
    return question


def template_question_update(
    *, question: TemplateGateQuestion, updated_by: User, **fields: Any
) -> TemplateGateQuestion:
    _require_template_manager(updated_by, question.phase.template)
    only_known(fields, QUESTION_FIELDS)
    fields = strip_texts(fields)
    if "visibility" in fields and fields["visibility"] not in GateVisibility.values:
        raise ApplicationError(_("Choose who may see the answer."), field="visibility")
    for name, value in fields.items():
        setattr(question, name, value)
    require_one_language(vars(question), "text", _("Write the question in at least one language."))
    question.full_clean()
    question.save()
    return question


def template_question_delete(*, question: TemplateGateQuestion, deleted_by: User) -> None:
    _require_template_manager(deleted_by, question.phase.template)
    question.delete()
