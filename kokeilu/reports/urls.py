"""Pages under /<lang>/reports/: the report editor in an experiment's workspace frame, and the public
pages of approved reports and their learnings."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.published_list, name="published_list"),
    path("learnings/<int:pk>/", views.learning_detail, name="learning"),
    path("experiments/<slug:slug>/", views.editor, name="editor"),
    path("experiments/<slug:slug>/report/", views.report_save, name="report_save"),
    path("experiments/<slug:slug>/learnings/new/", views.learning_create, name="learning_create"),
    path("experiments/<slug:slug>/learnings/<int:pk>/", views.learning_edit, name="learning_edit"),
    path("experiments/<slug:slug>/learnings/<int:pk>/delete/", views.learning_delete, name="learning_delete"),
    path("experiments/<slug:slug>/quotes/new/", views.quote_create, name="quote_create"),
    path("experiments/<slug:slug>/quotes/<int:pk>/", views.quote_edit, name="quote_edit"),
    path("experiments/<slug:slug>/quotes/<int:pk>/delete/", views.quote_delete, name="quote_delete"),
    path("experiments/<slug:slug>/measures/new/", views.measure_create, name="measure_create"),
    path("experiments/<slug:slug>/measures/<int:pk>/", views.measure_edit, name="measure_edit"),
    path("experiments/<slug:slug>/measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
    path("experiments/<slug:slug>/submit/", views.submit, name="submit"),
    path("experiments/<slug:slug>/approve/", views.approve, name="approve"),
    path("experiments/<slug:slug>/return/", views.return_for_changes, name="return"),
    path("<slug:slug>/", views.public_report, name="public"),
]
