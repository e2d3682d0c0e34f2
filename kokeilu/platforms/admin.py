from django.contrib import admin

from .models import DevelopmentNeed, Platform, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_fi", "name_sv", "name_en"]
    search_fields = ["slug", "name_fi", "name_sv", "name_en"]


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "city", "kind", "is_public"]
    list_filter = ["kind", "city"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    filter_horizontal = ["member_organisations"]


@admin.register(DevelopmentNeed)
class DevelopmentNeedAdmin(admin.ModelAdmin):
    list_display = ["title_fi", "platform", "owning_unit", "status"]
    list_filter = ["status", "platform"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    filter_horizontal = ["themes"]
