"""Materials API under /api/v1/experiments/<slug>/materials/: the same selectors and services as the
pages. Someone who may not see the experiment (or the material) gets 404; a member lacking the team's
rights 403; a rule of the service 400 with the error under its field."""

from typing import Any, cast

from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.experiments.api.groups import group_from_id
from kokeilu.experiments.models import Audience, Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_or_404

from .. import services
from ..models import Material
from ..selectors import material_get_visible, material_list_visible

_NOT_FOUND = OpenApiResponse(description="No such experiment or material, or not one you may see.")
_FORBIDDEN = OpenApiResponse(description="Only the experiment's team can do this.")
_REFUSED = OpenApiResponse(description="Refused by the rules; the error is under the field it concerns.")


def _user(request: Request) -> User:
    return cast(User, request.user)


def _material_or_404(experiment: Experiment, access: ExperimentAccess, pk: int) -> Material:
    material = material_get_visible(experiment=experiment, access=access, pk=pk)
    if material is None:
        raise Http404
    return material


class MaterialOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="file or link.")
    title = serializers.CharField()
    description = serializers.CharField()
    url = serializers.CharField(help_text="The link of a link material; empty for a file.")
    file_name = serializers.CharField(source="original_name", help_text="The file's name; empty for a link.")
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="The file's size in bytes.")
    download_url = serializers.SerializerMethodField()
    audience = serializers.ChoiceField(choices=Audience.choices)
    group = serializers.IntegerField(source="group_id", allow_null=True)
    created_by = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_download_url(self, material: Material) -> str | None:
        if not material.is_file:
            return None
        path = reverse("api-material-download", kwargs={"slug": self.context["slug"], "pk": material.pk})
        return str(self.context["request"].build_absolute_uri(path))


class MaterialCreateInput(serializers.Serializer):
    """Send multipart/form-data with `file`, or JSON/form data with `url` (exactly one of them)."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False, default=Audience.EXPERIMENT)
    group = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of the group (audience=group)."
    )
    url = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    file = serializers.FileField(required=False, allow_null=True)


class MaterialUpdateInput(serializers.Serializer):
    """Every field is optional; a link's `url` may change, a file may be replaced by a new `file`."""

    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    group = serializers.IntegerField(required=False, allow_null=True)
    url = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    file = serializers.FileField(required=False, allow_null=True)


def _output(request: Request, experiment: Experiment, data: Any, many: bool = False) -> Any:
    return MaterialOutput(data, many=many, context={"request": request, "slug": experiment.slug}).data


class MaterialListCreateApi(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        operation_id="experiment_materials_list",
        responses={200: MaterialOutput(many=True), 404: _NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
        materials = list(material_list_visible(experiment=experiment, access=access)[:500])
        return Response(_output(request, experiment, materials, many=True))

    @extend_schema(
        operation_id="experiment_materials_create",
        request={"multipart/form-data": MaterialCreateInput, "application/json": MaterialCreateInput},
        responses={201: MaterialOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="team")
        serializer = MaterialCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        material = services.material_create(
            experiment=experiment,
            created_by=_user(request),
            title=data["title"],
            description=data.get("description", ""),
            audience=data.get("audience", Audience.EXPERIMENT),
            group=group_from_id(experiment, data.get("group")),
            file=data.get("file"),
            url=data.get("url", ""),
        )
        return Response(_output(request, experiment, material), status=status.HTTP_201_CREATED)


class MaterialDetailApi(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        operation_id="experiment_materials_retrieve", responses={200: MaterialOutput, 404: _NOT_FOUND}
    )
    def get(self, request: Request, slug: str, pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
        return Response(_output(request, experiment, _material_or_404(experiment, access, pk)))

    @extend_schema(
        operation_id="experiment_materials_update",
        request={"multipart/form-data": MaterialUpdateInput, "application/json": MaterialUpdateInput},
        responses={200: MaterialOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, slug: str, pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
        material = _material_or_404(experiment, access, pk)
        serializer = MaterialUpdateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        audience = data.get("audience", material.audience)
        if "group" in data:
            group = group_from_id(experiment, data["group"])
        else:
            group = material.group if audience == Audience.GROUP else None
        services.material_update(
            material=material,
            updated_by=_user(request),
            title=data.get("title", material.title),
            description=data.get("description", material.description),
            audience=audience,
            group=group,
            url=data.get("url"),
            file=data.get("file"),
        )
        return Response(_output(request, experiment, material))

    @extend_schema(
        operation_id="experiment_materials_destroy",
        responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def delete(self, request: Request, slug: str, pk: int) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
        material = _material_or_404(experiment, access, pk)
        services.material_delete(material=material, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MaterialDownloadApi(APIView):
    @extend_schema(
        operation_id="experiment_materials_download",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The file, as an attachment."
            ),
            404: _NOT_FOUND,
        },
    )
    def get(self, request: Request, slug: str, pk: int) -> FileResponse:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
        material = _material_or_404(experiment, access, pk)
        if not material.is_file:
            raise Http404
        try:
            handle = material.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle, as_attachment=True, filename=material.original_name, content_type=material.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
