"""Reads of surveys. Which surveys a person sees is `experiments.selectors.audience_filter`, applied here
once for the pages, the API, the exports and the overview alike."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from kokeilu.accounts.selectors import AnyUser
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess, audience_filter

from .models import (
    Answer,
    Question,
    QuestionKind,
    QuestionOption,
    Survey,
    SurveyResponse,
    accepting_answers_filter,
)


def survey_list_visible(*, experiment: Experiment, access: ExperimentAccess) -> QuerySet[Survey]:
    """The experiment's surveys the person may see; the team sees drafts and closed ones too, others
    only surveys that take answers now (open and not past their closing time)."""
    surveys = (
        Survey.objects.filter(experiment=experiment)
        .filter(audience_filter(access))
        .select_related("group", "experiment")
    )
    if not access.is_team:
        surveys = surveys.filter(accepting_answers_filter())
    return surveys


def survey_list_with_counts(*, experiment: Experiment, access: ExperimentAccess) -> QuerySet[Survey]:
    return survey_list_visible(experiment=experiment, access=access).annotate(
        response_count=Count("responses", distinct=True), question_count=Count("questions", distinct=True)
    )


def survey_get_visible(*, experiment: Experiment, access: ExperimentAccess, survey_id: int) -> Survey | None:
    return survey_list_visible(experiment=experiment, access=access).filter(pk=survey_id).first()


def survey_get_by_token(*, token: str) -> Survey | None:
    return Survey.objects.select_related("experiment", "experiment__city").filter(token=token).first()


def question_list(*, survey: Survey) -> list[Question]:
    """The survey's questions in order, each with its options."""
    return list(
        Question.objects.filter(survey=survey).prefetch_related(
            Prefetch("options", queryset=QuestionOption.objects.order_by("position", "id"))
        )
    )


def surveys_answered_by(*, user: AnyUser, survey_ids: Iterable[int]) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        SurveyResponse.objects.filter(survey_id__in=list(survey_ids), respondent_id=user.pk).values_list(
            "survey_id", flat=True
        )
    )


def has_answered(*, user: AnyUser, survey: Survey) -> bool:
    return survey.pk in surveys_answered_by(user=user, survey_ids=[survey.pk])


# --- Results -----------------------------------------------------------------------------------------


@dataclass
class OptionCount:
    label: str
    count: int
    share: float = 0.0  # of the question's respondents, 0..1


@dataclass
class QuestionResult:
    question: Question
    respondents: int = 0
    counts: list[OptionCount] = field(default_factory=list)
    average: float | None = None
    texts: list[str] = field(default_factory=list)
    text_total: int = 0
    # NPS only.
    promoters: int = 0
    passives: int = 0
    detractors: int = 0

    @property
    def nps(self) -> int | None:
        """Net promoter score: promoters' share minus detractors' share, in percentage points."""
        if not self.respondents:
            return None
        return round(100 * (self.promoters - self.detractors) / self.respondents)


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]


TEXTS_SHOWN = 200


def survey_results(*, survey: Survey) -> SurveyResults:
    """Counts per question, in three queries whatever the number of responses (plus one per free-text
    question for its latest answers)."""
    questions = question_list(survey=survey)
    responses = SurveyResponse.objects.filter(survey=survey).count()
    rows = (
        Answer.objects.filter(question__survey=survey)
        .values("question_id", "option_id", "number")
        .annotate(answers=Count("id"), respondents=Count("response_id", distinct=True))
    )
    by_question: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_question[row["question_id"]].append(row)
    respondents_per_question = dict(
        Answer.objects.filter(question__survey=survey)
        .values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    results = []
    for question in questions:
        result = QuestionResult(question=question, respondents=respondents_per_question.get(question.pk, 0))
        question_rows = by_question.get(question.pk, [])
        if question.kind in (QuestionKind.RATING, QuestionKind.NPS):
            per_value = {row["number"]: row["answers"] for row in question_rows}
            result.counts = [OptionCount(str(value), per_value.get(value, 0)) for value in question.scale]
            total = sum(per_value.values())
            if total:
                result.average = sum(value * count for value, count in per_value.items()) / total
            if question.kind == QuestionKind.NPS:
                result.promoters = sum(count for value, count in per_value.items() if value >= 9)
                result.passives = sum(count for value, count in per_value.items() if value in (7, 8))
                result.detractors = sum(count for value, count in per_value.items() if value <= 6)
        elif question.is_choice:
            per_option = {row["option_id"]: row["answers"] for row in question_rows}
            result.counts = [
                OptionCount(str(option.text), per_option.get(option.pk, 0))
                for option in question.options.all()
            ]
        else:
            texts = Answer.objects.filter(question=question).exclude(text="").order_by("-response_id")
            result.text_total = result.respondents
            result.texts = list(texts.values_list("text", flat=True)[:TEXTS_SHOWN])
        for count in result.counts:
            count.share = count.count / result.respondents if result.respondents else 0.0
        results.append(result)
    return SurveyResults(survey=survey, responses=responses, questions=results)


def response_rows(*, survey: Survey) -> tuple[list[Question], Iterable[tuple[SurveyResponse, dict]]]:
    """Every response with its answers by question id (for the CSV export), streamed in batches."""
    questions = question_list(survey=survey)
    options = {option.pk: option for question in questions for option in question.options.all()}

    def rows() -> Iterable[tuple[SurveyResponse, dict]]:
        last_id = 0
        while True:
            batch = list(SurveyResponse.objects.filter(survey=survey, pk__gt=last_id).order_by("pk")[:500])
            if not batch:
                return
            answers: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
            for answer in Answer.objects.filter(response__in=batch).order_by("id"):
                if answer.option_id is not None:
                    value: object = options[answer.option_id].text
                elif answer.number is not None:
                    value = answer.number
                else:
                    value = answer.text
                answers[answer.response_id][answer.question_id].append(value)
            for response in batch:
                yield response, answers.get(response.pk, {})
            last_id = batch[-1].pk

    return questions, rows()
