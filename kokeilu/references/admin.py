from django.contrib import admin

from .models import Reference


@admin.register(Reference)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ("partner", "experiment", "state", "approved_at", "publication_agreed")
    list_filter = ("state", "publication_agreed")
    raw_id_fields = ("experiment", "partner", "drafted_by", "approved_by", "publication_agreed_by")
    readonly_fields = (
        "state",
        "approved_by",
        "approved_at",
        "publication_agreed_by",
        "publication_agreed_at",
    )
