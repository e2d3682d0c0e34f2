"""Open data under /api/v1/open-data/: learnings, experiments, calls and development needs, each as

- `<kind>/`: JSON, paged with `limit` and `offset`: `{"license": {"name", "url"}, "count", "next",
  "previous", "results"}`;
- `<kind>.jsonld`: the whole dataset as schema.org JSON-LD (`jsonld.py`);
- `<kind>.csv` and `<kind>.xlsx`: the whole dataset as a table (`tables.py`).

Anyone may read them, and everyone reads the same: the views authenticate no one, so being logged in never
adds unpublished content. Every response carries `Link: <licence>; rel="license"` (see `licence.py`).
"""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..datasets import DATASETS, Dataset
from ..jsonld import dataset_document
from ..licence import LICENSE_NAME, LICENSE_URL, add_licence_header, licence_data
from ..tables import build_table, write_csv, xlsx_bytes

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TAGS = ["open-data"]
LICENCE_NOTE = (
    f"Licensed under {LICENSE_NAME} ({LICENSE_URL}); every response carries "
    '`Link: <https://creativecommons.org/licenses/by/4.0/>; rel="license"`.'
)


class OpenDataPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500


class OpenDataLicenseOutput(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class _FileRenderer(BaseRenderer):
    """The views return finished files; this only lets content negotiation accept their type."""

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> Any:
        return data


class CsvRenderer(_FileRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"


class XlsxRenderer(_FileRenderer):
    media_type = XLSX_MEDIA_TYPE
    format = "xlsx"
    charset = None


class OpenDataApi(APIView):
    """Base of the open data views: anonymous, the same for everyone."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    dataset: Dataset

    def context(self, request: Request) -> dict[str, Any]:
        return {"request": request}

    def filename(self, extension: str) -> str:
        return f"kokeilu-{self.dataset.key}-{timezone.localdate().isoformat()}.{extension}"

    def address(self, request: Request, suffix: str) -> str:
        return request.build_absolute_uri(reverse(f"api-open-data-{self.dataset.key}{suffix}"))


class OpenDataListApi(OpenDataApi):
    def get(self, request: Request) -> Response:
        paginator = OpenDataPagination()
        page = paginator.paginate_queryset(self.dataset.queryset(), request, view=self)
        results = self.dataset.output(page, many=True, context=self.context(request)).data
        data = {
            "license": licence_data(),
            "count": paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": results,
        }
        return add_licence_header(Response(data))


class OpenDataJsonLdApi(OpenDataApi):
    renderer_classes = [JsonLdRenderer]

    def get(self, request: Request) -> Response:
        items = list(self.dataset.queryset())
        document = dataset_document(
            dataset={
                "@id": self.address(request, "-jsonld"),
                "identifier": self.dataset.key,
                "name": str(self.dataset.title),
                "description": str(self.dataset.description),
                "url": request.build_absolute_uri(reverse("opendata:index")),
            },
            items=self.dataset.graph(request, items),
            distributions=[
                ("application/json", self.address(request, "")),
                ("text/csv", self.address(request, "-csv")),
                (XLSX_MEDIA_TYPE, self.address(request, "-xlsx")),
            ],
        )
        return add_licence_header(Response(document, content_type="application/ld+json"))


class OpenDataCsvApi(OpenDataApi):
    renderer_classes = [CsvRenderer]

    def get(self, request: Request) -> HttpResponse:
        table = build_table(self.dataset.output, self.dataset.queryset(), self.context(request))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename("csv")}"'
        write_csv(response, table)
        return add_licence_header(response)


class OpenDataXlsxApi(OpenDataApi):
    renderer_classes = [XlsxRenderer]

    def get(self, request: Request) -> HttpResponse:
        table = build_table(self.dataset.output, self.dataset.queryset(), self.context(request))
        content = xlsx_bytes(table, title=str(self.dataset.title), source_url=self.address(request, "-xlsx"))
        response = HttpResponse(content, content_type=XLSX_MEDIA_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.filename("xlsx")}"'
        return add_licence_header(response)


def _page_output(dataset: Dataset) -> type[serializers.Serializer]:
    """The documented shape of one JSON page of the dataset."""
    name = f"OpenData{dataset.key.capitalize()}Page"
    fields: dict[str, Any] = {
        "license": OpenDataLicenseOutput(),
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": dataset.output(many=True),
        "__module__": __name__,
    }
    return type(name, (serializers.Serializer,), fields)


def _view_classes(dataset: Dataset) -> dict[str, type[OpenDataApi]]:
    """The four views of a dataset, each with its own documentation."""
    key = dataset.key
    # The API documentation is in English (the msgids), whatever language is active at import.
    with translation.override("en"):
        title, description = str(dataset.title), str(dataset.description)
    paging = [
        OpenApiParameter("limit", OpenApiTypes.INT, description="Items per page (default 50, at most 500)."),
        OpenApiParameter("offset", OpenApiTypes.INT, description="Items to skip."),
    ]
    specs: list[tuple[str, type[OpenDataApi], dict[Any, Any], str, list[Any]]] = [
        ("", OpenDataListApi, {200: _page_output(dataset)}, f"{title}: one page as JSON.", paging),
        (
            "-jsonld",
            OpenDataJsonLdApi,
            {(200, "application/ld+json"): OpenApiResponse(OpenApiTypes.OBJECT)},
            f"{title}: the whole dataset as schema.org JSON-LD (a Dataset node and the items in @graph).",
            [],
        ),
        (
            "-csv",
            OpenDataCsvApi,
            {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
            f"{title}: the whole dataset as CSV (UTF-8 with BOM, semicolons; licence columns on every row).",
            [],
        ),
        (
            "-xlsx",
            OpenDataXlsxApi,
            {(200, XLSX_MEDIA_TYPE): OpenApiResponse(OpenApiTypes.BINARY)},
            f"{title}: the whole dataset as an Excel workbook (a data sheet and a licence sheet).",
            [],
        ),
    ]
    views: dict[str, type[OpenDataApi]] = {}
    for suffix, base, responses, summary, parameters in specs:
        view = type(
            f"{base.__name__}{key.capitalize()}", (base,), {"dataset": dataset, "__module__": __name__}
        )
        operation = f"open_data_{key}_{suffix.strip('-') or 'list'}"
        schema = extend_schema(
            operation_id=operation,
            summary=summary,
            description=f"{description} {LICENCE_NOTE}",
            responses=responses,
            parameters=parameters,
            tags=TAGS,
        )
        views[suffix] = extend_schema_view(get=schema)(view)
    return views


VIEWS: dict[str, dict[str, type[OpenDataApi]]] = {
    key: _view_classes(dataset) for key, dataset in DATASETS.items()
}
