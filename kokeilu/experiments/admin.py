from django.contrib import admin

from .models import Experiment, ExperimentMember, ExperimentPartner, Invitation, ParticipantGroup


class MemberInline(admin.TabularInline):
    model = ExperimentMember
    extra = 0
    raw_id_fields = ["user", "partner"]


class PartnerInline(admin.TabularInline):
    model = ExperimentPartner
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(Experiment)
class ExperimentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "city", "status", "starts_on", "ends_on", "is_public"]
    list_filter = ["status", "city", "is_public"]
    search_fields = ["title_fi", "title_sv", "title_en", "slug"]
    raw_id_fields = ["proposal", "call", "platform", "owner_unit", "created_by"]
    inlines = [PartnerInline, MemberInline]


@admin.register(ParticipantGroup)
class ParticipantGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "experiment"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    raw_id_fields = ["experiment"]
    filter_horizontal = ["members"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "experiment", "role", "status", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["email"]
    raw_id_fields = ["experiment", "group", "invited_by", "accepted_by"]
    readonly_fields = ["token"]
