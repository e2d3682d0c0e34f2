"""The dashboard's numbers as JSON: the same selector, filters and cache as the page.

A city the user does not manage answers 404, as the page does; people who manage no city get 404 too
(the API does not tell whether a city exists)."""

from dataclasses import asdict
from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.calls.models import ApplicantKind

from ..forms import DashboardFilterForm, filters_from
from ..selectors import dashboard_city_get, dashboard_data, dashboard_data_version
from ..views import _call_choices


class DashboardDecisionTimeOutput(serializers.Serializer):
    decisions = serializers.IntegerField()
    q1_days = serializers.FloatField(allow_null=True, help_text="Lower quartile, days.")
    median_days = serializers.FloatField(allow_null=True)
    q3_days = serializers.FloatField(allow_null=True, help_text="Upper quartile, days.")


class DashboardFunnelStageOutput(serializers.Serializer):
    key = serializers.ChoiceField(
        choices=["needs", "calls", "proposals", "selected", "running", "completed", "adopted"]
    )
    count = serializers.IntegerField()


class DashboardPeriodOutput(serializers.Serializer):
    needs = serializers.IntegerField()
    calls = serializers.IntegerField()
    proposals = serializers.IntegerField(help_text="Submitted proposals.")
    selected = serializers.IntegerField()
    experiments = serializers.IntegerField(help_text="Experiments starting in the period (any status).")
    running = serializers.IntegerField()
    completed = serializers.IntegerField()
    adopted = serializers.IntegerField()
    granted = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    decision_time = DashboardDecisionTimeOutput()


class DashboardYearOutput(DashboardPeriodOutput):
    year = serializers.IntegerField()


class DashboardCallOutput(DashboardPeriodOutput):
    slug = serializers.SlugField()
    title = serializers.CharField()
    year = serializers.IntegerField(help_text="The year the call opened.")


class DashboardKindOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    proposals = serializers.IntegerField()
    selected = serializers.IntegerField()


class DashboardUnitOutput(serializers.Serializer):
    unit = serializers.CharField(help_text="The responsible unit's name; empty when none is set.")
    experiments = serializers.IntegerField()
    granted = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)


class DashboardFiltersOutput(serializers.Serializer):
    year_from = serializers.IntegerField()
    year_to = serializers.IntegerField()
    call = serializers.CharField(help_text="The chosen call's slug; empty for every call.")


class DashboardOutput(serializers.Serializer):
    city = serializers.SlugField()
    filters = DashboardFiltersOutput()
    funnel = DashboardFunnelStageOutput(many=True)
    decision_time = DashboardDecisionTimeOutput()
    granted = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    years = DashboardYearOutput(many=True)
    calls = DashboardCallOutput(many=True)
    kinds = DashboardKindOutput(many=True)
    units = DashboardUnitOutput(many=True)


class DashboardApi(APIView):
    @extend_schema(
        operation_id="dashboard_retrieve",
        summary="A city's programme dashboard",
        description=(
            "The funnel, time from submission to decision, budget granted and spent, and participation, "
            "per year and per call, for a city you manage (site administrators: any city). Calls, "
            "proposals and decisions count in the year the call opened; experiments and money in the "
            "year the experiment starts. With `call`, the numbers are the call's own and the years are "
            "not applied."
        ),
        parameters=[
            OpenApiParameter("year_from", int, description="First year (default: nine years ago)."),
            OpenApiParameter("year_to", int, description="Last year (default: this year)."),
            OpenApiParameter("call", str, description="Slug of one of the city's published calls."),
        ],
        responses={
            200: DashboardOutput,
            400: OpenApiResponse(description="A filter is invalid; the errors are under its name."),
            404: OpenApiResponse(description="No such city, or not one you manage."),
        },
    )
    def get(self, request: Request, city_slug: str) -> Response:
        city = dashboard_city_get(user=request.user, slug=city_slug)
        if city is None:
            raise Http404
        version = dashboard_data_version(city_id=city.pk)
        form = DashboardFilterForm(request.query_params or None, calls=_call_choices(city.pk, version))
        if request.query_params and not form.is_valid():
            raise serializers.ValidationError(
                {field: [str(message) for message in messages] for field, messages in form.errors.items()}
            )
        filters = filters_from(form)
        data = dashboard_data(city_id=city.pk, filters=filters, version=version)
        payload: dict[str, Any] = asdict(data)
        payload.pop("city_id")
        payload["city"] = city.slug
        payload["filters"] = {
            "year_from": filters.year_from,
            "year_to": filters.year_to,
            "call": filters.call_slug,
        }
        return Response(DashboardOutput(payload).data)
