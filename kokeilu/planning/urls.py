"""Pages under /<lang>/experiments/<slug>/plan/ (see config/urls.py); every view receives `slug`."""

from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("timeline.svg", views.timeline_svg, name="timeline_svg"),
    path("apply-template/", views.apply_template, name="apply_template"),
    path("advance/", views.advance, name="advance"),
    path("phases/new/", views.phase_create, name="phase_create"),
    path("phases/<int:pk>/", views.phase_edit, name="phase_edit"),
    path("phases/<int:pk>/move/", views.phase_move, name="phase_move"),
    path("phases/<int:pk>/delete/", views.phase_delete, name="phase_delete"),
    path("phases/<int:pk>/questions/new/", views.question_create, name="question_create"),
    path("questions/<int:pk>/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("questions/<int:pk>/answer/", views.answer, name="answer"),
    path("milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    path("tasks/new/", views.task_create, name="task_create"),
    path("tasks/<int:pk>/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("status/", views.status_create, name="status_create"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/delete/", views.template_delete, name="template_delete"),
    path("templates/<int:pk>/phases/new/", views.template_phase_create, name="template_phase_create"),
    path(
        "templates/<int:pk>/questions/new/", views.template_question_create, name="template_question_create"
    ),
    path("template-phases/<int:pk>/move/", views.template_phase_move, name="template_phase_move"),
    path("template-phases/<int:pk>/delete/", views.template_phase_delete, name="template_phase_delete"),
    path(
        "template-questions/<int:pk>/delete/", views.template_question_delete, name="template_question_delete"
    ),
]
