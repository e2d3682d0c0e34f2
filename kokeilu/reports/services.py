"""Writes for final reports. Every function checks who may do it, validates, and changes the rows in one
transaction with the report row locked, so a submission and an edit cannot cross.

- The team (access.is_team) writes the draft: summary, decision, learnings, quotes and measures. The
  first write starts the report.
- Only a draft can be changed. A submitted report waits for the city's programme managers
  (access.is_city_manager), who approve it (publishing it) or return it for changes with a comment.
- An approved report cannot be changed at all; publishing a corrected version would be future work.
- A quote is public only with recorded consent (how and when); the database refuses it too.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.experiments.models import Experiment, ExperimentStatus
from kokeilu.experiments.selectors import experiment_access
from kokeilu.experiments.services import require_team
from kokeilu.platforms.models import Theme

from .models import (
    REPORT_TRANSITIONS,
    FinalReport,
    Learning,
    Measure,
    NextStep,
    Quote,
    ReportState,
    Visibility,
)

MAX_LEARNINGS = 50
MAX_QUOTES = 50
MAX_MEASURES = 50
MAX_TAGS = 10
MAX_TAG_LENGTH = 40
# A report can be finished (submitted) once the experiment has ended.
SUBMITTABLE_EXPERIMENT_STATUSES = {ExperimentStatus.COMPLETED, ExperimentStatus.CANCELLED}
VALUE_LIMIT = Decimal("999999999999.99")


def _require_city_manager(user: User, experiment: Experiment) -> None:
    if not experiment_access(user=user, experiment=experiment).is_city_manager:
        raise PermissionDeniedError(_("Only the city's programme managers can approve or return a report."))


def _refuse_unless_draft(report: FinalReport) -> None:
    if report.state == ReportState.APPROVED:
        raise ApplicationError(
            _("The report has been approved and published; it can no longer be changed."),
            code="approved",
        )
    if report.state == ReportState.SUBMITTED:
        raise ApplicationError(
            _("The report is waiting for approval; it can be changed once it has been returned."),
            code="submitted",
        )


def _draft_for_writing(experiment: Experiment, user: User) -> FinalReport:
    """The experiment's report locked for this transaction, started as a draft if it is missing.
    Call inside transaction.atomic after require_team."""
    if experiment.status == ExperimentStatus.PLANNED:
        raise ApplicationError(
            _("The final report can be written once the experiment has started."), code="not_started"
        )
    Experiment.objects.select_for_update().filter(pk=experiment.pk).first()
    report = FinalReport.objects.select_for_update().filter(experiment=experiment).first()
    if report is None:
        report = FinalReport(experiment=experiment, created_by=user)
        report.full_clean()
        report.save()
    report.experiment = experiment
    _refuse_unless_draft(report)
    return report


def _locked_draft(report: FinalReport) -> FinalReport:
    locked = FinalReport.objects.select_for_update().get(pk=report.pk)
    locked.experiment = report.experiment
    _refuse_unless_draft(locked)
    return locked


def _text(value: str | None, *, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ApplicationError(
            _("Use at most %(limit)s characters.") % {"limit": limit}, field=field, code="too_long"
        )
    return value


def _transition(report: FinalReport, to_state: str) -> None:
    if to_state not in REPORT_TRANSITIONS[report.state]:
        raise ApplicationError(
            _("A report in the state “%(state)s” cannot be moved to “%(to)s”.")
            % {"state": report.get_state_display(), "to": ReportState(to_state).label},
            code="invalid_transition",
        )
    report.state = to_state


# --- The report itself ----------------------------------------------------------------------------------


def report_start(*, experiment: Experiment, started_by: User) -> FinalReport:
    """The experiment's report, started as an empty draft if there is none yet (the team)."""
    require_team(started_by, experiment)
    existing = FinalReport.objects.filter(experiment=experiment).first()
    if existing is not None:
        existing.experiment = experiment
        return existing
    with transaction.atomic():
        report = FinalReport.objects.select_for_update().filter(experiment=experiment).first()
        if report is None:
            if experiment.status == ExperimentStatus.PLANNED:
                raise ApplicationError(
                    _("The final report can be written once the experiment has started."),
                    code="not_started",
                )
            report = FinalReport(experiment=experiment, created_by=started_by)
            report.full_clean()
            report.save()
    report.experiment = experiment
    return report


def report_update(
    *,
    experiment: Experiment,
    updated_by: User,
    summary_fi: str = "",
    summary_sv: str = "",
    summary_en: str = "",
    next_step: str = "",
    next_step_owner_name: str = "",
    next_step_owner_user: User | None = None,
    next_step_reason: str = "",
) -> FinalReport:
    """Save the summary and the decision on what next (the team, draft only). Every field is given again;
    the report may stay incomplete until it is submitted."""
    require_team(updated_by, experiment)
    if next_step and next_step not in NextStep.values:
        raise ApplicationError(_("Choose what happens next from the list."), field="next_step")
    fields = {
        "summary_fi": _text(summary_fi, field="summary_fi", limit=8000),
        "summary_sv": _text(summary_sv, field="summary_sv", limit=8000),
        "summary_en": _text(summary_en, field="summary_en", limit=8000),
        "next_step": next_step or "",
        "next_step_owner_name": _text(next_step_owner_name, field="next_step_owner_name", limit=200),
        "next_step_reason": _text(next_step_reason, field="next_step_reason", limit=4000),
    }
    with transaction.atomic():
        report = _draft_for_writing(experiment, updated_by)
        for name, value in fields.items():
            setattr(report, name, value)
        report.next_step_owner_user = next_step_owner_user
        if next_step_owner_user is not None and not fields["next_step_owner_name"]:
            report.next_step_owner_name = (
                next_step_owner_user.get_full_name() or next_step_owner_user.username
            )
        report.full_clean()
        report.save()
    return report


def _check_complete(report: FinalReport) -> None:
    if not (report.summary_fi or report.summary_sv or report.summary_en):
        raise ApplicationError(_("Write the summary in at least one language."), field="summary_fi")
    if not report.next_step:
        raise ApplicationError(_("Choose what happens next."), field="next_step")
    if not report.next_step_owner_name:
        raise ApplicationError(_("Name who owns the next step."), field="next_step_owner_name")
    if not report.next_step_reason:
        raise ApplicationError(_("Give the reason for the decision."), field="next_step_reason")
    if not report.learnings.exists():
        raise ApplicationError(_("Add at least one learning."), code="no_learnings")


def report_submit(*, experiment: Experiment, submitted_by: User) -> FinalReport:
    """Send the draft to the city's programme managers for approval (the team). Refused unless the
    experiment has ended and the report has a summary, a decision with owner and reason, and a learning."""
    require_team(submitted_by, experiment)
    with transaction.atomic():
        report = FinalReport.objects.select_for_update().filter(experiment=experiment).first()
        if report is None:
            raise ApplicationError(_("Write the report before submitting it."), code="no_report")
        report.experiment = experiment
        _refuse_unless_draft(report)
        if experiment.status not in SUBMITTABLE_EXPERIMENT_STATUSES:
            raise ApplicationError(
                _("The report can be submitted once the experiment has been completed or cancelled."),
                code="experiment_not_ended",
            )
        _check_complete(report)
        _transition(report, ReportState.SUBMITTED)
        report.submitted_by = submitted_by
        report.submitted_at = timezone.now()
        report.full_clean()
        report.save()
    return report


def _review_target(report: FinalReport, reviewer: User) -> FinalReport:
    _require_city_manager(reviewer, report.experiment)
    locked = FinalReport.objects.select_for_update().get(pk=report.pk)
    locked.experiment = report.experiment
    if locked.state != ReportState.SUBMITTED:
        raise ApplicationError(
            _("Only a submitted report can be approved or returned."), code="invalid_transition"
        )
    return locked


def report_approve(*, report: FinalReport, approved_by: User, comment: str = "") -> FinalReport:
    """Approve a submitted report (the city's programme managers). This publishes it: see
    kokeilu.reports.models for what becomes public."""
    comment = _text(comment, field="comment", limit=4000)
    with transaction.atomic():
        locked = _review_target(report, approved_by)
        _transition(locked, ReportState.APPROVED)
        locked.approved_by = approved_by
        locked.approved_at = timezone.now()
        locked.manager_comment = comment
        locked.full_clean()
        locked.save()
    return locked


def report_return(*, report: FinalReport, returned_by: User, comment: str) -> FinalReport:
    """Return a submitted report to the team for changes, saying what to change (the city's managers)."""
    comment = _text(comment, field="comment", limit=4000)
    if not comment:
        raise ApplicationError(_("Tell the team what to change."), field="comment")
    with transaction.atomic():
        locked = _review_target(report, returned_by)
        _transition(locked, ReportState.DRAFT)
        locked.returned_by = returned_by
        locked.returned_at = timezone.now()
        locked.manager_comment = comment
        locked.full_clean()
        locked.save()
    return locked


# --- Learnings ------------------------------------------------------------------------------------------


def _clean_tags(tags: Any) -> list[str]:
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = tags.split(",")
    if not isinstance(tags, list | tuple):
        raise ApplicationError(_("Give the tags as a list of words."), field="tags")
    cleaned: list[str] = []
    for tag in tags:
        if not isinstance(tag, str):
            raise ApplicationError(_("Give the tags as a list of words."), field="tags")
        tag = " ".join(tag.split()).lower()
        if not tag or tag in cleaned:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ApplicationError(
                _("Use at most %(limit)s characters in each tag.") % {"limit": MAX_TAG_LENGTH}, field="tags"
            )
        cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ApplicationError(_("Give at most %(limit)s tags.") % {"limit": MAX_TAGS}, field="tags")
    return cleaned


def _learning_fields(
    statement_fi: str,
    statement_sv: str,
    statement_en: str,
    evidence: str,
    theme: Theme | None,
    tags: Any,
    visibility: str,
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "statement_fi": _text(statement_fi, field="statement_fi", limit=300),
        "statement_sv": _text(statement_sv, field="statement_sv", limit=300),
        "statement_en": _text(statement_en, field="statement_en", limit=300),
        "evidence": _text(evidence, field="evidence", limit=4000),
        "theme": theme,
        "tags": _clean_tags(tags),
        "visibility": visibility,
    }
    if not (fields["statement_fi"] or fields["statement_sv"] or fields["statement_en"]):
        raise ApplicationError(_("Write the learning in at least one language."), field="statement_fi")
    if not fields["evidence"]:
        raise ApplicationError(_("Say what the learning is based on."), field="evidence")
    if visibility not in Visibility.values:
        raise ApplicationError(_("Choose who may see this."), field="visibility")
    return fields


def _next_position(
    model: type[Learning | Quote | Measure], report: FinalReport, limit: int, message: str
) -> int:
    """The position of a new row of the report's learnings, quotes or measures; refused past `limit`."""
    count = model.objects.filter(report=report).count()
    if count >= limit:
        raise ApplicationError(message % {"limit": limit})
    return count + 1


def learning_create(
    *,
    experiment: Experiment,
    created_by: User,
    statement_fi: str = "",
    statement_sv: str = "",
    statement_en: str = "",
    evidence: str = "",
    theme: Theme | None = None,
    tags: Any = None,
    visibility: str = Visibility.PUBLIC,
) -> Learning:
    """Add a learning to the draft (the team); starts the report if needed."""
    require_team(created_by, experiment)
    fields = _learning_fields(statement_fi, statement_sv, statement_en, evidence, theme, tags, visibility)
    with transaction.atomic():
        report = _draft_for_writing(experiment, created_by)
        position = _next_position(
            Learning, report, MAX_LEARNINGS, _("A report can have at most %(limit)s learnings.")
        )
        learning = Learning(report=report, position=position, **fields)
        learning.full_clean()
        learning.save()
    return learning


def learning_update(
    *,
    learning: Learning,
    updated_by: User,
    statement_fi: str = "",
    statement_sv: str = "",
    statement_en: str = "",
    evidence: str = "",
    theme: Theme | None = None,
    tags: Any = None,
    visibility: str = Visibility.PUBLIC,
) -> Learning:
    """Change a learning of the draft (the team); every field is given again."""
    require_team(updated_by, learning.report.experiment)
    fields = _learning_fields(statement_fi, statement_sv, statement_en, evidence, theme, tags, visibility)
    with transaction.atomic():
        _locked_draft(learning.report)
        for name, value in fields.items():
            setattr(learning, name, value)
        learning.full_clean()
        learning.save()
    return learning


def learning_delete(*, learning: Learning, deleted_by: User) -> None:
    require_team(deleted_by, learning.report.experiment)
    with transaction.atomic():
        _locked_draft(learning.report)
        Learning.objects.filter(pk=learning.pk).delete()


# --- Quotes ---------------------------------------------------------------------------------------------


def _quote_fields(
    text: str, speaker: str, consent_recorded: bool, consent_method: str, visibility: str
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "text": _text(text, field="text", limit=2000),
        "speaker": _text(speaker, field="speaker", limit=200),
        "consent_recorded": bool(consent_recorded),
        "consent_method": _text(consent_method, field="consent_method", limit=300),
        "visibility": visibility,
    }
    if not fields["text"]:
        raise ApplicationError(_("Write what was said."), field="text")
    if not fields["speaker"]:
        raise ApplicationError(
            _("Describe who said it, e.g. “pupil, 9th grade” (not a name without consent)."), field="speaker"
        )
    if visibility not in Visibility.values:
        raise ApplicationError(_("Choose who may see this."), field="visibility")
    if fields["consent_recorded"] and not fields["consent_method"]:
        raise ApplicationError(_("Say how the consent was given."), field="consent_method")
    if visibility == Visibility.PUBLIC and not fields["consent_recorded"]:
        raise ApplicationError(
            _("A quote can be published only when the person's consent has been recorded."),
            field="visibility",
            code="no_consent",
        )
    return fields


def _apply_consent(quote: Quote, fields: dict[str, Any], user: User) -> None:
    """Record when and by whom consent was recorded; withdrawing it clears the record."""
    had_consent = quote.consent_recorded
    for name, value in fields.items():
        setattr(quote, name, value)
    if quote.consent_recorded and not had_consent:
        quote.consent_recorded_at = timezone.now()
        quote.consent_recorded_by = user
    elif not quote.consent_recorded:
        quote.consent_method = ""
        quote.consent_recorded_at = None
        quote.consent_recorded_by = None


def quote_create(
    *,
    experiment: Experiment,
    created_by: User,
    text: str,
    speaker: str,
    consent_recorded: bool = False,
    consent_method: str = "",
    visibility: str = Visibility.INTERNAL,
) -> Quote:
    """Add a customer's quote to the draft (the team). Public only with recorded consent."""
    require_team(created_by, experiment)
    fields = _quote_fields(text, speaker, consent_recorded, consent_method, visibility)
    with transaction.atomic():
        report = _draft_for_writing(experiment, created_by)
        position = _next_position(Quote, report, MAX_QUOTES, _("A report can have at most %(limit)s quotes."))
        quote = Quote(report=report, position=position)
        _apply_consent(quote, fields, created_by)
        quote.full_clean()
        quote.save()
    return quote


def quote_update(
    *,
    quote: Quote,
    updated_by: User,
    text: str,
    speaker: str,
    consent_recorded: bool = False,
    consent_method: str = "",
    visibility: str = Visibility.INTERNAL,
) -> Quote:
    """Change a quote of the draft (the team); every field is given again."""
    require_team(updated_by, quote.report.experiment)
    fields = _quote_fields(text, speaker, consent_recorded, consent_method, visibility)
    with transaction.atomic():
        _locked_draft(quote.report)
        _apply_consent(quote, fields, updated_by)
        quote.full_clean()
        quote.save()
    return quote


def quote_delete(*, quote: Quote, deleted_by: User) -> None:
    require_team(deleted_by, quote.report.experiment)
    with transaction.atomic():
        _locked_draft(quote.report)
        Quote.objects.filter(pk=quote.pk).delete()


# --- Measures -------------------------------------------------------------------------------------------


def _value(value: Decimal | str | int | float | None, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Enter a number, e.g. 12.5."), field=field) from None
    if not number.is_finite() or abs(number) > VALUE_LIMIT:
        raise ApplicationError(_("Enter a number, e.g. 12.5."), field=field)
    if number != number.quantize(Decimal("0.01")):
        raise ApplicationError(_("Give the number with at most two decimals."), field=field)
    return number.quantize(Decimal("0.01"))


def _measure_fields(
    name: str,
    before_value: Decimal | str | None,
    after_value: Decimal | str | None,
    unit: str,
    note: str,
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "name": _text(name, field="name", limit=200),
        "before_value": _value(before_value, "before_value"),
        "after_value": _value(after_value, "after_value"),
        "unit": _text(unit, field="unit", limit=40),
        "note": _text(note, field="note", limit=2000),
    }
    if not fields["name"]:
        raise ApplicationError(_("Say what was measured."), field="name")
    if fields["before_value"] is None and fields["after_value"] is None:
        raise ApplicationError(_("Give the value before, after, or both."), field="before_value")
    return fields


def measure_create(
    *,
    experiment: Experiment,
    created_by: User,
    name: str,
    before_value: Decimal | str | None = None,
    after_value: Decimal | str | None = None,
    unit: str = "",
    note: str = "",
) -> Measure:
    """Add what was measured before and after (the team)."""
    require_team(created_by, experiment)
    fields = _measure_fields(name, before_value, after_value, unit, note)
    with transaction.atomic():
        report = _draft_for_writing(experiment, created_by)
        position = _next_position(
            Measure, report, MAX_MEASURES, _("A report can have at most %(limit)s measures.")
        )
        measure = Measure(report=report, position=position, **fields)
        measure.full_clean()
        measure.save()
    return measure


def measure_update(
    *,
    measure: Measure,
    updated_by: User,
    name: str,
    before_value: Decimal | str | None = None,
    after_value: Decimal | str | None = None,
    unit: str = "",
    note: str = "",
) -> Measure:
    require_team(updated_by, measure.report.experiment)
    fields = _measure_fields(name, before_value, after_value, unit, note)
    with transaction.atomic():
        _locked_draft(measure.report)
        for field_name, value in fields.items():
            setattr(measure, field_name, value)
        measure.full_clean()
        measure.save()
    return measure


def measure_delete(*, measure: Measure, deleted_by: User) -> None:
    require_team(deleted_by, measure.report.experiment)
    with transaction.atomic():
        _locked_draft(measure.report)
        Measure.objects.filter(pk=measure.pk).delete()
