from django.contrib import admin

from .models import ConflictOfInterest, CriterionScore, Decision, Review, ReviewAssignment


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    list_display = ["proposal", "reviewer", "assigned_by", "created_at"]
    raw_id_fields = ["proposal", "reviewer", "assigned_by"]


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ["proposal", "reviewer", "created_at"]
    raw_id_fields = ["proposal", "reviewer"]


class CriterionScoreInline(admin.TabularInline):
    model = CriterionScore
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["proposal", "reviewer", "status", "recommendation", "weighted_score"]
    list_filter = ["status", "recommendation"]
    raw_id_fields = ["assignment", "proposal", "reviewer"]
    inlines = [CriterionScoreInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["proposal", "outcome", "decided_by", "decided_at", "notified_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["proposal", "decided_by"]
