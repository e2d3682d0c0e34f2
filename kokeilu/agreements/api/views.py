"""Partners and the agreement under /api/v1/experiments/<slug>/, through the same services and selectors
as the tab. Members see the partners, the status and the published versions; managers and leads draw,
edit and publish the draft; a party's representative accepts. Someone who may not see the experiment
gets 404; a member lacking the right gets 403; a rule of the service answers 400."""

from typing import Any, cast

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.agreements import services
from kokeilu.agreements.models import Agreement, AgreementVersion, PartyKind
from kokeilu.agreements.selectors import (
    AgreementStatus,
    agreement_get,
    agreement_status,
    partner_list,
    template_list,
    version_get,
    version_list,
)
from kokeilu.experiments.models import Experiment, ExperimentPartner
from kokeilu.experiments.workspace import Level, workspace_or_404

_NOT_FOUND = OpenApiResponse(
    description="No such experiment (or agreement, version), or not one you may see."
)
_FORBIDDEN = OpenApiResponse(description="You may see the experiment but not do this.")
_REFUSED = OpenApiResponse(
    description="Refused by the rules; the error is under the field or `detail` + `code`."
)


def _user(request: Request) -> User:
    return cast(User, request.user)


def _workspace(request: Request, slug: str, level: Level) -> Experiment:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level=level)
    return experiment


def _agreement_or_404(experiment: Experiment) -> Agreement:
    agreement = agreement_get(experiment=experiment)
    if agreement is None:
        raise Http404
    return agreement


def _version_or_404(experiment: Experiment, number: int) -> AgreementVersion:
    version = version_get(agreement=_agreement_or_404(experiment), number=number)
    if version is None:
        raise Http404
    return version


class PartnerRepresentativeOutput(serializers.Serializer):
    name = serializers.CharField(source="user.get_full_name")
    member_role = serializers.CharField(source="role")


class PartnerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    partner_role = serializers.CharField(source="role", help_text="lead_partner, partner, subcontractor, ...")
    partner_role_label = serializers.CharField(source="get_role_display")
    representatives = PartnerRepresentativeOutput(many=True, source="representative_members")


class AcceptanceOutput(serializers.Serializer):
    party_kind = serializers.CharField(help_text="city or partner")
    partner = serializers.IntegerField(source="partner_id", allow_null=True)
    party_name = serializers.CharField()
    accepted_by = serializers.CharField(source="accepted_by.get_full_name")
    accepted_at = serializers.DateTimeField()
    text_sha256 = serializers.CharField()


class VersionListOutput(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    text_sha256 = serializers.CharField()
    published_by = serializers.CharField(source="published_by.get_full_name")
    published_at = serializers.DateTimeField()
    acceptances = AcceptanceOutput(many=True, source="acceptances.all")


class VersionOutput(VersionListOutput):
    text = serializers.CharField()


class PartyOutput(serializers.Serializer):
    party = serializers.CharField(source="key", help_text='"city" or the partner organisation\'s id.')
    party_kind = serializers.CharField(source="kind")
    name = serializers.CharField()
    accepted = serializers.BooleanField()
    accepted_by = serializers.SerializerMethodField()
    accepted_at = serializers.SerializerMethodField()
    can_accept = serializers.BooleanField(help_text="You may accept the current version for this party.")

    def get_accepted_by(self, party: Any) -> str | None:
        return party.acceptance.accepted_by.get_full_name() if party.acceptance else None

    def get_accepted_at(self, party: Any) -> str | None:
        return party.acceptance.accepted_at.isoformat() if party.acceptance else None


class AgreementStatusOutput(serializers.Serializer):
    exists = serializers.SerializerMethodField()
    in_force = serializers.BooleanField()
    current_version = serializers.IntegerField(source="current.number", allow_null=True, default=None)
    current_text_sha256 = serializers.CharField(source="current.text_sha256", allow_null=True, default=None)
    waiting_count = serializers.SerializerMethodField()
    parties = PartyOutput(many=True)

    def get_exists(self, state: AgreementStatus) -> bool:
        return state.agreement is not None

    def get_waiting_count(self, state: AgreementStatus) -> int:
        return len(state.waiting) if state.current else 0


class DraftOutput(serializers.Serializer):
    title = serializers.CharField(source="draft_title")
    text = serializers.CharField(source="draft_text")
    language = serializers.CharField()
    template = serializers.IntegerField(source="template_id", allow_null=True)


class DraftCreateInput(serializers.Serializer):
    template = serializers.IntegerField(help_text="Id of a built-in template or one of the city's.")
    language = serializers.ChoiceField(choices=["fi", "sv", "en"], default="fi")


class DraftUpdateInput(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    text = serializers.CharField(max_length=100000)


class AcceptInput(serializers.Serializer):
    party = serializers.CharField(help_text='"city" or the id of the partner organisation you represent.')
    text_sha256 = serializers.CharField(help_text="The SHA-256 of the version's text you read.")


class PartnerListApi(APIView):
    @extend_schema(responses={200: PartnerOutput(many=True), 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The experiment's partner organisations with their roles and representatives."""
        experiment = _workspace(request, slug, "view")
        return Response(PartnerOutput(partner_list(experiment=experiment), many=True).data)


class AgreementStatusApi(APIView):
    @extend_schema(responses={200: AgreementStatusOutput, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The current version and, for every party, whether it has accepted it; in force when all have."""
        experiment = _workspace(request, slug, "view")
        return Response(
            AgreementStatusOutput(agreement_status(experiment=experiment, user=request.user)).data
        )


class AgreementVersionListApi(APIView):
    @extend_schema(responses={200: VersionListOutput(many=True), 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The published versions, newest first, with their acceptances."""
        experiment = _workspace(request, slug, "view")
        agreement = agreement_get(experiment=experiment)
        versions = version_list(agreement=agreement) if agreement else []
        return Response(VersionListOutput(versions, many=True).data)


class AgreementVersionDetailApi(APIView):
    @extend_schema(responses={200: VersionOutput, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str, number: int) -> Response:
        """One published version with its text and acceptances."""
        experiment = _workspace(request, slug, "view")
        return Response(VersionOutput(_version_or_404(experiment, number)).data)


class AgreementDraftApi(APIView):
    @extend_schema(responses={200: DraftOutput, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def get(self, request: Request, slug: str) -> Response:
        """The draft (managers and leads)."""
        experiment = _workspace(request, slug, "manage")
        return Response(DraftOutput(_agreement_or_404(experiment)).data)

    @extend_schema(
        request=DraftCreateInput,
        responses={201: DraftOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Draw up the agreement from a template; the placeholders are filled in."""
        experiment = _workspace(request, slug, "manage")
        data = DraftCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        template = template_list(experiment=experiment).filter(pk=data.validated_data["template"]).first()
        if template is None:
            raise serializers.ValidationError({"template": [_("Choose one of the templates offered.")]})
        agreement = services.agreement_draw(
            experiment=experiment,
            template=template,
            drawn_by=_user(request),
            language=data.validated_data["language"],
        )
        return Response(DraftOutput(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DraftUpdateInput,
        responses={200: DraftOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def put(self, request: Request, slug: str) -> Response:
        """Replace the draft's title and text (published versions do not change)."""
        experiment = _workspace(request, slug, "manage")
        agreement = _agreement_or_404(experiment)
        data = DraftUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        agreement = services.agreement_draft_update(
            agreement=agreement, updated_by=_user(request), **data.validated_data
        )
        return Response(DraftOutput(agreement).data)


class AgreementPublishApi(APIView):
    @extend_schema(
        request=None, responses={201: VersionOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND}
    )
    def post(self, request: Request, slug: str) -> Response:
        """Publish the draft as the next version; every party accepts it afresh."""
        experiment = _workspace(request, slug, "manage")
        version = services.agreement_publish(
            agreement=_agreement_or_404(experiment), published_by=_user(request)
        )
        return Response(
            VersionOutput(version_get(agreement=version.agreement, number=version.number)).data, status=201
        )


class AgreementAcceptApi(APIView):
    @extend_schema(
        request=AcceptInput,
        responses={201: AcceptanceOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, slug: str, number: int) -> Response:
        """Accept the version on behalf of a party you represent, with the hash of the text you read."""
        experiment = _workspace(request, slug, "view")
        version = _version_or_404(experiment, number)
        data = AcceptInput(data=request.data)
        data.is_valid(raise_exception=True)
        party = data.validated_data["party"]
        partner = None
        if party != PartyKind.CITY:
            partner = ExperimentPartner.objects.filter(
                experiment=experiment, pk=int(party) if party.isdigit() else 0
            ).first()
            if partner is None:
                raise serializers.ValidationError({"party": [_("Choose the party you accept for.")]})
        acceptance = services.agreement_accept(
            version=version,
            accepted_by=_user(request),
            party_kind=PartyKind.CITY if partner is None else PartyKind.PARTNER,
            partner=partner,
            text_sha256_seen=data.validated_data["text_sha256"],
        )
        return Response(AcceptanceOutput(acceptance).data, status=status.HTTP_201_CREATED)
