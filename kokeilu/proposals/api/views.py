"""The proposals API: one view per path, one method per operation, all through services and selectors.

A proposal the user may not see answers 404; an action on a visible proposal that the user may not take
answers 403 (PermissionDeniedError); a refusal by the rules answers 400 with the field it concerns.
"""

from typing import cast

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kokeilu.accounts.models import User
from kokeilu.calls.selectors import call_get_visible
from kokeilu.proposals import services
from kokeilu.proposals.models import CoApplicant, Proposal
from kokeilu.proposals.selectors import (
    attachment_get_visible,
    coapplicant_get_by_token,
    proposal_get_visible,
    proposal_list_for_applicant,
    user_can_edit_proposal,
    user_is_proposal_owner,
)
from kokeilu.proposals.services import ProposalNotValidError

from .serializers import (
    ProposalAttachmentOutput,
    ProposalAttachmentUploadInput,
    ProposalCoApplicantInviteInput,
    ProposalCoApplicantOutput,
    ProposalContentInput,
    ProposalCreateInput,
    ProposalDetailOutput,
    ProposalInvitationOutput,
    ProposalListOutput,
)

_NOT_FOUND = OpenApiResponse(description="No such proposal, or not visible to you.")
_FORBIDDEN = OpenApiResponse(description="You may see the proposal but not do this.")
_REFUSED = OpenApiResponse(description="Refused by the rules, e.g. the deadline has passed.")


def _user(request: Request) -> User:
    # Every view here requires an authenticated user (the default permission class).
    return cast(User, request.user)


def _visible_or_404(request: Request, pk: int) -> Proposal:
    proposal = proposal_get_visible(user=_user(request), pk=pk)
    if proposal is None:
        raise Http404
    return proposal


def _detail(request: Request, pk: int, *, status_code: int = status.HTTP_200_OK) -> Response:
    proposal = _visible_or_404(request, pk)
    user = _user(request)
    context = {
        "can_edit": user_can_edit_proposal(user, proposal),
        "is_owner": user_is_proposal_owner(user, proposal),
    }
    return Response(ProposalDetailOutput(proposal, context=context).data, status=status_code)


class ProposalApiBase(APIView):
    def handle_exception(self, exc: Exception) -> Response:
        # Several fields can be wrong at once; answer with every one, as DRF does for its own validation.
        if isinstance(exc, ProposalNotValidError):
            exc = exceptions.ValidationError(exc.errors)
        return super().handle_exception(exc)


class ProposalListCreateApi(ProposalApiBase, generics.ListAPIView):
    """My proposals (created and co-applied), and starting a draft for a call."""

    serializer_class = ProposalListOutput

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return proposal_list_for_applicant(user=_user(self.request))

    @extend_schema(
        request=ProposalCreateInput,
        responses={201: ProposalDetailOutput, 400: _REFUSED},
        description="Start a draft. Only `call`, `applicant_kind` and `title` are needed now.",
    )
    def post(self, request: Request) -> Response:
        serializer = ProposalCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields, answers = serializer.split()
        call = call_get_visible(user=_user(request), slug=fields.pop("call"))
        if call is None:
            raise exceptions.ValidationError({"call": [_("There is no such call.")]})
        proposal = services.proposal_create_draft(
            call=call, created_by=_user(request), answers=answers, **fields
        )
        return _detail(request, proposal.pk, status_code=status.HTTP_201_CREATED)


class ProposalDetailApi(ProposalApiBase):
    @extend_schema(responses={200: ProposalDetailOutput, 404: _NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        return _detail(request, pk)

    @extend_schema(
        request=ProposalContentInput,
        responses={200: ProposalDetailOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
        description=(
            "Change the given fields. `answers` replaces the answers to the listed questions; errors in an "
            "answer are reported under `question_<id>`. A submitted proposal must stay complete."
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        proposal = _visible_or_404(request, pk)
        serializer = ProposalContentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields, answers = serializer.split()
        services.proposal_update(proposal=proposal, updated_by=_user(request), answers=answers, **fields)
        return _detail(request, pk)


class ProposalSubmitApi(ProposalApiBase):
    @extend_schema(
        request=None,
        responses={200: ProposalDetailOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _visible_or_404(request, pk)
        services.proposal_submit(proposal=proposal, submitted_by=_user(request))
        return _detail(request, pk)


class ProposalWithdrawApi(ProposalApiBase):
    @extend_schema(
        request=None,
        responses={200: ProposalDetailOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
        description="Withdraw the proposal; allowed for its creator until a decision has been made.",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _visible_or_404(request, pk)
        services.proposal_withdraw(proposal=proposal, withdrawn_by=_user(request))
        return _detail(request, pk)


class ProposalReopenApi(ProposalApiBase):
    @extend_schema(
        request=None,
        responses={200: ProposalDetailOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
        description="Turn a withdrawn proposal back into a draft, before the deadline.",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _visible_or_404(request, pk)
        services.proposal_reopen(proposal=proposal, reopened_by=_user(request))
        return _detail(request, pk)


class ProposalAttachmentListApi(ProposalApiBase):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses={200: ProposalAttachmentOutput(many=True), 404: _NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        proposal = _visible_or_404(request, pk)
        return Response(ProposalAttachmentOutput(proposal.attachments.all(), many=True).data)

    @extend_schema(
        request={"multipart/form-data": ProposalAttachmentUploadInput},
        responses={201: ProposalAttachmentOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _visible_or_404(request, pk)
        serializer = ProposalAttachmentUploadInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.attachment_upload(
            proposal=proposal, uploaded_by=_user(request), file=serializer.validated_data["file"]
        )
        return Response(ProposalAttachmentOutput(attachment).data, status=status.HTTP_201_CREATED)


class ProposalAttachmentDetailApi(ProposalApiBase):
    @extend_schema(responses={204: None, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND})
    def delete(self, request: Request, pk: int, attachment_id: int) -> Response:
        attachment = attachment_get_visible(user=_user(request), proposal_pk=pk, attachment_pk=attachment_id)
        if attachment is None:
            raise Http404
        services.attachment_delete(attachment=attachment, deleted_by=_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProposalAttachmentDownloadApi(ProposalApiBase):
    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: _NOT_FOUND},
        description="The file as a download (`Content-Disposition: attachment` with its original name).",
    )
    def get(self, request: Request, pk: int, attachment_id: int) -> FileResponse:
        attachment = attachment_get_visible(user=_user(request), proposal_pk=pk, attachment_pk=attachment_id)
        if attachment is None:
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ProposalCoApplicantInviteApi(ProposalApiBase):
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        request=ProposalCoApplicantInviteInput,
        responses={201: ProposalCoApplicantOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
        description="Invite a co-applicant by e-mail; they receive a link to accept.",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _visible_or_404(request, pk)
        serializer = ProposalCoApplicantInviteInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        coapplicant = services.coapplicant_invite(
            proposal=proposal, invited_by=_user(request), email=serializer.validated_data["email"]
        )
        return Response(ProposalCoApplicantOutput(coapplicant).data, status=status.HTTP_201_CREATED)


class ProposalCoApplicantRevokeApi(ProposalApiBase):
    @extend_schema(
        request=None,
        responses={200: ProposalCoApplicantOutput, 400: _REFUSED, 403: _FORBIDDEN, 404: _NOT_FOUND},
    )
    def post(self, request: Request, pk: int, coapplicant_id: int) -> Response:
        proposal = _visible_or_404(request, pk)
        coapplicant = CoApplicant.objects.filter(proposal=proposal, pk=coapplicant_id).first()
        if coapplicant is None:
            raise Http404
        coapplicant = services.coapplicant_revoke(coapplicant=coapplicant, revoked_by=_user(request))
        return Response(ProposalCoApplicantOutput(coapplicant).data)


def _invitation_or_404(token: str) -> CoApplicant:
    coapplicant = coapplicant_get_by_token(token=token)
    if coapplicant is None:
        raise Http404
    return coapplicant


class InvitationAcceptApi(ProposalApiBase):
    @extend_schema(
        request=None,
        responses={200: ProposalInvitationOutput, 400: _REFUSED, 404: _NOT_FOUND},
        description="Join a proposal as a co-applicant with the token from the invitation e-mail.",
    )
    def post(self, request: Request, token: str) -> Response:
        coapplicant = services.coapplicant_accept(coapplicant=_invitation_or_404(token), user=_user(request))
        return Response(ProposalInvitationOutput(coapplicant).data)


class InvitationDeclineApi(ProposalApiBase):
    @extend_schema(request=None, responses={200: ProposalInvitationOutput, 400: _REFUSED, 404: _NOT_FOUND})
    def post(self, request: Request, token: str) -> Response:
        coapplicant = services.coapplicant_decline(coapplicant=_invitation_or_404(token), user=_user(request))
        return Response(ProposalInvitationOutput(coapplicant).data)
