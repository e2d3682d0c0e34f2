"""API under /api/v1/experiments/<slug>/..."""

from django.urls import path

from . import template_views, views

urlpatterns = [
    path("phases/", views.PlanningPhaseListApi.as_view(), name="planning-api-phases"),
    path(
        "phases/apply-template/", views.PlanningApplyTemplateApi.as_view(), name="planning-api-apply-template"
    ),
    path("phases/advance/", views.PlanningAdvanceApi.as_view(), name="planning-api-advance"),
    path("phases/<int:phase_id>/", views.PlanningPhaseDetailApi.as_view(), name="planning-api-phase"),
    path("phases/<int:phase_id>/move/", views.PlanningPhaseMoveApi.as_view(), name="planning-api-phase-move"),
    path(
        "phases/<int:phase_id>/gate-questions/",
        views.PlanningGateQuestionListApi.as_view(),
        name="planning-api-gate-questions",
    ),
    path(
        "gate-questions/<int:question_id>/",
        views.PlanningGateQuestionDetailApi.as_view(),
        name="planning-api-gate-question",
    ),
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
    path("phase-templates/", template_views.PlanningTemplateListApi.as_view(), name="planning-api-templates"),
    path(
        "phase-templates/<int:template_id>/",
        template_views.PlanningTemplateDetailApi.as_view(),
        name="planning-api-template",
    ),
    path(
        "phase-templates/<int:template_id>/phases/",
        template_views.PlanningTemplatePhaseListApi.as_view(),
        name="planning-api-template-phases",
    ),
    path(
        "phase-templates/<int:template_id>/phases/<int:phase_id>/",
        template_views.PlanningTemplatePhaseDetailApi.as_view(),
        name="planning-api-template-phase",
    ),
    path(
        "phase-templates/<int:template_id>/phases/<int:phase_id>/move/",
        template_views.PlanningTemplatePhaseMoveApi.as_view(),
        name="planning-api-template-phase-move",
    ),
    path(
        "phase-templates/<int:template_id>/phases/<int:phase_id>/questions/",
        template_views.PlanningTemplateQuestionListApi.as_view(),
        name="planning-api-template-questions",
    ),
    path(
        "phase-templates/<int:template_id>/questions/<int:question_id>/",
        template_views.PlanningTemplateQuestionDetailApi.as_view(),
        name="planning-api-template-question",
    ),
]
