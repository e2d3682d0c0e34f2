"""The surveys API under /api/v1/experiments/<slug>/surveys/, through the same services and selectors as
the pages: the team builds, opens, closes and reads results; members answer the surveys addressed to them;
anyone with a public survey's link token answers it (anonymously when the survey allows).

Someone who may not see the experiment gets 404; a member lacking the team's rights 403; a survey the
person may not see 404; a refused rule 400 with the error under the field it concerns. Invalid answers
answer 400 with `answers: {"<question id>": ["message"]}`. Nothing here returns anyone's answers except
the team's aggregated results.
"""

from typing import Any, cast

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.experiments.api.groups import group_from_id
from kokeilu.experiments.models import Audience, Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_or_404

from .. import services, sharing
from ..models import Question, QuestionKind, Survey, SurveyState
from ..selectors import (
    question_list,
    survey_get_by_token,
    survey_get_visible,
    survey_list_with_counts,
    survey_results,
)

_NOT_FOUND = OpenApiResponse(description="No such experiment or survey, or not one you may see.")
_FORBIDDEN = OpenApiResponse(description="You may see the experiment but not do this (the team only).")
_REFUSED = OpenApiResponse(
    description="Refused by the rules; the error is under the field it concerns, or under `detail` with a "
    "`code`. Invalid answers come under `answers`, keyed by question id."
)


def _user(request: Request) -> User:
    return cast(User, request.user)


def _workspace(request: Request, slug: str, level: str) -> tuple[Experiment, ExperimentAccess]:
    return workspace_or_404(user=request.user, slug=slug, level=level)  # type: ignore[arg-type]


def _survey(request: Request, slug: str, survey_id: int, level: str = "team") -> Survey:
    experiment, access = _workspace(request, slug, level)
    survey = survey_get_visible(experiment=experiment, access=access, survey_id=survey_id)
    if survey is None:
        raise Http404
    return survey


def _question(survey: Survey, question_id: int) -> Question:
    question = survey.questions.prefetch_related("options").filter(pk=question_id).first()
    if question is None:
        raise Http404
    return question


# --- Serializers (named uniquely across the project: they become schema components) ------------------


class SurveyOptionInput(serializers.Serializer):
    text_fi = serializers.CharField(required=False, allow_blank=True, max_length=200)
    text_sv = serializers.CharField(required=False, allow_blank=True, max_length=200)
    text_en = serializers.CharField(required=False, allow_blank=True, max_length=200)


class SurveyOptionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    text_fi = serializers.CharField()
    text_sv = serializers.CharField()
    text_en = serializers.CharField()


class SurveyQuestionInput(serializers.Serializer):
    """A question; on PATCH every field is optional and `options`, when given, replace the options."""

    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    position = serializers.IntegerField(required=False, min_value=0)
    text_fi = serializers.CharField(required=False, allow_blank=True, max_length=500)
    text_sv = serializers.CharField(required=False, allow_blank=True, max_length=500)
    text_en = serializers.CharField(required=False, allow_blank=True, max_length=500)
    is_required = serializers.BooleanField(source="required", required=False)
    scale_max = serializers.IntegerField(required=False, help_text="Rating scale: the highest value (2–10).")
    low_label_fi = serializers.CharField(required=False, allow_blank=True, max_length=100)
    low_label_sv = serializers.CharField(required=False, allow_blank=True, max_length=100)
    low_label_en = serializers.CharField(required=False, allow_blank=True, max_length=100)
    high_label_fi = serializers.CharField(required=False, allow_blank=True, max_length=100)
    high_label_sv = serializers.CharField(required=False, allow_blank=True, max_length=100)
    high_label_en = serializers.CharField(required=False, allow_blank=True, max_length=100)
    min_selections = serializers.IntegerField(required=False, allow_null=True)
    max_selections = serializers.IntegerField(required=False, allow_null=True)
    max_length = serializers.IntegerField(required=False, help_text="Free text: the longest answer.")
    options = SurveyOptionInput(many=True, required=False, help_text="Choice questions: two or more.")


class SurveyQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    position = serializers.IntegerField()
    text = serializers.CharField()
    text_fi = serializers.CharField()
    text_sv = serializers.CharField()
    text_en = serializers.CharField()
    is_required = serializers.BooleanField(source="required")
    scale_max = serializers.IntegerField()
    low_label = serializers.CharField()
    high_label = serializers.CharField()
    min_selections = serializers.IntegerField(allow_null=True)
    max_selections = serializers.IntegerField(allow_null=True)
    max_length = serializers.IntegerField()
    options = SurveyOptionOutput(many=True, source="options.all")


class SurveyUpdateInput(serializers.Serializer):
    title_fi = serializers.CharField(required=False, allow_blank=True, max_length=200)
    title_sv = serializers.CharField(required=False, allow_blank=True, max_length=200)
    title_en = serializers.CharField(required=False, allow_blank=True, max_length=200)
    intro_fi = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    intro_sv = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    intro_en = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    group = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of a group (audience group)."
    )
    allow_anonymous = serializers.BooleanField(required=False)
    one_answer_per_person = serializers.BooleanField(required=False)
    closes_at = serializers.DateTimeField(required=False, allow_null=True)


class SurveyListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    state = serializers.CharField(
        source="effective_state",
        help_text="draft, open or closed, as people see it: an open survey whose `closes_at` has passed "
        "is closed.",
    )
    stored_state = serializers.CharField(
        source="state",
        help_text="draft, open or closed as last set by hand (the state machine's state, which the open "
        "and close endpoints move).",
    )
    audience = serializers.CharField()
    group = serializers.IntegerField(source="group_id", allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    accepts_answers = serializers.BooleanField()


class SurveyTeamListOutput(SurveyListOutput):
    response_count = serializers.IntegerField(
        allow_null=True, help_text="For the team only; null for others."
    )


class SurveyOutput(SurveyListOutput):
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()
    intro = serializers.CharField()
    intro_fi = serializers.CharField()
    intro_sv = serializers.CharField()
    intro_en = serializers.CharField()
    allow_anonymous = serializers.BooleanField()
    one_answer_per_person = serializers.BooleanField()
    link = serializers.SerializerMethodField()
    questions = SurveyQuestionOutput(many=True, source="question_rows")

    def get_link(self, survey: Survey) -> str:
        """The shareable link (absolute)."""
        return sharing.link_url(self.context["request"], survey)


class SurveyPublicOutput(serializers.Serializer):
    """What someone answering sees: the questions, never anyone's answers."""

    title = serializers.CharField()
    intro = serializers.CharField()
    allow_anonymous = serializers.BooleanField()
    one_answer_per_person = serializers.BooleanField()
    accepts_answers = serializers.BooleanField()
    questions = SurveyQuestionOutput(many=True, source="question_rows")


class SurveyAnswerInput(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text="By question id: a number (rating, NPS), an option id (single choice), a list of option "
        "ids (multiple choice) or a string (free text).",
    )


class SurveyAnswerOutput(serializers.Serializer):
    saved = serializers.BooleanField()


class SurveyResultCountOutput(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()
    share = serializers.FloatField()


class SurveyQuestionResultOutput(serializers.Serializer):
    question = serializers.IntegerField(source="question.pk")
    kind = serializers.CharField(source="question.kind")
    text = serializers.CharField(source="question.text")
    respondents = serializers.IntegerField()
    counts = SurveyResultCountOutput(many=True)
    average = serializers.FloatField(allow_null=True)
    nps = serializers.IntegerField(allow_null=True)
    promoters = serializers.IntegerField()
    passives = serializers.IntegerField()
    detractors = serializers.IntegerField()
    texts = serializers.ListField(child=serializers.CharField())


class SurveyResultsOutput(serializers.Serializer):
    survey = serializers.IntegerField(source="survey.pk")
    responses = serializers.IntegerField()
    questions = SurveyQuestionResultOutput(many=True)


def _detail(request: Request, survey: Survey, code: int = status.HTTP_200_OK) -> Response:
    survey.question_rows = question_list(survey=survey)  # type: ignore[attr-defined]
    return Response(SurveyOutput(survey, context={"request": request}).data, status=code)


def _survey_fields(experiment: Experiment, data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    if "group" in fields:
        group_id = fields.pop("group")
        fields["group"] = group_from_id(experiment, group_id or None)
    return fields


def _answer_response(error: services.SurveyAnswerError) -> Response:
    return Response(
        {
            "detail": str(error.message),
            "code": error.code,
            "answers": {str(k): [v] for k, v in error.errors.items()},
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


# --- Surveys -----------------------------------------------------------------------------------------


class SurveyListCreateApi(APIView):
    @extend_schema(responses={200: SurveyTeamListOutput(many=True), 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The team: every survey it may see with its response count. Members: the open surveys addressed
        to them (without counts)."""
        experiment, access = _workspace(request, slug, "view")
        surveys = list(survey_list_with_counts(experiment=experiment, access=access))
        if not access.is_team:
            for survey in surveys:
                survey.response_count = None  # type: ignore[attr-defined]
        return Response(SurveyTeamListOutput(surveys, many=True).data)

    @extend_schema(
        request=SurveyUpdateInput,
        responses={201: SurveyOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Create a draft survey (the team)."""
        experiment, _access = _workspace(request, slug, "team")
        data = SurveyUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        survey = services.survey_create(
            experiment=experiment,
            created_by=_user(request),
            **_survey_fields(experiment, data.validated_data),
        )
        return _detail(request, survey, status.HTTP_201_CREATED)


class SurveyDetailApi(APIView):
    @extend_schema(responses={200: SurveyOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, survey_id: int) -> Response:
        """A survey with its questions and link (the team)."""
        return _detail(request, _survey(request, slug, survey_id))

    @extend_schema(
        request=SurveyUpdateInput,
        responses={200: SurveyOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, survey_id: int) -> Response:
        """Change the given fields of the survey."""
        survey = _survey(request, slug, survey_id)
        data = SurveyUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.survey_update(
            survey=survey, updated_by=_user(request), **_survey_fields(survey.experiment, data.validated_data)
        )
        return _detail(request, survey)

    @extend_schema(responses={204: None, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, survey_id: int) -> Response:
        """Delete a draft survey."""
        services.survey_delete(survey=_survey(request, slug, survey_id), deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SurveyOpenApi(APIView):
    @extend_schema(
        request=None, responses={200: SurveyOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def post(self, request: Request, slug: str, survey_id: int) -> Response:
        """Open a draft (or reopen a closed) survey for answers."""
        survey = _survey(request, slug, survey_id)
        services.survey_open(survey=survey, changed_by=_user(request))
        return _detail(request, survey)


class SurveyCloseApi(APIView):
    @extend_schema(
        request=None, responses={200: SurveyOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def post(self, request: Request, slug: str, survey_id: int) -> Response:
        """Close an open survey."""
        survey = _survey(request, slug, survey_id)
        services.survey_close(survey=survey, changed_by=_user(request))
        return _detail(request, survey)


class SurveyNewLinkApi(APIView):
    @extend_schema(request=None, responses={200: SurveyOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def post(self, request: Request, slug: str, survey_id: int) -> Response:
        """Give the survey a new link; the old one stops working."""
        survey = _survey(request, slug, survey_id)
        services.survey_regenerate_link(survey=survey, changed_by=_user(request))
        return _detail(request, survey)


# --- Questions ---------------------------------------------------------------------------------------


def _question_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    fields.pop("options", None)
    return fields


class SurveyQuestionCreateApi(APIView):
    @extend_schema(
        request=SurveyQuestionInput,
        responses={201: SurveyQuestionOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, survey_id: int) -> Response:
        """Add a question to a draft survey."""
        survey = _survey(request, slug, survey_id)
        data = SurveyQuestionInput(data=request.data)
        data.is_valid(raise_exception=True)
        question = services.question_add(
            survey=survey,
            added_by=_user(request),
            options=data.validated_data.get("options"),
            **_question_fields(data.validated_data),
        )
        return Response(
            SurveyQuestionOutput(_question(survey, question.pk)).data, status=status.HTTP_201_CREATED
        )


class SurveyQuestionDetailApi(APIView):
    @extend_schema(
        request=SurveyQuestionInput,
        responses={200: SurveyQuestionOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, survey_id: int, question_id: int) -> Response:
        """Change a question of a draft survey."""
        survey = _survey(request, slug, survey_id)
        question = _question(survey, question_id)
        data = SurveyQuestionInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = _question_fields(data.validated_data)
        services.question_update(
            question=question, updated_by=_user(request), options=data.validated_data.get("options"), **fields
        )
        return Response(SurveyQuestionOutput(_question(survey, question_id)).data)

    @extend_schema(responses={204: None, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, survey_id: int, question_id: int) -> Response:
        """Remove a question from a draft survey."""
        survey = _survey(request, slug, survey_id)
        services.question_delete(question=_question(survey, question_id), deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Results and answers -----------------------------------------------------------------------------


class SurveyResultsApi(APIView):
    @extend_schema(responses={200: SurveyResultsOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, survey_id: int) -> Response:
        """Counts per question (the team); free-text answers, latest first."""
        return Response(SurveyResultsOutput(survey_results(survey=_survey(request, slug, survey_id))).data)


def _submit(request: Request, survey: Survey) -> Response:
    data = SurveyAnswerInput(data=request.data)
    data.is_valid(raise_exception=True)
    django_request = cast(HttpRequest, request._request)
    try:
        services.response_submit(
            survey=survey,
            respondent=request.user,
            answers=data.validated_data["answers"],
            language=get_language() or "fi",
            answered_in_this_browser=sharing.answered_in_browser(django_request, survey),
        )
    except services.SurveyAnswerError as error:
        return _answer_response(error)
    response = Response(SurveyAnswerOutput({"saved": True}).data, status=status.HTTP_201_CREATED)
    if not request.user.is_authenticated:
        sharing.remember_answer(response, survey)
    return response


class SurveyAnswerApi(APIView):
    @extend_schema(
        request=SurveyAnswerInput,
        responses={201: SurveyAnswerOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, survey_id: int) -> Response:
        """Answer an open survey addressed to you (members of the experiment)."""
        survey = _survey(request, slug, survey_id, level="view")
        return _submit(request, survey)


def _linked_survey(slug: str, token: str) -> Survey:
    survey = survey_get_by_token(token=token)
    if survey is None or survey.experiment.slug != slug or survey.state == SurveyState.DRAFT:
        raise Http404
    return survey


class SurveyLinkApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: SurveyPublicOutput, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, token: str) -> Response:
        """The questions of the survey behind a shareable link (no answers, no results)."""
        survey = _linked_survey(slug, token)
        if survey.audience != Audience.PUBLIC:
            _survey(request, slug, survey.pk, level="view")
        survey.question_rows = question_list(survey=survey)  # type: ignore[attr-defined]
        return Response(SurveyPublicOutput(survey).data)


class SurveyLinkAnswerApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=SurveyAnswerInput,
        responses={201: SurveyAnswerOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, token: str) -> Response:
        """Answer through the shareable link: anyone for a public survey (signed out when it allows
        anonymous answers), the survey's audience otherwise. The response says only that it was saved."""
        survey = _linked_survey(slug, token)
        if survey.audience != Audience.PUBLIC:
            if not request.user.is_authenticated:
                raise Http404
            _survey(request, slug, survey.pk, level="view")
        return _submit(request, survey)
