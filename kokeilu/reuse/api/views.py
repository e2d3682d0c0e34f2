"""Reuse of learnings as JSON, next to the library's API:

- POST /api/v1/library/learnings/<id>/reuse/ with exactly one of {"need": id}, {"call": id} or
  {"new_need_platform": id}: the programme managers of the target's city (403 for others, 404 for a
  learning that is not published, 400 for a refusal by the rules). Through `reuse.services`, as the page.
- GET /api/v1/library/learnings/<id>/reuses/: where the learning was reused, for everyone; a target that
  is not public shows only its city and kind.
"""

from typing import Any, cast

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.calls.models import Call
from kokeilu.platforms.models import DevelopmentNeed, Platform
from kokeilu.reports.models import Learning
from kokeilu.reports.selectors import published_learning_get

from .. import services
from ..models import TargetKind
from ..selectors import learning_reuse_places

_NOT_FOUND = OpenApiResponse(description="No such published learning.")
_FORBIDDEN = OpenApiResponse(description="Not a programme manager of the target's city (or not signed in).")
_REFUSED = OpenApiResponse(
    description="Not exactly one target, an unknown target, or refused by the rules: the call is no longer "
    "a draft, the need is addressed or archived, or the learning is already there."
)


@extend_schema_field({"type": "string", "enum": list(TargetKind.values)})
class TargetKindField(serializers.CharField):
    """need or call, listed inline (other apps have a `kind` of their own)."""


class ReuseCityOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class LearningReuseInput(serializers.Serializer):
    need = serializers.PrimaryKeyRelatedField(
        queryset=DevelopmentNeed.objects.select_related("platform"),
        required=False,
        help_text="An existing development need (draft or published) of your city.",
    )
    call = serializers.PrimaryKeyRelatedField(
        queryset=Call.objects.select_related("platform"),
        required=False,
        help_text="A call of your city that is still a draft.",
    )
    new_need_platform = serializers.PrimaryKeyRelatedField(
        queryset=Platform.objects.all(),
        required=False,
        help_text="A platform of your city: start a new draft development need there from the learning.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if len([key for key in ("need", "call", "new_need_platform") if attrs.get(key) is not None]) != 1:
            raise serializers.ValidationError(
                _("Choose exactly one development need or call to copy the learning into.")
            )
        return attrs


class LearningReuseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    learning = serializers.IntegerField(source="learning_id")
    city = ReuseCityOutput()
    target_kind = TargetKindField()
    need = serializers.IntegerField(source="need_id", allow_null=True)
    call = serializers.IntegerField(source="call_id", allow_null=True)
    created_at = serializers.DateTimeField()


class ReusePlaceOutput(serializers.Serializer):
    city = serializers.SerializerMethodField()
    target_kind = TargetKindField(source="kind")
    title = serializers.CharField(allow_null=True, help_text="Only when the target is public.")
    url = serializers.CharField(allow_null=True, help_text="The target's public page, when it is public.")
    label = serializers.CharField(  # type: ignore[assignment]
        help_text="In the request's language, e.g. “Helsinki: a call in preparation”."
    )
    reused_at = serializers.DateTimeField()

    @extend_schema_field(ReuseCityOutput)
    def get_city(self, place: Any) -> dict[str, str]:
        return {"slug": place.city_slug, "name": place.city_name}

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["title"] = data["title"] or None
        data["url"] = data["url"] or None
        return data


class LearningReusesOutput(serializers.Serializer):
    count = serializers.IntegerField()
    results = ReusePlaceOutput(many=True)


def _published_or_404(learning_id: int) -> Learning:
    learning = published_learning_get(pk=learning_id)
    if learning is None:
        raise Http404
    return learning


class LearningReuseApi(APIView):
    @extend_schema(
        request=LearningReuseInput,
        responses={201: LearningReuseOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, learning_id: int) -> Response:
        """Copy a published learning into a development need or draft call of your city (appended to its
        description in each of the learning's languages), or start a new draft need from it."""
        learning = _published_or_404(learning_id)
        data = LearningReuseInput(data=request.data)
        data.is_valid(raise_exception=True)
        reuse = services.learning_reuse(
            learning=learning, reused_by=cast(User, request.user), **data.validated_data
        )
        return Response(LearningReuseOutput(reuse).data, status=status.HTTP_201_CREATED)


class LearningReuseListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: LearningReusesOutput, 404: _NOT_FOUND})
    def get(self, request: Request, learning_id: int) -> Response:
        """Where a published learning was reused, oldest first. A target that is not public (a call in
        preparation, a draft need) shows only its city and kind."""
        learning = _published_or_404(learning_id)
        places = learning_reuse_places(learning_id=learning.pk)
        return Response(LearningReusesOutput({"count": len(places), "results": places}).data)
