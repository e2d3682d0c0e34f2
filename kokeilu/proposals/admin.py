from django.contrib import admin

from .models import Attachment, CoApplicant, Proposal, ProposalAnswer


class AnswerInline(admin.StackedInline):
    model = ProposalAnswer
    extra = 0


class CoApplicantInline(admin.TabularInline):
    model = CoApplicant
    extra = 0
    readonly_fields = ["token"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "created_by", "applicant_kind", "status", "submitted_at"]
    list_filter = ["status", "applicant_kind", "call"]
    search_fields = ["title", "problem"]
    raw_id_fields = ["created_by", "organisation"]
    inlines = [AnswerInline, CoApplicantInline, AttachmentInline]


@admin.register(ProposalAnswer)
class ProposalAnswerAdmin(admin.ModelAdmin):
    list_display = ["proposal", "question"]
    raw_id_fields = ["proposal"]


@admin.register(CoApplicant)
class CoApplicantAdmin(admin.ModelAdmin):
    list_display = ["email", "proposal", "status"]
    raw_id_fields = ["proposal", "user"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "proposal", "content_type", "size"]
    raw_id_fields = ["proposal"]
