"""API under /api/v1/experiments/<slug>/..."""

from django.urls import path

from . import views

urlpatterns = [
    path("phases/", views.PlanningPhaseListApi.as_view(), name="planning-api-phases"),
    path(
        "phases/apply-template/", views.PlanningApplyTemplateApi.as_view(), name="planning-api-apply-template"
    ),
    path("phases/advance/", views.PlanningAdvanceApi.as_view(), name="planning-api-advance"),
    path("phases/<int:phase_id>/", views.PlanningPhaseDetailApi.as_view(), name="planning-api-phase"),
    path("phases/<int:phase_id>/move/", views.PlanningPhaseMoveApi.as_view(), name="planning-api-phase-move"),
    path(
        "gate-questions/<int:question_id>/answer/",
        views.PlanningGateAnswerApi.as_view(),
        name="planning-api-gate-answer",
    ),
    path("milestones/", views.PlanningMilestoneListApi.as_view(), name="planning-api-milestones"),
    path(
        "milestones/<int:milestone_id>/",
        views.PlanningMilestoneDetailApi.as_view(),
        name="planning-api-milestone",
    ),
    path("tasks/", views.PlanningTaskListApi.as_view(), name="planning-api-tasks"),
    path("tasks/<int:task_id>/", views.PlanningTaskDetailApi.as_view(), name="planning-api-task"),
    path("status-reports/", views.PlanningStatusReportListApi.as_view(), name="planning-api-status-reports"),
    path("phase-templates/", views.PlanningTemplateListApi.as_view(), name="planning-api-templates"),
]
