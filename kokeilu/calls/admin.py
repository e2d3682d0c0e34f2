from django.contrib import admin

from .models import Call, CallQuestion, Criterion


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class CallQuestionInline(admin.StackedInline):
    model = CallQuestion
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title_fi", "platform", "opens_at", "closes_at", "published_at"]
    list_filter = ["platform", "proposal_mode"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    filter_horizontal = ["needs", "themes"]
    inlines = [CriterionInline, CallQuestionInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "call", "weight", "position"]


@admin.register(CallQuestion)
class CallQuestionAdmin(admin.ModelAdmin):
    list_display = ["text_fi", "call", "required", "position"]
