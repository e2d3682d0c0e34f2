from django.contrib import admin

from .models import SpendLine


@admin.register(SpendLine)
class SpendLineAdmin(admin.ModelAdmin):
    list_display = ["experiment", "spent_on", "purpose", "category", "amount", "recorded_by"]
    list_filter = ["category"]
    search_fields = ["purpose", "experiment__slug"]
    raw_id_fields = ["experiment", "recorded_by", "updated_by"]
    date_hierarchy = "spent_on"
