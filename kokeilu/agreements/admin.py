"""Admin: templates and drafts can be edited; published versions and acceptances are read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Agreement, AgreementAcceptance, AgreementTemplate, AgreementVersion


@admin.register(AgreementTemplate)
class AgreementTemplateAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "city", "key"]
    raw_id_fields = ["city", "created_by"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["draft_title", "experiment", "language"]
    raw_id_fields = ["experiment", "template", "created_by"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "number", "published_by", "published_at", "text_sha256"]


@admin.register(AgreementAcceptance)
class AgreementAcceptanceAdmin(ReadOnlyAdmin):
    list_display = ["version", "party_name", "accepted_by", "accepted_at", "text_sha256"]
