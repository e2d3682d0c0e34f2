"""The learnings library as JSON: GET /api/v1/library/learnings/, anonymous, through the same form and
selector as the page. Only published learnings (public learnings of approved reports) are listed."""

import sys
from collections.abc import Callable
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

from kokeilu.experiments.models import ServiceSector
from kokeilu.reports.models import Learning, NextStep

from ..forms import LibrarySearchForm
from ..selectors import MAX_QUERY_LENGTH, LibrarySlice, library_search_slice, linkable_call


class LibraryNamedOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class LibraryExperimentOutput(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    sector = serializers.ChoiceField(
        choices=ServiceSector.choices, allow_blank=True, help_text="The city service sector; blank: not set."
    )


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
    reuse_count = serializers.IntegerField(help_text="How many times cities have reused the learning.")

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
    OpenApiParameter(
        "sector",
        OpenApiTypes.STR,
        enum=list(ServiceSector.values),
        description="The city service sector (toimiala) of the learning's experiment.",
    ),
    OpenApiParameter("outcome", OpenApiTypes.STR, enum=list(NextStep.values), description="The next step."),
    OpenApiParameter("year", OpenApiTypes.INT, description="The year the report was approved (published)."),
    OpenApiParameter("method", OpenApiTypes.STR, description="Co-development method slug."),
]


class _SlicePagination(LimitOffsetPagination):
    """Limit and offset as usual (at most `max_limit` learnings at a time), the page and the count read
    together by `library_search_slice`."""

    max_limit = 200

    def paginate_slice(self, request: Request, read: Callable[[int, int], LibrarySlice]) -> list[Learning]:
        self.request = request
        self.limit = self.get_limit(request) or self.max_limit
        # Past any result, and still an offset the database takes.
        self.offset = min(self.get_offset(request), sys.maxsize - self.limit)
        found = read(self.offset, self.limit)
        self.count = found.count
        return found.learnings


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
        (at most 200) and offset. Best match first when searching, otherwise newest first."""
        form = LibrarySearchForm(request.query_params)
        if not form.is_valid():
            return Response(form.errors.get_json_data(), status=400)
        query, filters, language = form.cleaned_data.get("q", ""), form.filters(), get_language()
        paginator = _SlicePagination()
        page = paginator.paginate_slice(
            request,
            lambda offset, limit: library_search_slice(query, filters, language, offset=offset, limit=limit),
        )
        return paginator.get_paginated_response(LibraryLearningOutput(page, many=True).data)
