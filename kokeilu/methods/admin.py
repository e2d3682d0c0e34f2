from django.contrib import admin

from .models import ExperimentMethod, Method


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_fi", "city")
    list_filter = ("city",)
    search_fields = ("slug", "name_fi", "name_sv", "name_en")


@admin.register(ExperimentMethod)
class ExperimentMethodAdmin(admin.ModelAdmin):
    list_display = ("experiment", "method", "created_at")
    raw_id_fields = ("experiment", "method", "tagged_by")
