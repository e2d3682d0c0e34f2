"""Input and output shapes of the proposals API. Names are unique across the project's schema."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kokeilu.proposals.models import Attachment, Proposal, ProposalStatus
from kokeilu.proposals.selectors import proposal_decision


class ProposalAnswerInput(serializers.Serializer):
    question = serializers.IntegerField(help_text="Id of a question of the call.")
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)


class ProposalContentInput(serializers.Serializer):
    """The fields an applicant writes; each is optional on update."""

    applicant_kind = serializers.CharField(required=False)
    organisation_name = serializers.CharField(required=False, allow_blank=True)
    title = serializers.CharField(required=False, allow_blank=True)
    problem = serializers.CharField(required=False, allow_blank=True)
    solution = serializers.CharField(required=False, allow_blank=True)
    team = serializers.CharField(required=False, allow_blank=True)
    partner = serializers.CharField(required=False, allow_blank=True)
    budget = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)
    budget_details = serializers.CharField(required=False, allow_blank=True)
    duration_months = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=32767)
    schedule = serializers.CharField(required=False, allow_blank=True)
    answers = ProposalAnswerInput(many=True, required=False)

    def split(self) -> tuple[dict[str, Any], dict[int, str] | None]:
        """(proposal fields, answers by question id) from the validated data."""
        data = dict(self.validated_data)
        answers = data.pop("answers", None)
        return data, (None if answers is None else {answer["question"]: answer["text"] for answer in answers})


class ProposalCreateInput(ProposalContentInput):
    call = serializers.SlugField(help_text="Slug of an open call.")
    applicant_kind = serializers.CharField()
    title = serializers.CharField()


class ProposalDecisionOutput(serializers.Serializer):
    outcome = serializers.CharField()
    outcome_display = serializers.CharField(source="get_outcome_display")
    reason = serializers.CharField()


class ProposalAnswerOutput(serializers.Serializer):
    question = serializers.IntegerField(source="question_id")
    text = serializers.CharField()


class ProposalAttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, attachment: Attachment) -> str:
        return reverse(
            "api-proposal-attachment-download",
            kwargs={"pk": attachment.proposal_id, "attachment_id": attachment.pk},
        )


class ProposalCoApplicantOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    responded_at = serializers.DateTimeField(allow_null=True)


class ProposalListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    call = serializers.SlugField(source="call.slug")
    call_title = serializers.CharField(source="call.title")
    title = serializers.CharField()
    applicant_kind = serializers.CharField()
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    decision = serializers.SerializerMethodField()

    @extend_schema_field(ProposalDecisionOutput(allow_null=True))
    def get_decision(self, proposal: Proposal) -> dict[str, Any] | None:
        decision = proposal_decision(proposal)
        return None if decision is None else dict(ProposalDecisionOutput(decision).data)


class ProposalDetailOutput(ProposalListOutput):
    call_closes_at = serializers.DateTimeField(source="call.closes_at")
    proposal_mode = serializers.CharField(source="call.proposal_mode")
    organisation_name = serializers.CharField()
    problem = serializers.CharField()
    solution = serializers.CharField()
    team = serializers.CharField()
    partner = serializers.CharField()
    budget = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    budget_details = serializers.CharField()
    duration_months = serializers.IntegerField(allow_null=True)
    schedule = serializers.CharField()
    language = serializers.CharField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    answers = ProposalAnswerOutput(many=True, source="answers.all")
    attachments = ProposalAttachmentOutput(many=True, source="attachments.all")
    co_applicants = serializers.SerializerMethodField(
        help_text="Shown to the applicant and co-applicants only; empty for other readers."
    )
    can_edit = serializers.SerializerMethodField()
    can_withdraw = serializers.SerializerMethodField()

    @extend_schema_field(ProposalCoApplicantOutput(many=True))
    def get_co_applicants(self, proposal: Proposal) -> list[dict[str, Any]]:
        if not self.context.get("can_edit"):
            return []
        return list(ProposalCoApplicantOutput(proposal.co_applicants.all(), many=True).data)

    def get_can_edit(self, proposal: Proposal) -> bool:
        return bool(self.context.get("can_edit"))

    def get_can_withdraw(self, proposal: Proposal) -> bool:
        return (
            bool(self.context.get("is_owner"))
            and proposal.status != ProposalStatus.WITHDRAWN
            and proposal_decision(proposal) is None
        )


class ProposalAttachmentUploadInput(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)


class ProposalCoApplicantInviteInput(serializers.Serializer):
    email = serializers.CharField()


class ProposalInvitationOutput(serializers.Serializer):
    proposal = serializers.IntegerField(source="proposal_id")
    proposal_title = serializers.CharField(source="proposal.title")
    status = serializers.CharField()
