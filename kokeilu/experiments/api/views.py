"""The experiments API: experiments, their people, groups and invitations, through the same services and
selectors as the pages. A workspace the person may not see answers 404; a member lacking the right 403."""

from typing import Any, cast

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.accounts.selectors import user_can_manage_city
from kokeilu.experiments import services
from kokeilu.experiments.models import Experiment, ExperimentMember, Invitation, ParticipantGroup
from kokeilu.experiments.selectors import (
    experiment_list_public,
    experiment_list_visible,
    group_list,
    invitation_get_by_token,
    invitation_list,
    roster_visible,
)
from kokeilu.experiments.workspace import workspace_or_404
from kokeilu.proposals.models import Proposal

from .groups import group_from_id
from .serializers import (
    ExperimentCreateInput,
    ExperimentDetailOutput,
    ExperimentFromProposalInput,
    ExperimentListOutput,
    ExperimentMemberOutput,
    ExperimentMemberRoleInput,
    ExperimentTransitionInput,
    ExperimentUpdateInput,
    ExperimentWorkspaceOutput,
    InvitationAcceptInput,
    InvitationInput,
    InvitationOutput,
    ParticipantGroupInput,
    ParticipantGroupOutput,
)

_NOT_FOUND = OpenApiResponse(description="No such experiment, or not one you may see.")
_FORBIDDEN = OpenApiResponse(description="You take part but lack the right to do this.")


def _user(request: Request) -> User:
    return cast(User, request.user)


def _detail(request: Request, experiment: Experiment, *, code: int = status.HTTP_200_OK) -> Response:
    _experiment, access = workspace_or_404(user=request.user, slug=experiment.slug, level="public")
    experiment.refresh_from_db()
    if access.can_view:
        data: dict[str, Any] = ExperimentWorkspaceOutput(experiment, context={"access": access}).data
    else:
        data = ExperimentDetailOutput(experiment).data
    return Response(data, status=code)


class ExperimentListCreateApi(APIView):
    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "GET" else list(super().get_permissions())

    @extend_schema(
        parameters=[OpenApiParameter("public", bool, description="Public experiments instead of your own.")],
        responses=ExperimentListOutput(many=True),
        summary="Experiments you take part in or manage (or, with public=true, the public ones)",
    )
    def get(self, request: Request) -> Response:
        if request.query_params.get("public") in ("1", "true") or not request.user.is_authenticated:
            experiments = experiment_list_public()
        else:
            experiments = experiment_list_visible(user=request.user)
        return Response(ExperimentListOutput(experiments[:500], many=True).data)

    @extend_schema(
        request=ExperimentCreateInput,
        responses={201: ExperimentWorkspaceOutput, 403: _FORBIDDEN},
        summary="Start a staff experiment (a city's programme managers)",
    )
    def post(self, request: Request) -> Response:
        data = ExperimentCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        city = get_object_or_404(Organisation, slug=values.pop("city"), kind=OrganisationKind.CITY)
        experiment = services.experiment_create(city=city, created_by=_user(request), **values)
        return _detail(request, experiment, code=status.HTTP_201_CREATED)


class ExperimentFromProposalApi(APIView):
    @extend_schema(
        request=ExperimentFromProposalInput,
        responses={
            201: ExperimentWorkspaceOutput,
            404: OpenApiResponse(description="No such proposal you manage."),
        },
        summary="Turn a selected proposal into an experiment",
    )
    def post(self, request: Request) -> Response:
        data = ExperimentFromProposalInput(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = (
            Proposal.objects.select_related("call__platform")
            .filter(pk=data.validated_data["proposal"])
            .first()
        )
        if proposal is None or not user_can_manage_city(_user(request), proposal.call.platform.city_id):
            raise Http404
        experiment = services.experiment_create_from_proposal(
            proposal=proposal, created_by=_user(request), starts_on=data.validated_data.get("starts_on")
        )
        return _detail(request, experiment, code=status.HTTP_201_CREATED)


class ExperimentDetailApi(APIView):
    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "GET" else list(super().get_permissions())

    @extend_schema(
        responses={200: ExperimentWorkspaceOutput, 404: _NOT_FOUND},
        summary="One experiment (members see the whole workspace record, others a public one's public face)",
    )
    def get(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="public")
        return _detail(request, experiment)

    @extend_schema(
        request=ExperimentUpdateInput,
        responses={200: ExperimentWorkspaceOutput, 403: _FORBIDDEN, 404: _NOT_FOUND},
        summary="Change the experiment (leads and managers; grant and publicity: managers)",
    )
    def patch(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
        data = ExperimentUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.experiment_update(experiment=experiment, updated_by=_user(request), **data.validated_data)
        return _detail(request, experiment)


class ExperimentTransitionApi(APIView):
    @extend_schema(
        request=ExperimentTransitionInput,
        responses={200: ExperimentWorkspaceOutput, 403: _FORBIDDEN, 404: _NOT_FOUND},
        summary="Move the experiment to running, completed or cancelled",
    )
    def post(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
        data = ExperimentTransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.experiment_transition(
            experiment=experiment, to_status=data.validated_data["status"], changed_by=_user(request)
        )
        return _detail(request, experiment)


class MemberListApi(APIView):
    @extend_schema(responses={200: ExperimentMemberOutput(many=True), 404: _NOT_FOUND}, summary="The roster")
    def get(self, request: Request, slug: str) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
        members = roster_visible(experiment=experiment, access=access, user=request.user)
        return Response(ExperimentMemberOutput(members, many=True).data)


def _member(request: Request, slug: str, pk: int, level: str = "manage") -> ExperimentMember:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level=level)  # type: ignore[arg-type]
    return get_object_or_404(
        ExperimentMember.objects.select_related("experiment", "user"), pk=pk, experiment=experiment
    )


class MemberDetailApi(APIView):
    @extend_schema(
        request=ExperimentMemberRoleInput,
        responses={200: ExperimentMemberOutput, 403: _FORBIDDEN, 404: _NOT_FOUND},
        summary="Change a member's role",
    )
    def patch(self, request: Request, slug: str, pk: int) -> Response:
        member = _member(request, slug, pk)
        data = ExperimentMemberRoleInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.member_change_role(
            member=member, role=data.validated_data["role"], changed_by=_user(request)
        )
        return Response(ExperimentMemberOutput(member).data)

    @extend_schema(
        responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND},
        summary="Remove a member (or leave, when it is you)",
    )
    def delete(self, request: Request, slug: str, pk: int) -> Response:
        member = _member(request, slug, pk, level="view")
        services.member_remove(member=member, removed_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _group_members(experiment: Experiment, ids: list[int]) -> list[ExperimentMember]:
    members = list(ExperimentMember.objects.filter(experiment=experiment, pk__in=ids))
    if len(members) != len(set(ids)):
        raise ValidationError({"members": [_("Only the experiment's members can be added to its groups.")]})
    return members


class GroupListCreateApi(APIView):
    @extend_schema(
        responses={200: ParticipantGroupOutput(many=True), 404: _NOT_FOUND}, summary="Groups you may see"
    )
    def get(self, request: Request, slug: str) -> Response:
        experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
        groups = group_list(experiment=experiment, access=access).prefetch_related("members")
        return Response(ParticipantGroupOutput(groups, many=True).data)

    @extend_schema(
        request=ParticipantGroupInput,
        responses={201: ParticipantGroupOutput, 403: _FORBIDDEN, 404: _NOT_FOUND},
        summary="Create a participant group",
    )
    def post(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
        data = ParticipantGroupInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        member_ids = values.pop("members", None)
        with transaction.atomic():
            group = services.group_create(experiment=experiment, created_by=_user(request), **values)
            if member_ids is not None:
                services.group_set_members(
                    group=group, members=_group_members(experiment, member_ids), changed_by=_user(request)
                )
        return Response(ParticipantGroupOutput(group).data, status=status.HTTP_201_CREATED)


class GroupDetailApi(APIView):
    def _group(self, request: Request, slug: str, pk: int) -> ParticipantGroup:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
        return get_object_or_404(
            ParticipantGroup.objects.select_related("experiment"), pk=pk, experiment=experiment
        )

    @extend_schema(
        request=ParticipantGroupInput,
        responses={200: ParticipantGroupOutput, 403: _FORBIDDEN, 404: _NOT_FOUND},
        summary="Rename a group and set its members",
    )
    def patch(self, request: Request, slug: str, pk: int) -> Response:
        group = self._group(request, slug, pk)
        data = ParticipantGroupInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        member_ids = values.pop("members", None)
        services.group_update(
            group=group,
            updated_by=_user(request),
            name_fi=values.get("name_fi", group.name_fi),
            name_sv=values.get("name_sv", group.name_sv),
            name_en=values.get("name_en", group.name_en),
            description=values.get("description", group.description),
            members=_group_members(group.experiment, member_ids) if member_ids is not None else None,
        )
        return Response(ParticipantGroupOutput(group).data)

    @extend_schema(responses={204: None, 403: _FORBIDDEN, 404: _NOT_FOUND}, summary="Delete a group")
    def delete(self, request: Request, slug: str, pk: int) -> Response:
        services.group_delete(group=self._group(request, slug, pk), deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationListCreateApi(APIView):
    @extend_schema(
        responses={200: InvitationOutput(many=True), 403: _FORBIDDEN, 404: _NOT_FOUND}, summary="Invitations"
    )
    def get(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
        return Response(InvitationOutput(invitation_list(experiment=experiment), many=True).data)

    @extend_schema(
        request=InvitationInput,
        responses={201: InvitationOutput, 403: _FORBIDDEN, 404: _NOT_FOUND},
        summary="Invite a person by e-mail",
    )
    def post(self, request: Request, slug: str) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
        data = InvitationInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        group_id = values.pop("group", None)
        group = group_from_id(experiment, group_id)
        invitation = services.invitation_create(
            experiment=experiment, invited_by=_user(request), group=group, **values
        )
        return Response(InvitationOutput(invitation).data, status=status.HTTP_201_CREATED)


class InvitationRevokeApi(APIView):
    @extend_schema(
        request=None,
        responses={200: InvitationOutput, 403: _FORBIDDEN, 404: _NOT_FOUND},
        summary="Withdraw an invitation",
    )
    def post(self, request: Request, slug: str, pk: int) -> Response:
        experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
        invitation = get_object_or_404(
            Invitation.objects.select_related("experiment"), pk=pk, experiment=experiment
        )
        services.invitation_revoke(invitation=invitation, revoked_by=_user(request))
        return Response(InvitationOutput(invitation).data)


class InvitationAcceptApi(APIView):
    @extend_schema(
        request=InvitationAcceptInput,
        responses={200: ExperimentMemberOutput, 404: OpenApiResponse(description="No such invitation.")},
        summary="Accept an invitation with its token",
    )
    def post(self, request: Request) -> Response:
        data = InvitationAcceptInput(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = invitation_get_by_token(token=data.validated_data["token"])
        if invitation is None:
            raise Http404
        member = services.invitation_accept(invitation=invitation, user=_user(request))
        return Response(ExperimentMemberOutput(member).data)
