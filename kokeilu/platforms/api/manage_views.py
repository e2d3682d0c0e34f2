"""The manager's side of the development needs API, through the same services and selectors as the
platform pages.

A need of a platform the user does not manage answers 404, even when it is published; creating a need on
a platform the user may see but not manage answers 403 (the service refuses); a rule of the service
answers 400 with the error under the field it concerns. The list is filtered, never refused.
"""

from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import Organisation, User
from kokeilu.platforms import services
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform, Theme
from kokeilu.platforms.selectors import need_list_visible, platform_get_visible, platform_list_managed_by

from .views import ThemeOutput

_NOT_FOUND = OpenApiResponse(description="No such need, or not one of a platform you manage.")
_FORBIDDEN = OpenApiResponse(description="You may see the platform but not manage it.")
_REFUSED = OpenApiResponse(
    description="Refused by the rules, e.g. a status change that is not allowed; the error is under the "
    "field it concerns."
)


def _user(request: Request) -> User:
    # Every view here requires an authenticated user (the default permission class).
    return cast(User, request.user)


def _managed_needs(user: User) -> QuerySet[DevelopmentNeed]:
    """Needs of the platforms the user manages, in any status."""
    return need_list_visible(user=user).filter(platform__in=platform_list_managed_by(user=user))


def _owning_unit(platform: Platform, unit_id: int | None) -> Organisation | None:
    """The owning unit by id; whether it may own the platform's needs is the service's rule."""
    if unit_id is None:
        return None
    unit = Organisation.objects.filter(pk=unit_id).first()
    if unit is None:
        raise serializers.ValidationError({"owning_unit": [_("Choose the city or one of its units.")]})
    return unit


# --- Serializers (named uniquely across the project: they become schema components) ------------------


class ManagedNeedUpdateInput(serializers.Serializer):
    """The fields of a need a manager writes. On PATCH every field is optional and `themes`, when given,
    replaces the need's themes. The platform of a need cannot be changed."""

    title_fi = serializers.CharField()
    title_sv = serializers.CharField(required=False, allow_blank=True)
    title_en = serializers.CharField(required=False, allow_blank=True)
    description_fi = serializers.CharField(required=False, allow_blank=True)
    description_sv = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    owning_unit = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of the platform's city or of one of its units."
    )
    themes = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Theme.objects.all(), required=False, help_text="Theme slugs."
    )
    status = serializers.ChoiceField(
        choices=NeedStatus.choices,
        required=False,
        help_text="A new need starts as a draft; a change must be an allowed transition.",
    )


class ManagedNeedInput(ManagedNeedUpdateInput):
    platform = serializers.SlugField(help_text="Slug of a platform of a city you manage.")


class ManagedNeedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    platform = serializers.SlugField(source="platform.slug")
    title = serializers.CharField()
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()
    description = serializers.CharField()
    description_fi = serializers.CharField()
    description_sv = serializers.CharField()
    description_en = serializers.CharField()
    owning_unit = serializers.IntegerField(source="owning_unit_id", allow_null=True)
    owning_unit_name = serializers.CharField(source="owning_unit.name", default=None, allow_null=True)
    themes = ThemeOutput(many=True, source="themes.all")
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


def _need_response(user: User, need_id: int, *, status_code: int = status.HTTP_200_OK) -> Response:
    # Read back through the selector: related rows as a reader sees them, not as the service left them.
    return Response(ManagedNeedOutput(_managed_needs(user).get(pk=need_id)).data, status=status_code)


# --- Views -------------------------------------------------------------------------------------------


class ManagedNeedListCreateApi(generics.ListAPIView):
    """Development needs of the platforms you manage, in any status (`?platform=<slug>` for one); and
    adding a need."""

    serializer_class = ManagedNeedOutput

    @extend_schema(parameters=[OpenApiParameter("platform", str, required=False)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[DevelopmentNeed]:
        needs = _managed_needs(_user(self.request))
        platform_slug = self.request.query_params.get("platform")
        if platform_slug:
            needs = needs.filter(platform__slug=platform_slug)
        return needs.order_by("platform_id", "id")

    @extend_schema(
        request=ManagedNeedInput,
        responses={201: ManagedNeedOutput, 400: _REFUSED, 403: _FORBIDDEN},
        description="Add a development need; with `status` it moves on from draft at once (e.g. published).",
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        data = ManagedNeedInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        platform = platform_get_visible(user=user, slug=fields.pop("platform"))
        if platform is None:
            raise serializers.ValidationError({"platform": [_("There is no such platform.")]})
        if "owning_unit" in fields:
            fields["owning_unit"] = _owning_unit(platform, fields["owning_unit"])
        if fields.get("status") is None:
            fields.pop("status", None)
        need = services.need_create(created_by=user, platform=platform, **fields)
        return _need_response(user, need.pk, status_code=status.HTTP_201_CREATED)


class ManagedNeedDetailApi(APIView):
    @extend_schema(responses={200: ManagedNeedOutput, 404: _NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        """A need of a platform you manage, in any status."""
        return Response(ManagedNeedOutput(self._need_or_404(request, pk)).data)

    @extend_schema(
        request=ManagedNeedUpdateInput,
        responses={200: ManagedNeedOutput, 400: _REFUSED, 404: _NOT_FOUND},
    )
    def patch(self, request: Request, pk: int) -> Response:
        """Change the given fields; a status change must be an allowed transition."""
        user = _user(request)
        need = self._need_or_404(request, pk)
        data = ManagedNeedUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "owning_unit" in fields:
            fields["owning_unit"] = _owning_unit(need.platform, fields["owning_unit"])
        services.need_update(need=need, updated_by=user, **fields)
        return _need_response(user, need.pk)

    @staticmethod
    def _need_or_404(request: Request, pk: int) -> DevelopmentNeed:
        need = _managed_needs(_user(request)).filter(pk=pk).first()
        if need is None:
            raise Http404
        return need
