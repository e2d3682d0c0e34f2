from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from kokeilu.platforms.selectors import need_list_visible, platform_list_public


class ThemeOutput(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class PlatformListApi(generics.ListAPIView):
    """Public innovation platforms with their city."""

    permission_classes = [AllowAny]

    class PlatformOutput(serializers.Serializer):
        id = serializers.IntegerField()
        slug = serializers.SlugField()
        name = serializers.CharField()
        name_fi = serializers.CharField()
        name_sv = serializers.CharField()
        name_en = serializers.CharField()
        description = serializers.CharField()
        kind = serializers.CharField()
        city = serializers.CharField(source="city.name")

    serializer_class = PlatformOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return platform_list_public()


class NeedListApi(generics.ListAPIView):
    """Published development needs, optionally for one platform (`?platform=<slug>`)."""

    permission_classes = [AllowAny]

    class NeedOutput(serializers.Serializer):
        id = serializers.IntegerField()
        platform = serializers.SlugField(source="platform.slug")
        title = serializers.CharField()
        title_fi = serializers.CharField()
        title_sv = serializers.CharField()
        title_en = serializers.CharField()
        description = serializers.CharField()
        owning_unit = serializers.CharField(source="owning_unit.name", default=None, allow_null=True)
        themes = ThemeOutput(many=True, source="themes.all")
        status = serializers.CharField()

    serializer_class = NeedOutput

    @extend_schema(parameters=[OpenApiParameter("platform", str, required=False)])
    def get(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        return super().get(request, *args, **kwargs)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        needs = need_list_visible(user=self.request.user)
        platform_slug = self.request.query_params.get("platform")
        if platform_slug:
            needs = needs.filter(platform__slug=platform_slug)
        return needs.order_by("platform_id", "id")
