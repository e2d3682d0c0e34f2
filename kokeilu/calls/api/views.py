from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from kokeilu.calls.selectors import call_get_visible, call_list_open, call_list_public
from kokeilu.evaluation.selectors import proposal_list_selected_for_call


class CriterionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    weight = serializers.IntegerField()


class QuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    help = serializers.CharField()
    is_required = serializers.BooleanField(source="required")
    max_length = serializers.IntegerField()


class CallOutput(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    platform = serializers.SlugField(source="platform.slug")
    city = serializers.CharField(source="platform.city.name")
    title = serializers.CharField()
    title_fi = serializers.CharField()
    title_sv = serializers.CharField()
    title_en = serializers.CharField()
    description = serializers.CharField()
    phase = serializers.CharField()
    eligibility = serializers.ListField(child=serializers.CharField())
    proposal_mode = serializers.CharField()
    funding_per_pilot = serializers.DecimalField(max_digits=10, decimal_places=2)
    pilots_to_fund = serializers.IntegerField(allow_null=True)
    duration_min_months = serializers.IntegerField()
    duration_max_months = serializers.IntegerField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    review_ends_at = serializers.DateTimeField()
    decision_ends_at = serializers.DateTimeField()


class CallDetailOutput(CallOutput):
    needs = serializers.SerializerMethodField()
    criteria = CriterionOutput(many=True, source="criteria.all")
    questions = QuestionOutput(many=True, source="questions.all")

    def get_needs(self, call) -> list[int]:  # type: ignore[no-untyped-def]
        return [need.pk for need in call.needs.all()]


class CallListApi(generics.ListAPIView):
    """Published calls; `?open=true` lists only those open for proposals now."""

    permission_classes = [AllowAny]
    serializer_class = CallOutput

    @extend_schema(parameters=[OpenApiParameter("open", bool, required=False)])
    def get(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        return super().get(request, *args, **kwargs)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if self.request.query_params.get("open") in ("1", "true", "True"):
            return call_list_open()
        return call_list_public()


class CallDetailApi(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    serializer_class = CallDetailOutput

    def get_object(self):  # type: ignore[no-untyped-def]
        call = call_get_visible(user=self.request.user, slug=self.kwargs["slug"])
        if call is None:
            raise Http404
        return call


class SelectedPilotOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    problem = serializers.CharField()
    applicant_kind = serializers.CharField()
    organisation_name = serializers.CharField()
    decided_at = serializers.DateTimeField(source="decision.decided_at")


class SelectedPilotListApi(generics.ListAPIView):
    """The pilots selected in a call, as shown on the public call page."""

    permission_classes = [AllowAny]
    serializer_class = SelectedPilotOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        call = call_get_visible(user=self.request.user, slug=self.kwargs["slug"])
        if call is None:
            raise Http404
        return proposal_list_selected_for_call(call=call)
