from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organisation, User
from .services import organisation_renamed


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "email", "display_name", "preferred_language", "is_superuser"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Kokeilu"),
            {"fields": ["display_name", "preferred_language", "external_issuer", "external_subject"]},
        ),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "business_id"]
    list_filter = ["kind"]
    search_fields = ["name", "business_id"]
    prepopulated_fields = {"slug": ["name"]}

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            organisation_renamed(organisation=obj)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]
