from django.contrib import admin
from django.http import HttpRequest

from .models import AccessLog, AnalysisRun, Dataset


class ReadOnlyAdmin(admin.ModelAdmin):
    """Analytics rows change only through services; the admin shows them and nothing more."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Dataset)
class DatasetAdmin(ReadOnlyAdmin):
    list_display = ["name", "city", "source", "people", "events", "rejected_rows", "created_at"]
    list_filter = ["source", "city"]
    exclude = ["ingest_report"]


@admin.register(AnalysisRun)
class AnalysisRunAdmin(ReadOnlyAdmin):
    list_display = ["pk", "dataset", "status", "stage", "progress", "started_by", "created_at"]
    list_filter = ["status"]
    exclude = ["results"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["accessed_at", "username", "action", "allowed", "path"]
    list_filter = ["allowed", "action"]
