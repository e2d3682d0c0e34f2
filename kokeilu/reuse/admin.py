from django.contrib import admin

from .models import LearningReuse


@admin.register(LearningReuse)
class LearningReuseAdmin(admin.ModelAdmin):
    list_display = ["learning", "city", "need", "call", "created_by", "created_at"]
    list_filter = ["city"]
    raw_id_fields = ["learning", "need", "call", "created_by"]
