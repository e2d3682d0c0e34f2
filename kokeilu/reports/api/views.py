"""The final report API under /api/v1/reports/, through the same services and selectors as the pages.

- reports/experiments/<slug>/...: the team's report (get, update; learnings, quotes and measures; submit)
  and the city's managers' approve and return. Testers get 403, people who may not see the experiment 404,
  a refusal by the rules 400 with the error under the field it concerns.
- reports/published/..., reports/learnings/...: approved reports and their public learnings for everyone,
  anonymous included. They never carry internal learnings, internal gate answers, quotes without
  consent or money.
"""

from typing import Any, cast

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_or_404
from kokeilu.funding.selectors import money_summary
from kokeilu.platforms.models import Theme
from kokeilu.reports import services
from kokeilu.reports.models import FinalReport, Learning, Measure, NextStep, Quote, Visibility
from kokeilu.reports.selectors import (
    call_is_public,
    learning_get,
    measure_get,
    published_learning_get,
    published_learning_list,
    quote_get,
    report_gate_answers,
    report_get,
    report_get_for_team,
    report_get_published_by_slug,
    report_list_published,
)

_NOT_FOUND = OpenApiResponse(description="No such experiment, report or item, or not one you may see.")
_FORBIDDEN = OpenApiResponse(description="You are in the experiment but not in its team (or not a manager).")
_REFUSED = OpenApiResponse(
    description="Refused by the rules, e.g. the report is submitted or approved, a public quote without "
    "recorded consent, or submitting an incomplete report."
)


def _user(request: Request) -> User:
    return cast(User, request.user)


def _team(request: Request, slug: str) -> tuple[Experiment, ExperimentAccess]:
    return workspace_or_404(user=request.user, slug=slug, level="team")


def _report_or_404(experiment: Experiment) -> FinalReport:
    report = report_get(experiment=experiment)
    if report is None:
        raise Http404
    return report


@extend_schema_field({"type": "string", "enum": list(Visibility.values)})
class VisibilityField(serializers.ChoiceField):
    """public or internal, listed inline (other apps have a `visibility` field too)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Visibility.choices, **kwargs)


# --- Serializers ----------------------------------------------------------------------------------------


class ReportLearningOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    statement = serializers.CharField(help_text="In the request's language, falling back to the others.")
    statement_fi = serializers.CharField()
    statement_sv = serializers.CharField()
    statement_en = serializers.CharField()
    evidence = serializers.CharField()
    theme = serializers.CharField(source="theme.slug", allow_null=True, default=None, help_text="Theme slug.")
    tags = serializers.ListField(child=serializers.CharField())
    visibility = serializers.CharField(help_text="public or internal")


class ReportLearningInput(serializers.Serializer):
    statement_fi = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    statement_sv = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    statement_en = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    evidence = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    theme = serializers.SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), required=False, allow_null=True, default=None
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=100, allow_blank=True), required=False, default=list
    )
    visibility = VisibilityField(required=False, default=Visibility.PUBLIC)


class ReportQuoteOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    text = serializers.CharField()
    speaker = serializers.CharField()
    consent_recorded = serializers.BooleanField()
    consent_method = serializers.CharField()
    consent_recorded_at = serializers.DateTimeField(allow_null=True)
    visibility = serializers.CharField(help_text="public or internal")


class ReportQuoteInput(serializers.Serializer):
    text = serializers.CharField(max_length=2000, allow_blank=True)
    speaker = serializers.CharField(max_length=200, allow_blank=True)
    consent_recorded = serializers.BooleanField(required=False, default=False)
    consent_method = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    visibility = VisibilityField(
        required=False,
        default=Visibility.INTERNAL,
        help_text="public only with recorded consent.",
    )


class ReportMeasureOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    name = serializers.CharField()
    before_value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    after_value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    unit = serializers.CharField()
    note = serializers.CharField()


class ReportMeasureInput(serializers.Serializer):
    name = serializers.CharField(max_length=200, allow_blank=True)
    before_value = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    after_value = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    unit = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReportGateAnswerOutput(serializers.Serializer):
    question = serializers.CharField(source="question.text")
    answer = serializers.CharField(source="text")
    answered_at = serializers.DateTimeField()


class ReportGateAnswersOutput(serializers.Serializer):
    public = ReportGateAnswerOutput(many=True)
    internal = ReportGateAnswerOutput(many=True)


class ReportMoneyOutput(serializers.Serializer):
    granted = serializers.DecimalField(max_digits=12, decimal_places=2)
    spent = serializers.DecimalField(max_digits=12, decimal_places=2)
    remaining = serializers.DecimalField(max_digits=12, decimal_places=2)


class ReportOutput(serializers.Serializer):
    experiment = serializers.CharField(source="experiment.slug")
    state = serializers.CharField(help_text="draft, submitted or approved")
    summary_fi = serializers.CharField()
    summary_sv = serializers.CharField()
    summary_en = serializers.CharField()
    next_step = serializers.CharField(help_text="adopt, scale, iterate, procure, stop, or empty")
    next_step_owner_name = serializers.CharField()
    next_step_owner_user = serializers.IntegerField(source="next_step_owner_user_id", allow_null=True)
    next_step_reason = serializers.CharField()
    submitted_by = serializers.CharField(source="submitted_by.get_full_name", allow_null=True, default=None)
    submitted_at = serializers.DateTimeField(allow_null=True)
    returned_by = serializers.CharField(source="returned_by.get_full_name", allow_null=True, default=None)
    returned_at = serializers.DateTimeField(allow_null=True)
    approved_by = serializers.CharField(source="approved_by.get_full_name", allow_null=True, default=None)
    approved_at = serializers.DateTimeField(allow_null=True)
    manager_comment = serializers.CharField()
    learnings = ReportLearningOutput(many=True, source="learnings.all")
    quotes = ReportQuoteOutput(many=True, source="quotes.all")
    measures = ReportMeasureOutput(many=True, source="measures.all")


class ReportDetailOutput(serializers.Serializer):
    report = ReportOutput(allow_null=True, help_text="Null until the report has been started.")
    gate_answers = ReportGateAnswersOutput()
    money = ReportMoneyOutput()


class ReportInput(serializers.Serializer):
    summary_fi = serializers.CharField(max_length=8000, required=False, allow_blank=True, default="")
    summary_sv = serializers.CharField(max_length=8000, required=False, allow_blank=True, default="")
    summary_en = serializers.CharField(max_length=8000, required=False, allow_blank=True, default="")
    next_step = serializers.ChoiceField(
        choices=NextStep.choices, required=False, allow_blank=True, default=""
    )
    next_step_owner_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    next_step_owner_user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True, default=None
    )
    next_step_reason = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class ReviewInput(serializers.Serializer):
    comment = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default="", help_text="Required when returning."
    )


# Public output: only what is published.


class PublicLearningOutput(serializers.Serializer):
    id = serializers.IntegerField()
    statement = serializers.CharField()
    statement_fi = serializers.CharField()
    statement_sv = serializers.CharField()
    statement_en = serializers.CharField()
    evidence = serializers.CharField()
    theme = serializers.CharField(source="theme.slug", allow_null=True, default=None, help_text="Theme slug.")
    tags = serializers.ListField(child=serializers.CharField())


class PublicQuoteOutput(serializers.Serializer):
    text = serializers.CharField()
    speaker = serializers.CharField()


class PublicCallOutput(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()


class PublicPlatformOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PublicNeedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    platform = serializers.CharField(source="platform.slug")


class PublicExperimentOutput(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    city = serializers.CharField(source="city.name")
    platform = serializers.SerializerMethodField()
    call = serializers.SerializerMethodField()
    needs = serializers.SerializerMethodField()

    @extend_schema_field(PublicPlatformOutput(allow_null=True))
    def get_platform(self, experiment: Experiment) -> Any:
        platform = experiment.platform
        if platform is None or not platform.is_public:
            return None
        return PublicPlatformOutput(platform).data

    @extend_schema_field(PublicCallOutput(allow_null=True))
    def get_call(self, experiment: Experiment) -> Any:
        if experiment.call is None or not call_is_public(experiment.call):
            return None
        return PublicCallOutput(experiment.call).data

    @extend_schema_field(PublicNeedOutput(many=True))
    def get_needs(self, experiment: Experiment) -> Any:
        if experiment.call is None or not call_is_public(experiment.call):
            return []
        return PublicNeedOutput(getattr(experiment.call, "published_needs", []), many=True).data


class PublishedLearningOutput(PublicLearningOutput):
    experiment = PublicExperimentOutput(source="report.experiment")
    published_at = serializers.DateTimeField(source="report.approved_at")


class PublishedReportOutput(serializers.Serializer):
    experiment = PublicExperimentOutput()
    summary = serializers.CharField()
    summary_fi = serializers.CharField()
    summary_sv = serializers.CharField()
    summary_en = serializers.CharField()
    next_step = serializers.CharField(help_text="adopt, scale, iterate, procure or stop")
    next_step_owner_name = serializers.CharField()
    next_step_reason = serializers.CharField()
    published_at = serializers.DateTimeField(source="approved_at")
    learnings = PublicLearningOutput(many=True, source="public_learnings")
    quotes = PublicQuoteOutput(many=True, source="public_quotes")
    measures = ReportMeasureOutput(many=True, source="public_measures")
    gate_answers = serializers.SerializerMethodField(help_text="The public stage-gate answers only.")

    @extend_schema_field(ReportGateAnswerOutput(many=True))
    def get_gate_answers(self, report: FinalReport) -> Any:
        answers = report_gate_answers(experiment=report.experiment, include_internal=False).public
        return ReportGateAnswerOutput(answers, many=True).data


# --- Views: the team's report ---------------------------------------------------------------------------


def _detail(experiment: Experiment, access: ExperimentAccess) -> dict[str, Any]:
    return ReportDetailOutput(
        {
            "report": report_get_for_team(experiment=experiment, access=access),
            "gate_answers": report_gate_answers(experiment=experiment, include_internal=True),
            "money": money_summary(experiment=experiment),
        }
    ).data


class ReportApi(APIView):
    @extend_schema(responses={200: ReportDetailOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The report with every learning, quote and measure, the stage-gate answers (public and internal
        apart) and the costs: for the team."""
        experiment, access = _team(request, slug)
        return Response(_detail(experiment, access))

    @extend_schema(
        request=ReportInput,
        responses={200: ReportDetailOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str) -> Response:
        """Save the summary and the decision on what next (a draft only; starts the report if needed)."""
        experiment, access = _team(request, slug)
        data = ReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_update(experiment=experiment, updated_by=_user(request), **data.validated_data)
        return Response(_detail(experiment, access))


class ReportSubmitApi(APIView):
    @extend_schema(
        request=None, responses={200: ReportOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def post(self, request: Request, slug: str) -> Response:
        """Send the draft to the city's programme managers for approval."""
        experiment, access = _team(request, slug)
        services.report_submit(experiment=experiment, submitted_by=_user(request))
        return Response(ReportOutput(report_get_for_team(experiment=experiment, access=access)).data)


class ReportApproveApi(APIView):
    @extend_schema(
        request=ReviewInput, responses={200: ReportOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def post(self, request: Request, slug: str) -> Response:
        """Approve and publish a submitted report (the city's programme managers)."""
        experiment, access = _team(request, slug)
        data = ReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_approve(
            report=_report_or_404(experiment),
            approved_by=_user(request),
            comment=data.validated_data["comment"],
        )
        return Response(ReportOutput(report_get_for_team(experiment=experiment, access=access)).data)


class ReportReturnApi(APIView):
    @extend_schema(
        request=ReviewInput, responses={200: ReportOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def post(self, request: Request, slug: str) -> Response:
        """Return a submitted report to the team for changes, with a comment (the city's managers)."""
        experiment, access = _team(request, slug)
        data = ReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_return(
            report=_report_or_404(experiment),
            returned_by=_user(request),
            comment=data.validated_data["comment"],
        )
        return Response(ReportOutput(report_get_for_team(experiment=experiment, access=access)).data)


class LearningListCreateApi(APIView):
    @extend_schema(responses={200: ReportLearningOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The report's learnings, internal ones included."""
        experiment, _access = _team(request, slug)
        report = report_get(experiment=experiment)
        items = Learning.objects.filter(report=report).select_related("theme") if report else []
        return Response(ReportLearningOutput(items, many=True).data)

    @extend_schema(
        request=ReportLearningInput,
        responses={201: ReportLearningOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Add a learning (starts the report if needed)."""
        experiment, _access = _team(request, slug)
        data = ReportLearningInput(data=request.data)
        data.is_valid(raise_exception=True)
        learning = services.learning_create(
            experiment=experiment, created_by=_user(request), **data.validated_data
        )
        return Response(ReportLearningOutput(learning).data, status=status.HTTP_201_CREATED)


def _learning_or_404(experiment: Experiment, learning_id: int) -> Learning:
    learning = learning_get(report=_report_or_404(experiment), pk=learning_id)
    if learning is None:
        raise Http404
    return learning


class LearningDetailApi(APIView):
    @extend_schema(responses={200: ReportLearningOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, learning_id: int) -> Response:
        experiment, _access = _team(request, slug)
        return Response(ReportLearningOutput(_learning_or_404(experiment, learning_id)).data)

    @extend_schema(
        request=ReportLearningInput,
        responses={200: ReportLearningOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str, learning_id: int) -> Response:
        """Change a learning (every field is given again)."""
        experiment, _access = _team(request, slug)
        learning = _learning_or_404(experiment, learning_id)
        data = ReportLearningInput(data=request.data)
        data.is_valid(raise_exception=True)
        learning = services.learning_update(
            learning=learning, updated_by=_user(request), **data.validated_data
        )
        return Response(ReportLearningOutput(learning).data)

    @extend_schema(responses={204: None, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, learning_id: int) -> Response:
        experiment, _access = _team(request, slug)
        services.learning_delete(
            learning=_learning_or_404(experiment, learning_id), deleted_by=_user(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class QuoteListCreateApi(APIView):
    @extend_schema(responses={200: ReportQuoteOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The report's quotes, with their consent records."""
        experiment, _access = _team(request, slug)
        report = report_get(experiment=experiment)
        items = Quote.objects.filter(report=report) if report else []
        return Response(ReportQuoteOutput(items, many=True).data)

    @extend_schema(
        request=ReportQuoteInput,
        responses={201: ReportQuoteOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Add a quote; it can be public only with recorded consent."""
        experiment, _access = _team(request, slug)
        data = ReportQuoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        quote = services.quote_create(experiment=experiment, created_by=_user(request), **data.validated_data)
        return Response(ReportQuoteOutput(quote).data, status=status.HTTP_201_CREATED)


def _quote_or_404(experiment: Experiment, quote_id: int) -> Quote:
    quote = quote_get(report=_report_or_404(experiment), pk=quote_id)
    if quote is None:
        raise Http404
    return quote


class QuoteDetailApi(APIView):
    @extend_schema(responses={200: ReportQuoteOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, quote_id: int) -> Response:
        experiment, _access = _team(request, slug)
        return Response(ReportQuoteOutput(_quote_or_404(experiment, quote_id)).data)

    @extend_schema(
        request=ReportQuoteInput,
        responses={200: ReportQuoteOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str, quote_id: int) -> Response:
        """Change a quote (every field is given again)."""
        experiment, _access = _team(request, slug)
        quote = _quote_or_404(experiment, quote_id)
        data = ReportQuoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        quote = services.quote_update(quote=quote, updated_by=_user(request), **data.validated_data)
        return Response(ReportQuoteOutput(quote).data)

    @extend_schema(responses={204: None, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, quote_id: int) -> Response:
        experiment, _access = _team(request, slug)
        services.quote_delete(quote=_quote_or_404(experiment, quote_id), deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeasureListCreateApi(APIView):
    @extend_schema(responses={200: ReportMeasureOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        experiment, _access = _team(request, slug)
        report = report_get(experiment=experiment)
        items = Measure.objects.filter(report=report) if report else []
        return Response(ReportMeasureOutput(items, many=True).data)

    @extend_schema(
        request=ReportMeasureInput,
        responses={201: ReportMeasureOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Add what was measured before and after (at least one of the values)."""
        experiment, _access = _team(request, slug)
        data = ReportMeasureInput(data=request.data)
        data.is_valid(raise_exception=True)
        measure = services.measure_create(
            experiment=experiment, created_by=_user(request), **data.validated_data
        )
        return Response(ReportMeasureOutput(measure).data, status=status.HTTP_201_CREATED)


def _measure_or_404(experiment: Experiment, measure_id: int) -> Measure:
    measure = measure_get(report=_report_or_404(experiment), pk=measure_id)
    if measure is None:
        raise Http404
    return measure


class MeasureDetailApi(APIView):
    @extend_schema(responses={200: ReportMeasureOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, measure_id: int) -> Response:
        experiment, _access = _team(request, slug)
        return Response(ReportMeasureOutput(_measure_or_404(experiment, measure_id)).data)

    @extend_schema(
        request=ReportMeasureInput,
        responses={200: ReportMeasureOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str, measure_id: int) -> Response:
        experiment, _access = _team(request, slug)
        measure = _measure_or_404(experiment, measure_id)
        data = ReportMeasureInput(data=request.data)
        data.is_valid(raise_exception=True)
        measure = services.measure_update(measure=measure, updated_by=_user(request), **data.validated_data)
        return Response(ReportMeasureOutput(measure).data)

    @extend_schema(responses={204: None, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, measure_id: int) -> Response:
        experiment, _access = _team(request, slug)
        services.measure_delete(measure=_measure_or_404(experiment, measure_id), deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Views: published, for everyone ---------------------------------------------------------------------


class PublishedReportListApi(APIView):
    permission_classes = [AllowAny]
    pagination_class = LimitOffsetPagination

    @extend_schema(responses={200: PublishedReportOutput(many=True)})
    def get(self, request: Request) -> Response:
        """Approved (published) reports, newest first, paginated with limit and offset."""
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(report_list_published(), request, view=self)
        return paginator.get_paginated_response(PublishedReportOutput(page, many=True).data)


class PublishedReportApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: PublishedReportOutput, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """One experiment's approved report with what is published of it."""
        report = report_get_published_by_slug(slug=slug)
        if report is None:
            raise Http404
        return Response(PublishedReportOutput(report).data)


class PublishedLearningListApi(APIView):
    permission_classes = [AllowAny]
    pagination_class = LimitOffsetPagination

    @extend_schema(responses={200: PublishedLearningOutput(many=True)})
    def get(self, request: Request) -> Response:
        """Public learnings of approved reports, newest first, paginated with limit and offset."""
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(published_learning_list(), request, view=self)
        return paginator.get_paginated_response(PublishedLearningOutput(page, many=True).data)


class PublishedLearningApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: PublishedLearningOutput, 404: _NOT_FOUND})
    def get(self, request: Request, learning_id: int) -> Response:
        """One published learning with its experiment, call and needs."""
        learning = published_learning_get(pk=learning_id)
        if learning is None:
            raise Http404
        return Response(PublishedLearningOutput(learning).data)
