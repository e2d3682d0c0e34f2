"""Writes of surveys: building them (team), moving them through their states, and taking answers.

The HTML pages, the shareable link and the API call these same functions, so each rule is written once:
who may build (the team), when questions may change (in draft), who may answer (the survey's audience,
or anyone with the link when the survey is public), and how each answer is validated.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kokeilu.accounts.models import User
from kokeilu.accounts.selectors import AnyUser
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.experiments.models import Audience, Experiment, ParticipantGroup
from kokeilu.experiments.selectors import audience_filter, experiment_access
from kokeilu.experiments.services import require_team

from .models import (
    CHOICE_KINDS,
    SURVEY_TRANSITIONS,
    Answer,
    Question,
    QuestionKind,
    QuestionOption,
    Survey,
    SurveyResponse,
    SurveyState,
    new_link_token,
)

SURVEY_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "intro_fi",
    "intro_sv",
    "intro_en",
    "audience",
    "group",
    "allow_anonymous",
    "one_answer_per_person",
    "closes_at",
)
QUESTION_FIELDS = (
    "kind",
    "position",
    "text_fi",
    "text_sv",
    "text_en",
    "required",
    "scale_max",
    "low_label_fi",
    "low_label_sv",
    "low_label_en",
    "high_label_fi",
    "high_label_sv",
    "high_label_en",
    "min_selections",
    "max_selections",
    "max_length",
)
LANGUAGES = ("fi", "sv", "en")


# --- Surveys -----------------------------------------------------------------------------------------


def _check_survey(survey: Survey, *, closes_at_changed: bool) -> None:
    if not (survey.title_fi or survey.title_sv or survey.title_en):
        raise ApplicationError(_("Give the survey a title in at least one language."), field="title_fi")
    if survey.audience == Audience.GROUP:
        if survey.group is None:
            raise ApplicationError(_("Choose the group the survey is for."), field="group")
        if survey.group.experiment_id != survey.experiment_id:
            raise ApplicationError(_("The group is not in this experiment."), field="group")
    else:
        survey.group = None
    if survey.allow_anonymous and survey.audience != Audience.PUBLIC:
        raise ApplicationError(
            _("Anonymous answers are possible only when the survey is public (anyone with the link)."),
            field="allow_anonymous",
        )
    if not survey.allow_anonymous and not survey.one_answer_per_person:
        raise ApplicationError(
            _("When everyone answering is signed in, each person answers once."),
            field="one_answer_per_person",
        )
    if closes_at_changed and survey.closes_at is not None and survey.closes_at <= timezone.now():
        raise ApplicationError(_("The closing time must be in the future."), field="closes_at")


def survey_create(
    *,
    experiment: Experiment,
    created_by: User,
    title_fi: str = "",
    title_sv: str = "",
    title_en: str = "",
    intro_fi: str = "",
    intro_sv: str = "",
    intro_en: str = "",
    audience: str = Audience.EXPERIMENT,
    group: ParticipantGroup | None = None,
    allow_anonymous: bool = False,
    one_answer_per_person: bool = True,
    closes_at: datetime.datetime | None = None,
) -> Survey:
    """A new draft survey of the experiment (the team only)."""
    require_team(created_by, experiment)
    survey = Survey(
        experiment=experiment,
        created_by=created_by,
        title_fi=title_fi.strip(),
        title_sv=title_sv.strip(),
        title_en=title_en.strip(),
        intro_fi=intro_fi,
        intro_sv=intro_sv,
        intro_en=intro_en,
        audience=audience,
        group=group,
        allow_anonymous=allow_anonymous,
        one_answer_per_person=one_answer_per_person,
        closes_at=closes_at,
    )
    _check_survey(survey, closes_at_changed=True)
    survey.full_clean()
    survey.save()
    return survey


def survey_update(*, survey: Survey, updated_by: User, **fields: Any) -> Survey:
    """Change the given title, introduction, audience and settings (in any state)."""
    require_team(updated_by, survey.experiment)
    unknown = set(fields) - set(SURVEY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown survey fields: {sorted(unknown)}")
    closes_at_changed = "closes_at" in fields and fields["closes_at"] != survey.closes_at
    for name, value in fields.items():
        setattr(survey, name, value.strip() if name.startswith("title_") else value)
    _check_survey(survey, closes_at_changed=closes_at_changed)
    survey.full_clean()
    survey.save()
    return survey


def survey_delete(*, survey: Survey, deleted_by: User) -> None:
    """Delete a draft survey. A survey that has been open keeps its answers: close it instead."""
    require_team(deleted_by, survey.experiment)
    if survey.state != SurveyState.DRAFT:
        raise ApplicationError(_("Only a draft survey can be deleted; close it instead."), code="not_draft")
    survey.delete()


def survey_transition(*, survey: Survey, to_state: str, changed_by: User) -> Survey:
    """Open, close or reopen the survey, as SURVEY_TRANSITIONS allows."""
    require_team(changed_by, survey.experiment)
    if to_state not in SURVEY_TRANSITIONS.get(survey.state, set()):
        raise ApplicationError(
            _("A survey cannot move from “%(from)s” to “%(to)s”.")
            % {"from": survey.get_state_display(), "to": to_state},
            code="invalid_transition",
        )
    if to_state == SurveyState.OPEN:
        questions = list(survey.questions.prefetch_related("options"))
        if not questions:
            raise ApplicationError(_("Add at least one question before opening the survey."), code="empty")
        if survey.is_past_closing_time:
            raise ApplicationError(
                _("The closing time has passed; change it before reopening the survey."), field="closes_at"
            )
        survey.opened_at = survey.opened_at or timezone.now()
        survey.closed_at = None
    else:
        survey.closed_at = timezone.now()
    survey.state = to_state
    survey.save(update_fields=["state", "opened_at", "closed_at", "updated_at"])
    return survey


def survey_open(*, survey: Survey, changed_by: User) -> Survey:
    return survey_transition(survey=survey, to_state=SurveyState.OPEN, changed_by=changed_by)


def survey_close(*, survey: Survey, changed_by: User) -> Survey:
    return survey_transition(survey=survey, to_state=SurveyState.CLOSED, changed_by=changed_by)


def survey_regenerate_link(*, survey: Survey, changed_by: User) -> Survey:
    """Give the survey a new link; the old link (and its QR codes) stop working."""
    require_team(changed_by, survey.experiment)
    survey.token = new_link_token()
    survey.save(update_fields=["token", "updated_at"])
    return survey


# --- Questions ---------------------------------------------------------------------------------------


def _require_draft(survey: Survey) -> None:
    if survey.state != SurveyState.DRAFT:
        raise ApplicationError(
            _("Questions can be changed only while the survey is a draft."), code="not_draft"
        )


def _clean_options(kind: str, options: Sequence[Mapping[str, str]] | None) -> list[dict[str, str]]:
    cleaned = []
    for option in options or []:
        texts = {f"text_{code}": str(option.get(f"text_{code}", "") or "").strip() for code in LANGUAGES}
        if any(texts.values()):
            cleaned.append(texts)
    if kind in CHOICE_KINDS and len(cleaned) < 2:
        raise ApplicationError(_("A choice question needs at least two options."), field="options")
    if kind not in CHOICE_KINDS:
        return []
    return cleaned


def _check_question(question: Question, option_count: int) -> None:
    if not (question.text_fi or question.text_sv or question.text_en):
        raise ApplicationError(_("Write the question in at least one language."), field="text_fi")
    if question.kind not in QuestionKind.values:
        raise ApplicationError(_("Choose the type of the question."), field="kind")
    if question.kind == QuestionKind.MULTIPLE:
        low, high = question.min_selections, question.max_selections
        if low is not None and low < 1:
            raise ApplicationError(
                _("The least number of choices must be at least 1."), field="min_selections"
            )
        if high is not None and not 1 <= high <= option_count:
            raise ApplicationError(
                _("The most choices must be between 1 and the number of options (%(count)s).")
                % {"count": option_count},
                field="max_selections",
            )
        if low is not None and low > (high if high is not None else option_count):
            raise ApplicationError(
                _("The least number of choices cannot exceed the most choices."), field="min_selections"
            )
    else:
        question.min_selections = None
        question.max_selections = None


def _save_options(question: Question, options: list[dict[str, str]]) -> None:
    question.options.all().delete()
    QuestionOption.objects.bulk_create(
        QuestionOption(question=question, position=index, **texts) for index, texts in enumerate(options, 1)
    )


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    added_by: User,
    kind: str,
    options: Sequence[Mapping[str, str]] | None = None,
    **fields: Any,
) -> Question:
    """Add a question (with its options, for a choice question) to a draft survey."""
    require_team(added_by, survey.experiment)
    _require_draft(survey)
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown question fields: {sorted(unknown)}")
    if fields.get("position") is None:
        highest = survey.questions.aggregate(highest=Max("position"))["highest"] or 0
        fields["position"] = highest + 1
    cleaned_options = _clean_options(kind, options)
    question = Question(survey=survey, kind=kind, **{k: v for k, v in fields.items() if v is not None})
    for code in LANGUAGES:
        setattr(question, f"text_{code}", getattr(question, f"text_{code}").strip())
    question.min_selections = fields.get("min_selections")
    question.max_selections = fields.get("max_selections")
    _check_question(question, len(cleaned_options))
    question.full_clean()
    question.save()
    _save_options(question, cleaned_options)
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    updated_by: User,
    options: Sequence[Mapping[str, str]] | None = None,
    **fields: Any,
) -> Question:
    """Change a question of a draft survey; `options`, when given, replace its options."""
    survey = question.survey
    require_team(updated_by, survey.experiment)
    _require_draft(survey)
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown question fields: {sorted(unknown)}")
    for name, value in fields.items():
        if value is None and name not in ("min_selections", "max_selections"):
            continue
        setattr(question, name, value.strip() if name.startswith("text_") else value)
    if options is not None:
        cleaned_options = _clean_options(question.kind, options)
        replace_options = True
    else:
        current = [
            {f"text_{code}": getattr(option, f"text_{code}") for code in LANGUAGES}
            for option in question.options.all()
        ]
        cleaned_options = _clean_options(question.kind, current)
        replace_options = bool(current) and question.kind not in CHOICE_KINDS
    _check_question(question, len(cleaned_options))
    question.full_clean()
    question.save()
    if replace_options:
        _save_options(question, cleaned_options)
    return question


def question_delete(*, question: Question, deleted_by: User) -> None:
    require_team(deleted_by, question.survey.experiment)
    _require_draft(question.survey)
    question.delete()


# --- Answering ---------------------------------------------------------------------------------------


class SurveyAnswerError(ApplicationError):
    """Some answers are invalid; `errors` holds a translated message per question id."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__(_("Check the answers marked below."), field="answers", code="invalid_answers")
        self.errors = errors


@dataclass(frozen=True)
class CleanAnswer:
    question: Question
    numbers: tuple[int, ...] = ()
    option_ids: tuple[int, ...] = ()
    text: str = ""


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(_is_empty(item) for item in value)
    return False


def _clean_one(question: Question, value: Any) -> CleanAnswer | None:
    """The answer to one question, or None when it was left empty; raises ValueError with the message."""
    if _is_empty(value):
        if question.required:
            raise ValueError(_("This question requires an answer."))
        return None
    if question.kind in (QuestionKind.RATING, QuestionKind.NPS):
        if isinstance(value, list | tuple) and len(value) == 1:
            value = value[0]
        number = _as_int(value)
        scale = question.scale
        if number is None or number not in scale:
            raise ValueError(
                _("Choose a number from %(low)s to %(high)s.") % {"low": scale[0], "high": scale[-1]}
            )
        return CleanAnswer(question, numbers=(number,))
    if question.kind == QuestionKind.TEXT:
        if not isinstance(value, str):
            raise ValueError(_("Write the answer as text."))
        text = value.strip()
        if len(text) > question.max_length:
            raise ValueError(
                _("The answer is too long: at most %(max)s characters (now %(length)s).")
                % {"max": question.max_length, "length": len(text)}
            )
        return CleanAnswer(question, text=text)
    option_ids = {option.pk for option in question.options.all()}
    values = list(value) if isinstance(value, list | tuple) else [value]
    values = [item for item in values if not _is_empty(item)]
    chosen: list[int] = []
    for item in values:
        option_id = _as_int(item)
        if option_id is None or option_id not in option_ids:
            raise ValueError(_("Choose among the options given."))
        if option_id not in chosen:
            chosen.append(option_id)
    if question.kind == QuestionKind.SINGLE:
        if len(chosen) != 1:
            raise ValueError(_("Choose only one option."))
        return CleanAnswer(question, option_ids=(chosen[0],))
    if question.max_selections is not None and len(chosen) > question.max_selections:
        raise ValueError(
            ngettext(
                "Choose at most %(count)s option.",
                "Choose at most %(count)s options.",
                question.max_selections or 0,
            )
            % {"count": question.max_selections}
        )
    if question.min_selections is not None and len(chosen) < question.min_selections:
        raise ValueError(
            ngettext(
                "Choose at least %(count)s option.",
                "Choose at least %(count)s options.",
                question.min_selections or 0,
            )
            % {"count": question.min_selections}
        )
    return CleanAnswer(question, option_ids=tuple(chosen))


def clean_answers(questions: Sequence[Question], raw: Mapping[Any, Any]) -> list[CleanAnswer]:
    """Validate the answers (keyed by question id, as int or str) against each question's type.

    Raises SurveyAnswerError with a message for every question whose answer is missing or invalid."""
    by_key = {str(key): value for key, value in raw.items()}
    cleaned: list[CleanAnswer] = []
    errors: dict[int, str] = {}
    for question in questions:
        try:
            answer = _clean_one(question, by_key.get(str(question.pk)))
        except ValueError as error:
            errors[question.pk] = str(error)
            continue
        if answer is not None:
            cleaned.append(answer)
    if errors:
        raise SurveyAnswerError(errors)
    return cleaned


def require_may_answer(*, survey: Survey, user: AnyUser) -> None:
    """Raise unless the person may answer the survey now.

    A public survey may be answered by anyone with its link (signed in, or anonymously when the survey
    allows it); any other survey by the signed-in people its audience covers."""
    if not survey.accepts_answers:
        raise ApplicationError(_("This survey is not open for answers."), code="not_open")
    if not user.is_authenticated:
        if survey.audience == Audience.PUBLIC and survey.allow_anonymous:
            return
        raise PermissionDeniedError(_("Sign in to answer this survey."), code="login_required")
    if survey.audience == Audience.PUBLIC:
        return
    access = experiment_access(user=user, experiment=survey.experiment)
    if not Survey.objects.filter(pk=survey.pk).filter(audience_filter(access)).exists():
        raise PermissionDeniedError(_("This survey is not addressed to you."))


def _already_answered() -> ApplicationError:
    return ApplicationError(_("You have already answered this survey. Thank you!"), code="already_answered")


def response_submit(
    *,
    survey: Survey,
    respondent: AnyUser,
    answers: Mapping[Any, Any],
    language: str = "fi",
    answered_in_this_browser: bool = False,
    questions: Sequence[Question] | None = None,
) -> SurveyResponse:
    """Store one response after validating every answer.

    With one answer per person, a signed-in person can answer once (a database constraint keeps it so
    under concurrent submissions); an anonymous browser that says it has answered (`answered_in_this_
    browser`, from the signed cookie the view reads) is refused too. The cookie is a courtesy check,
    not proof: a person who clears it can answer again."""
    require_may_answer(survey=survey, user=respondent)
    signed_in = respondent.is_authenticated
    if survey.one_answer_per_person:
        if answered_in_this_browser and not signed_in:
            raise _already_answered()
        if signed_in and SurveyResponse.objects.filter(survey=survey, respondent_id=respondent.pk).exists():
            raise _already_answered()
    if questions is None:
        questions = list(survey.questions.prefetch_related("options"))
    cleaned = clean_answers(questions, answers)
    response = SurveyResponse(
        survey=survey,
        respondent_id=respondent.pk if signed_in else None,
        respondent_key=f"user:{respondent.pk}" if signed_in and survey.one_answer_per_person else None,
        language=language[:2] if language[:2] in LANGUAGES else "fi",
    )
    try:
        with transaction.atomic():
            response.save()
            rows: list[Answer] = []
            for answer in cleaned:
                if answer.option_ids:
                    rows.extend(
                        Answer(response=response, question=answer.question, option_id=option_id)
                        for option_id in answer.option_ids
                    )
                elif answer.numbers:
                    rows.append(Answer(response=response, question=answer.question, number=answer.numbers[0]))
                else:
                    rows.append(Answer(response=response, question=answer.question, text=answer.text))
            Answer.objects.bulk_create(rows)
    except IntegrityError as error:
        if survey.one_answer_per_person and signed_in:
            raise _already_answered() from error
        raise
    return response
