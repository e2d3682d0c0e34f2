"""The money API under /api/v1/experiments/<slug>/money/: the summary, the spend lines and their CSV, and
the grant, through the same services and selectors as the money tab. The team only: testers get 403,
people who may not see the experiment 404; a rule of the service answers 400 with the error under the
field it concerns (an over-budget line: `confirm_over_budget`)."""

from typing import Any, cast

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.workspace import workspace_or_404
from kokeilu.funding import services
from kokeilu.funding.models import SpendCategory, SpendLine
from kokeilu.funding.selectors import money_summary, spend_line_get, spend_line_list
from kokeilu.funding.views import spend_csv_response

_NOT_FOUND = OpenApiResponse(description="No such experiment (or spend line), or not one you may see.")
_FORBIDDEN = OpenApiResponse(description="You are in the experiment but not in its team.")
_REFUSED = OpenApiResponse(
    description="Refused by the rules, e.g. an amount with more than two decimals, a receipt that is not "
    "a PDF, PNG or JPG, or a line taking the spending over the grant without `confirm_over_budget`."
)


def _user(request: Request) -> User:
    return cast(User, request.user)


def _team_workspace(request: Request, slug: str) -> Experiment:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="team")
    return experiment


def _line_or_404(experiment: Experiment, line_id: int) -> SpendLine:
    line = spend_line_get(experiment=experiment, pk=line_id)
    if line is None:
        raise Http404
    return line


class SpendLineInput(serializers.Serializer):
    spent_on = serializers.DateField()
    purpose = serializers.CharField(max_length=300)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="EUR, more than zero.")
    category = serializers.ChoiceField(choices=SpendCategory.choices, required=False, allow_blank=True)
    receipt = serializers.FileField(required=False, help_text="A PDF, PNG or JPG file (multipart only).")
    confirm_over_budget = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Needed when the line takes the total spending over the grant.",
    )


class SpendLineUpdateInput(SpendLineInput):
    remove_receipt = serializers.BooleanField(required=False, default=False)


class SpendLineOutput(serializers.Serializer):
    id = serializers.IntegerField()
    spent_on = serializers.DateField()
    purpose = serializers.CharField()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    category = serializers.CharField()
    category_label = serializers.CharField(source="get_category_display")
    has_receipt = serializers.BooleanField()
    receipt_name = serializers.CharField()
    recorded_by = serializers.CharField(source="recorded_by.get_full_name")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class MoneyCategoryOutput(serializers.Serializer):
    category = serializers.CharField(help_text="Empty for lines without a category.")
    name = serializers.CharField(source="label")
    total = serializers.DecimalField(max_digits=12, decimal_places=2)


class MoneySummaryOutput(serializers.Serializer):
    granted = serializers.DecimalField(max_digits=12, decimal_places=2)
    spent = serializers.DecimalField(max_digits=12, decimal_places=2)
    remaining = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="Granted minus spent; negative when over the grant."
    )
    is_over_budget = serializers.BooleanField(help_text="True when the spending exceeds the grant.")
    over_by = serializers.DecimalField(max_digits=12, decimal_places=2)
    line_count = serializers.IntegerField()
    by_category = MoneyCategoryOutput(many=True)


class GrantInput(serializers.Serializer):
    granted_amount = serializers.DecimalField(max_digits=10, decimal_places=2)


def _line_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    fields["receipt"] = fields.get("receipt") or None
    fields["category"] = fields.get("category") or ""
    return fields


class MoneySummaryApi(APIView):
    @extend_schema(responses={200: MoneySummaryOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """Granted, spent, remaining and the spending per category, with the over-budget flag."""
        experiment = _team_workspace(request, slug)
        return Response(MoneySummaryOutput(money_summary(experiment=experiment)).data)


class MoneyGrantApi(APIView):
    @extend_schema(
        request=GrantInput,
        responses={200: MoneySummaryOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str) -> Response:
        """Set the granted amount: the city's programme managers only."""
        experiment = _team_workspace(request, slug)
        data = GrantInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.grant_set(
            experiment=experiment,
            changed_by=_user(request),
            granted_amount=data.validated_data["granted_amount"],
        )
        return Response(MoneySummaryOutput(money_summary(experiment=experiment)).data)


class SpendLineListCreateApi(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(responses={200: SpendLineOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The experiment's spend lines, newest first."""
        experiment = _team_workspace(request, slug)
        return Response(SpendLineOutput(spend_line_list(experiment=experiment), many=True).data)

    @extend_schema(
        request={"application/json": SpendLineInput, "multipart/form-data": SpendLineInput},
        responses={201: SpendLineOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Record spending; send multipart to attach a receipt."""
        experiment = _team_workspace(request, slug)
        data = SpendLineInput(data=request.data)
        data.is_valid(raise_exception=True)
        line = services.spend_line_create(
            experiment=experiment, recorded_by=_user(request), **_line_fields(data.validated_data)
        )
        return Response(SpendLineOutput(line).data, status=status.HTTP_201_CREATED)


class SpendLineDetailApi(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(responses={200: SpendLineOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, line_id: int) -> Response:
        """One spend line."""
        experiment = _team_workspace(request, slug)
        return Response(SpendLineOutput(_line_or_404(experiment, line_id)).data)

    @extend_schema(
        request={"application/json": SpendLineUpdateInput, "multipart/form-data": SpendLineUpdateInput},
        responses={200: SpendLineOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str, line_id: int) -> Response:
        """Correct a spend line (every field is given again; a new receipt replaces the old one)."""
        experiment = _team_workspace(request, slug)
        line = _line_or_404(experiment, line_id)
        data = SpendLineUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        line = services.spend_line_update(
            line=line, updated_by=_user(request), **_line_fields(data.validated_data)
        )
        return Response(SpendLineOutput(line).data)

    @extend_schema(responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, slug: str, line_id: int) -> Response:
        """Remove a spend line; it leaves the totals."""
        experiment = _team_workspace(request, slug)
        services.spend_line_delete(line=_line_or_404(experiment, line_id), deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SpendLineCsvApi(APIView):
    @extend_schema(
        responses={(200, "text/csv"): OpenApiTypes.STR, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        """The spend lines with totals as CSV (UTF-8 with a byte order mark, semicolon-separated)."""
        return spend_csv_response(_team_workspace(request, slug))
