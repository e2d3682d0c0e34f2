"""The learnings library as JSON: GET /api/v1/library/learnings/, anonymous, through the same form and
selector as the page. Only published learnings (public learnings of approved reports) are listed."""

from typing import Any

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.reports.models import Learning, NextStep

from ..forms import LibrarySearchForm
from ..selectors import MAX_QUERY_LENGTH, library_search, linkable_call


class LibraryNamedOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class LibraryExperimentOutput(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()


class LibraryCallOutput(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()


class LibraryLearningOutput(serializers.Serializer):
    id = serializers.IntegerField()
    statement = serializers.CharField(help_text="In the request's language, falling back to the others.")
    statement_fi = serializers.CharField()
    statement_sv = serializers.CharField()
    statement_en = serializers.CharField()
    evidence = serializers.CharField()
    theme = LibraryNamedOutput(allow_null=True)
    experiment = LibraryExperimentOutput(source="report.experiment")
    city = LibraryNamedOutput(source="report.experiment.city")
    call = serializers.SerializerMethodField()
    next_step = serializers.ChoiceField(
        source="report.next_step", choices=NextStep.choices, help_text="The report's decision on what next."
    )
    published_at = serializers.DateTimeField(source="report.approved_at")

    @extend_schema_field(LibraryCallOutput(allow_null=True))
    def get_call(self, learning: Learning) -> dict[str, Any] | None:
        call = linkable_call(learning)
        if call is None:
            return None
        return {"slug": call.slug, "title": str(call.title)}


_PARAMETERS = [
    OpenApiParameter(
        "q", OpenApiTypes.STR, description=f"Search words (cut to {MAX_QUERY_LENGTH} characters)."
    ),
    OpenApiParameter("theme", OpenApiTypes.STR, description="Theme slug."),
    OpenApiParameter("city", OpenApiTypes.STR, description="City slug."),
    OpenApiParameter("platform", OpenApiTypes.STR, description="Platform slug."),
    OpenApiParameter("outcome", OpenApiTypes.STR, enum=list(NextStep.values), description="The next step."),
    OpenApiParameter("year", OpenApiTypes.INT, description="The year the report was approved (published)."),
    OpenApiParameter("method", OpenApiTypes.STR, description="Co-development method slug."),
]


class LibraryLearningListApi(APIView):
    permission_classes = [AllowAny]
    pagination_class = LimitOffsetPagination

    @extend_schema(
        parameters=_PARAMETERS,
        responses={
            200: LibraryLearningOutput(many=True),
            400: OpenApiResponse(description="An unknown filter value, by parameter name."),
        },
    )
    def get(self, request: Request) -> Response:
        """Search published learnings (full-text in the request's language), filter, and page with limit
        and offset. Best match first when searching, otherwise newest first."""
        form = LibrarySearchForm(request.query_params)
        if not form.is_valid():
            return Response(form.errors.get_json_data(), status=400)
        learnings = library_search(form.cleaned_data.get("q", ""), form.filters(), get_language())
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(learnings, request, view=self)
        return paginator.get_paginated_response(LibraryLearningOutput(page, many=True).data)
