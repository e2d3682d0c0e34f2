"""Company references under /api/v1/experiments/<slug>/references/, through the same services and
selectors as the pages. The team sees every reference; others who may see the experiment see the
published ones. Someone who may not see the experiment gets 404; a member lacking the right 403; a rule
of the service answers 400."""

from typing import cast

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.experiments.models import Experiment, ExperimentPartner
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_or_404
from kokeilu.references import services
from kokeilu.references.models import Reference
from kokeilu.references.pdf import reference_pdf
from kokeilu.references.selectors import reference_get, reference_list

_NOT_FOUND = OpenApiResponse(description="No such experiment or reference, or not one you may see.")
_FORBIDDEN = OpenApiResponse(description="You may see the experiment but not do this.")
_REFUSED = OpenApiResponse(
    description="Refused by the rules; the error is under the field or `detail` + `code`."
)


def _user(request: Request) -> User:
    return cast(User, request.user)


def _reference_or_404(experiment: Experiment, access: ExperimentAccess, pk: int) -> Reference:
    reference = reference_get(experiment=experiment, access=access, pk=pk)
    if reference is None:
        raise Http404
    return reference


class PersonOutput(serializers.Serializer):
    name = serializers.SerializerMethodField()

    def get_name(self, user: User) -> str:
        return user.get_full_name() or user.get_username()


class ReferenceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    partner = serializers.IntegerField(source="partner_id")
    partner_name = serializers.CharField(source="partner.name")
    state = serializers.CharField(help_text="draft or approved")
    text = serializers.CharField(help_text="In the request's language, falling back to the others.")
    text_fi = serializers.CharField()
    text_sv = serializers.CharField()
    text_en = serializers.CharField()
    approved_by = PersonOutput(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    publication_agreed = serializers.BooleanField()
    public = serializers.BooleanField(source="is_public")


class ReferenceTextInput(serializers.Serializer):
    text_fi = serializers.CharField(
        max_length=services.MAX_TEXT_LENGTH, required=False, allow_blank=True, default=""
    )
    text_sv = serializers.CharField(
        max_length=services.MAX_TEXT_LENGTH, required=False, allow_blank=True, default=""
    )
    text_en = serializers.CharField(
        max_length=services.MAX_TEXT_LENGTH, required=False, allow_blank=True, default=""
    )


class ReferenceCreateInput(ReferenceTextInput):
    partner = serializers.IntegerField(help_text="Id of one of the experiment's partner organisations.")


class PublicationInput(serializers.Serializer):
    publication_agreed = serializers.BooleanField()


class ReferenceListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: ReferenceOutput(many=True), 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The experiment's references: all of them for its team, the published ones for others."""
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
        return Response(ReferenceOutput(reference_list(experiment=experiment, access=access), many=True).data)

    @extend_schema(
        request=ReferenceCreateInput,
        responses={201: ReferenceOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Draft a reference for a partner organisation of the completed experiment (managers, leads)."""
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
        data = ReferenceCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        partner = ExperimentPartner.objects.filter(experiment=experiment, pk=fields.pop("partner")).first()
        if partner is None:
            from django.utils.translation import gettext as _

            raise serializers.ValidationError(
                {"partner": [_("The partner organisation is not part of this experiment.")]}
            )
        reference = services.reference_create(
            experiment=experiment, partner=partner, drafted_by=_user(request), **fields
        )
        return Response(ReferenceOutput(reference).data, status=status.HTTP_201_CREATED)


class ReferenceDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: ReferenceOutput, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, pk: int) -> Response:
        """One reference."""
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
        return Response(ReferenceOutput(_reference_or_404(experiment, access, pk)).data)

    @extend_schema(
        request=ReferenceTextInput,
        responses={200: ReferenceOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str, pk: int) -> Response:
        """Replace the draft's text (managers and leads); an approved text cannot be changed."""
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
        reference = _reference_or_404(experiment, access, pk)
        data = ReferenceTextInput(data=request.data)
        data.is_valid(raise_exception=True)
        reference = services.reference_update(
            reference=reference, updated_by=_user(request), **data.validated_data
        )
        return Response(ReferenceOutput(reference).data)


class ReferenceApproveApi(APIView):
    @extend_schema(
        request=None, responses={200: ReferenceOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def post(self, request: Request, slug: str, pk: int) -> Response:
        """Approve the draft on the city's behalf (the city's programme managers)."""
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
        reference = services.reference_approve(
            reference=_reference_or_404(experiment, access, pk), approved_by=_user(request)
        )
        return Response(ReferenceOutput(reference).data)


class ReferencePublicationApi(APIView):
    @extend_schema(
        request=PublicationInput,
        responses={200: ReferenceOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str, pk: int) -> Response:
        """Record or withdraw the company's consent to publish the approved reference (the partner's
        representatives and the city's programme managers)."""
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
        reference = _reference_or_404(experiment, access, pk)
        data = PublicationInput(data=request.data)
        data.is_valid(raise_exception=True)
        reference = services.reference_set_publication(
            reference=reference, recorded_by=_user(request), agreed=data.validated_data["publication_agreed"]
        )
        return Response(ReferenceOutput(reference).data)


class ReferencePdfApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY, description="The PDF."),
            404: _NOT_FOUND,
        }
    )
    def get(self, request: Request, slug: str, pk: int) -> HttpResponse:
        """The approved reference as a PDF, in the request's language where the text has it."""
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
        reference = _reference_or_404(experiment, access, pk)
        if not reference.is_approved:
            raise Http404
        content = reference_pdf(reference, language=(get_language() or "fi")[:2])
        response = HttpResponse(content, content_type="application/pdf")
        name = slugify(f"{reference.partner.name} {experiment.slug}") or "reference"
        response["Content-Disposition"] = f'attachment; filename="reference-{name}.pdf"'
        return response
