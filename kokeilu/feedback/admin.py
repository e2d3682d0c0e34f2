from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .models import ApiClient, Feedback
from .services import api_client_create, api_client_rotate_key


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Open311 clients. The key is made by the service and shown once, after saving; only its hash is kept."""

    list_display = ["name", "contact_email", "key_prefix", "is_active", "last_used_at"]
    list_filter = ["is_active"]
    readonly_fields = ["key_prefix", "last_used_at"]
    fields = ["name", "contact_email", "is_active", "key_prefix", "last_used_at"]
    actions = ["rotate_keys"]

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        client, raw_key = api_client_create(name=obj.name, contact_email=obj.contact_email)
        obj.pk, obj.key_prefix, obj.key_hash = client.pk, client.key_prefix, client.key_hash
        obj.created_at, obj.updated_at = client.created_at, client.updated_at
        if not obj.is_active:
            ApiClient.objects.filter(pk=client.pk).update(is_active=False)
        messages.warning(
            request,
            _("The API key of %(name)s is %(key)s. It is shown only now.")
            % {"name": obj.name, "key": raw_key},
        )

    @admin.action(description=_("Give new API keys (the old ones stop working)"))
    def rotate_keys(self, request: HttpRequest, queryset: Any) -> None:
        for client in queryset:
            raw_key = api_client_rotate_key(client=client)
            messages.warning(
                request,
                _("The new API key of %(name)s is %(key)s. It is shown only now.")
                % {"name": client.name, "key": raw_key},
            )


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read-only here: feedback is handled on the handling pages, which keep its rules."""

    list_display = ["id", "service", "producer", "kind", "state", "requested_at", "channel"]
    list_filter = ["state", "kind", "channel"]
    search_fields = ["id", "service__name_fi", "token"]
    date_hierarchy = "requested_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
