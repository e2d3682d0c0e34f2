"""An experiment's phases and their stage gates.

The state machine (models.PHASE_TRANSITIONS): a phase is upcoming, then current, then done. At most one
phase is current (a partial unique index where the database has them, and `phase_advance` under a row lock
on the experiment). The experiment leaves its current phase only when every required gate question of it
has an answer.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import ApplicationError
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.services import require_manage, require_team

from ..models import (
    PHASE_TRANSITIONS,
    GateAnswer,
    GateQuestion,
    GateVisibility,
    Phase,
    PhaseState,
    PhaseTemplate,
)
from .common import check_direction, only_known, require_one_language, strip_texts

PHASE_FIELDS = frozenset(
    {
        "name_fi",
        "name_sv",
        "name_en",
        "description_fi",
        "description_sv",
        "description_en",
        "starts_on",
        "ends_on",
    }
)
QUESTION_FIELDS = frozenset({"text_fi", "text_sv", "text_en", "visibility", "is_required"})
MAX_PHASES = 20
MAX_QUESTIONS_PER_PHASE = 20


def _lock_experiment(experiment: Experiment) -> None:
    """Serialise phase changes of one experiment (a row lock on PostgreSQL; SQLite locks the database)."""
    Experiment.objects.select_for_update().filter(pk=experiment.pk).first()


def _check_dates(starts_on: datetime.date | None, ends_on: datetime.date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ApplicationError(_("A phase cannot end before it starts."), field="ends_on")


def _move_to(phase: Phase, state: str, now: datetime.datetime) -> None:
    if state not in PHASE_TRANSITIONS[phase.state]:
        raise ApplicationError(
            _("A phase cannot go from “%(from)s” to “%(to)s”.")
            % {"from": phase.get_state_display(), "to": PhaseState(state).label},
            code="invalid_transition",
        )
    phase.state = state
    if state == PhaseState.CURRENT:
        phase.started_at = now
    elif state == PhaseState.DONE:
        phase.completed_at = now
    phase.save(update_fields=["state", "started_at", "completed_at", "updated_at"])


def spread_dates(
    starts_on: datetime.date, ends_on: datetime.date, count: int
) -> list[tuple[datetime.date, datetime.date]]:
    """Split starts_on..ends_on (both included) into `count` consecutive spans of nearly equal length."""
    total = (ends_on - starts_on).days + 1
    spans = []
    for index in range(count):
        first = starts_on + datetime.timedelta(days=index * total // count)
        last = starts_on + datetime.timedelta(days=(index + 1) * total // count - 1)
        spans.append((first, max(first, last)))
    return spans


def phase_apply_template(*, experiment: Experiment, template: PhaseTemplate, applied_by: User) -> list[Phase]:
    """Replace the experiment's phases with copies of the template's phases and gate questions, dated over
    the experiment's starts_on..ends_on; the first phase becomes current. Allowed until a phase is done
    or a gate question has been answered."""
    require_manage(applied_by, experiment)
    if template.city_id is not None and template.city_id != experiment.city_id:
        raise ApplicationError(_("Choose a built-in template or one of the city's own."), field="template")
    template_phases = list(template.phases.prefetch_related("questions").order_by("position", "pk"))
    if not template_phases:
        raise ApplicationError(_("The template has no phases."), field="template")
    now = timezone.now()
    with transaction.atomic():
        _lock_experiment(experiment)
        existing = Phase.objects.filter(experiment=experiment)
        if (
            existing.filter(state=PhaseState.DONE).exists()
            or GateAnswer.objects.filter(question__phase__experiment=experiment).exists()
        ):
            raise ApplicationError(
                _("The phases have already been worked on: a template can no longer replace them."),
                field="template",
                code="phases_in_use",
            )
        existing.delete()
        phases = []
        spans = spread_dates(experiment.starts_on, experiment.ends_on, len(template_phases))
        for position, (source, (first, last)) in enumerate(zip(template_phases, spans, strict=True), start=1):
            phase = Phase.objects.create(
                experiment=experiment,
                template=template,
                position=position,
                name_fi=source.name_fi,
                name_sv=source.name_sv,
                name_en=source.name_en,
                description_fi=source.description_fi,
                description_sv=source.description_sv,
                description_en=source.description_en,
                starts_on=first,
                ends_on=last,
                state=PhaseState.CURRENT if position == 1 else PhaseState.UPCOMING,
                started_at=now if position == 1 else None,
            )
            GateQuestion.objects.bulk_create(
                GateQuestion(
                    phase=phase,
                    position=question.position,
                    text_fi=question.text_fi,
                    text_sv=question.text_sv,
                    text_en=question.text_en,
                    visibility=question.visibility,
                    is_required=question.is_required,
                )
                for question in source.questions.all()
            )
            phases.append(phase)
    return phases


def phase_advance(*, experiment: Experiment, advanced_by: User) -> Phase | None:
    """Complete the current phase and start the next one (or start the first upcoming phase when none is
    current). Returns the new current phase, or None when the last phase was completed. Refused while a
    required gate question of the current phase has no answer."""
    require_manage(advanced_by, experiment)
    now = timezone.now()
    with transaction.atomic():
        _lock_experiment(experiment)
        phases = list(Phase.objects.filter(experiment=experiment).order_by("position", "pk"))
        if not phases:
            raise ApplicationError(_("The experiment has no phases yet."), code="no_phases")
        current = next((phase for phase in phases if phase.state == PhaseState.CURRENT), None)
        if current is not None:
            unanswered = list(
                GateQuestion.objects.filter(phase=current, is_required=True, answer__isnull=True).order_by(
                    "position", "pk"
                )
            )
            if unanswered:
                raise ApplicationError(
                    _("Answer every required gate question of “%(phase)s” first: %(questions)s")
                    % {"phase": current.name, "questions": "; ".join(str(q.text) for q in unanswered)},
                    code="gate_unanswered",
                )
            _move_to(current, PhaseState.DONE, now)
        upcoming = [
            phase
            for phase in phases
            if phase.state == PhaseState.UPCOMING and (current is None or phase.position >= current.position)
        ]
        if current is None and not upcoming:
            raise ApplicationError(_("Every phase is already done."), code="all_done")
        following = upcoming[0] if upcoming else None
        if following is not None:
            _move_to(following, PhaseState.CURRENT, now)
    return following


def phase_create(*, experiment: Experiment, created_by: User, **fields: Any) -> Phase:
    """Add an upcoming phase at the end."""
    require_manage(created_by, experiment)
    only_known(fields, PHASE_FIELDS)
    fields = strip_texts(fields)
    require_one_language(fields, "name", _("Give the phase a name in at least one language."))
    _check_dates(fields.get("starts_on"), fields.get("ends_on"))
    with transaction.atomic():
        _lock_experiment(experiment)
        phases = Phase.objects.filter(experiment=experiment)
        if phases.count() >= MAX_PHASES:
            raise ApplicationError(
                _("An experiment can have at most %(count)d phases.") % {"count": MAX_PHASES}
            )
        last = phases.aggregate(last=Max("position"))["last"] or 0
        phase = Phase(experiment=experiment, position=last + 1, state=PhaseState.UPCOMING, **fields)
        phase.full_clean()
        phase.save()
    return phase


def phase_update(*, phase: Phase, updated_by: User, **fields: Any) -> Phase:
    """Rename, describe or re-date a phase (in any state)."""
    require_manage(updated_by, phase.experiment)
    only_known(fields, PHASE_FIELDS)
    for name, value in strip_texts(fields).items():
        setattr(phase, name, value)
    require_one_language(vars(phase), "name", _("Give the phase a name in at least one language."))
    _check_dates(phase.starts_on, phase.ends_on)
    phase.full_clean()
    phase.save()
    return phase


def phase_move(*, phase: Phase, moved_by: User, direction: str) -> None:
    """Swap an upcoming phase with the upcoming phase before or after it. Phases that have started keep
    their place, so the order always reads done → current → upcoming."""
    require_manage(moved_by, phase.experiment)
    step = check_direction(direction)
    with transaction.atomic():
        _lock_experiment(phase.experiment)
        phases = list(Phase.objects.filter(experiment_id=phase.experiment_id).order_by("position", "pk"))
        index = next(i for i, row in enumerate(phases) if row.pk == phase.pk)
        other = index + step
        if not 0 <= other < len(phases):
            return
        if phases[index].state != PhaseState.UPCOMING or phases[other].state != PhaseState.UPCOMING:
            raise ApplicationError(
                _("Only upcoming phases can be moved, and not before a phase that has started."),
                code="phase_started",
            )
        phases[index], phases[other] = phases[other], phases[index]
        for position, row in enumerate(phases, start=1):
            if row.position != position:
                row.position = position
                row.save(update_fields=["position", "updated_at"])


def phase_delete(*, phase: Phase, deleted_by: User) -> None:
    """Remove an upcoming phase (with its gate questions); a current or done phase stays."""
    require_manage(deleted_by, phase.experiment)
    with transaction.atomic():
        _lock_experiment(phase.experiment)
        phase.refresh_from_db(fields=["state"])
        if phase.state != PhaseState.UPCOMING:
            raise ApplicationError(_("Only upcoming phases can be deleted."), code="phase_started")
        experiment_id = phase.experiment_id
        phase.delete()
        for position, row in enumerate(
            Phase.objects.filter(experiment_id=experiment_id).order_by("position", "pk"), start=1
        ):
            if row.position != position:
                row.position = position
                row.save(update_fields=["position", "updated_at"])


def _require_open(phase: Phase) -> None:
    if phase.state == PhaseState.DONE:
        raise ApplicationError(_("The phase is done: its gate can no longer change."), code="phase_done")


def gate_question_add(
    *,
    phase: Phase,
    added_by: User,
    text_fi: str = "",
    text_sv: str = "",
    text_en: str = "",
    visibility: str = GateVisibility.PUBLIC,
    is_required: bool = True,
) -> GateQuestion:
    require_manage(added_by, phase.experiment)
    _require_open(phase)
    fields = strip_texts({"text_fi": text_fi, "text_sv": text_sv, "text_en": text_en})
    require_one_language(fields, "text", _("Write the question in at least one language."))
    if visibility not in GateVisibility.values:
        raise ApplicationError(_("Choose who may see the answer."), field="visibility")
    with transaction.atomic():
        _lock_experiment(phase.experiment)
        if phase.gate_questions.count() >= MAX_QUESTIONS_PER_PHASE:
            raise ApplicationError(
                _("A phase can have at most %(count)d questions.") % {"count": MAX_QUESTIONS_PER_PHASE}
            )
        last = phase.gate_questions.aggregate(last=Max("position"))["last"] or 0
        question = GateQuestion(
            phase=phase, position=last + 1, visibility=visibility, is_required=is_required, **fields
        )
        question.full_clean()
        question.save()
    return question


def gate_question_update(*, question: GateQuestion, updated_by: User, **fields: Any) -> GateQuestion:
    """Reword a gate question, or change who sees its answer or whether it is required, while its phase
    is not done (managers and leads). An answer already given stays with the question."""
    phase = question.phase
    require_manage(updated_by, phase.experiment)
    only_known(fields, QUESTION_FIELDS)
    fields = strip_texts(fields)
    if "visibility" in fields and fields["visibility"] not in GateVisibility.values:
        raise ApplicationError(_("Choose who may see the answer."), field="visibility")
    with transaction.atomic():
        _lock_experiment(phase.experiment)
        phase.refresh_from_db(fields=["state"])
        _require_open(phase)
        for name, value in fields.items():
            setattr(question, name, value)
        require_one_language(vars(question), "text", _("Write the question in at least one language."))
        question.full_clean()
        question.save()
    return question


def gate_question_delete(*, question: GateQuestion, deleted_by: User) -> None:
    """Remove a gate question (and its answer) while its phase is not done."""
    require_manage(deleted_by, question.phase.experiment)
    _require_open(question.phase)
    question.delete()


def gate_answer_save(*, question: GateQuestion, answered_by: User, text: str) -> GateAnswer:
    """Answer a gate question, or change the answer, while its phase is not done. The answer records who
    wrote it last and when."""
    phase = question.phase
    require_team(answered_by, phase.experiment)
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Write an answer."), field="text")
    with transaction.atomic():
        _lock_experiment(phase.experiment)
        phase.refresh_from_db(fields=["state"])
        _require_open(phase)
        answer = GateAnswer.objects.filter(question=question).first() or GateAnswer(question=question)
        answer.text = text
        answer.answered_by = answered_by
        answer.answered_at = timezone.now()
        answer.full_clean()
        answer.save()
    return answer
