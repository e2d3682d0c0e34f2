"""Co-development methods under /api/v1/methods/ and an experiment's method tags under
/api/v1/experiments/<slug>/methods/, through the same services and selectors as the pages. Anyone reads
the library; site administrators write the built-in methods and a city's programme managers the city's;
the experiment's managers and leads set its tags."""

from typing import cast

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.core.exceptions import PermissionDeniedError
from kokeilu.experiments.workspace import workspace_or_404
from kokeilu.methods import services
from kokeilu.methods.models import Method
from kokeilu.methods.selectors import method_get, method_list, methods_of_experiment, methods_usable_for

_NOT_FOUND = OpenApiResponse(description="No such method or experiment, or not one you may see.")
_FORBIDDEN = OpenApiResponse(description="You may not do this.")
_REFUSED = OpenApiResponse(description="Refused by the rules; the error is under the field.")


def _user(request: Request) -> User:
    return cast(User, request.user)


def _method_or_404(slug: str) -> Method:
    method = method_get(slug=slug)
    if method is None:
        raise Http404
    return method


class MethodOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(help_text="In the request's language, falling back to the others.")
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    link = serializers.CharField()
    builtin = serializers.BooleanField(source="is_builtin")
    city = serializers.CharField(source="city.slug", allow_null=True, default=None)


class MethodFieldsInput(serializers.Serializer):
    name_fi = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    name_sv = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description_fi = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    description_sv = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    description_en = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")


class MethodCreateInput(MethodFieldsInput):
    city = serializers.CharField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The city's slug for a city's own method; leave out for a built-in method.",
    )


class ExperimentMethodsInput(serializers.Serializer):
    methods = serializers.ListField(
        child=serializers.SlugField(), max_length=services.MAX_TAGS, help_text="The methods' slugs."
    )


class MethodListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: MethodOutput(many=True)})
    def get(self, request: Request) -> Response:
        """Every co-development method: the built-in ones and the cities' own."""
        return Response(MethodOutput(method_list(), many=True).data)

    @extend_schema(request=MethodCreateInput, responses={201: MethodOutput, 400: _REFUSED, 403: _FORBIDDEN})
    def post(self, request: Request) -> Response:
        """Add a method: a built-in one (site administrators) or a city's (its programme managers)."""
        if not request.user.is_authenticated:
            raise PermissionDeniedError()
        data = MethodCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        city_slug = fields.pop("city")
        city = None
        if city_slug:
            city = Organisation.objects.filter(slug=city_slug, kind=OrganisationKind.CITY).first()
            if city is None:
                raise serializers.ValidationError({"city": [_("No such city.")]})
        method = services.method_create(created_by=_user(request), city=city, **fields)
        return Response(MethodOutput(method).data, status=status.HTTP_201_CREATED)


class MethodDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: MethodOutput, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """One method."""
        return Response(MethodOutput(_method_or_404(slug)).data)

    @extend_schema(
        request=MethodFieldsInput,
        responses={200: MethodOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str) -> Response:
        """Replace a method's names, descriptions and link."""
        method = _method_or_404(slug)
        if not request.user.is_authenticated:
            raise PermissionDeniedError()
        data = MethodFieldsInput(data=request.data)
        data.is_valid(raise_exception=True)
        method = services.method_update(method=method, updated_by=_user(request), **data.validated_data)
        return Response(MethodOutput(method).data)


class ExperimentMethodsApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: MethodOutput(many=True), 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The methods the experiment is tagged with (anyone who may see the experiment)."""
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="public")
        return Response(MethodOutput(methods_of_experiment(experiment=experiment), many=True).data)

    @extend_schema(
        request=ExperimentMethodsInput,
        responses={200: MethodOutput(many=True), 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str) -> Response:
        """Tag the experiment with exactly these methods (its managers and leads)."""
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
        data = ExperimentMethodsInput(data=request.data)
        data.is_valid(raise_exception=True)
        slugs = set(data.validated_data["methods"])
        methods = list(methods_usable_for(experiment=experiment).filter(slug__in=slugs))
        if len(methods) != len(slugs):
            raise serializers.ValidationError({"methods": [_("Choose one of the methods offered.")]})
        services.experiment_methods_set(experiment=experiment, methods=methods, set_by=_user(request))
        return Response(MethodOutput(methods_of_experiment(experiment=experiment), many=True).data)
