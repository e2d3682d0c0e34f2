from django.contrib import admin

from .models import Question, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("position", "kind", "text_fi", "required")


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "experiment", "state", "audience", "created_at")
    list_filter = ("state", "audience")
    search_fields = ("title_fi", "title_sv", "title_en")
    raw_id_fields = ("experiment", "group", "created_by")
    inlines = [QuestionInline]
