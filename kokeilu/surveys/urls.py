"""Pages under /<lang>/experiments/<slug>/surveys/ (see config/urls.py); every view receives `slug`."""

from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="create"),
    path("<int:survey_id>/", views.survey_detail, name="detail"),
    path("<int:survey_id>/edit/", views.survey_edit, name="edit"),
    path("<int:survey_id>/delete/", views.survey_delete, name="delete"),
    path("<int:survey_id>/state/", views.survey_state, name="state"),
    path("<int:survey_id>/link/", views.survey_new_link, name="new_link"),
    path("<int:survey_id>/qr.png", views.survey_qr, {"kind": "png"}, name="qr_png"),
    path("<int:survey_id>/qr.svg", views.survey_qr, {"kind": "svg"}, name="qr_svg"),
    path("<int:survey_id>/questions/new/", views.question_add, name="question_add"),
    path("<int:survey_id>/questions/<int:question_id>/", views.question_edit, name="question_edit"),
    path(
        "<int:survey_id>/questions/<int:question_id>/delete/", views.question_delete, name="question_delete"
    ),
    path("<int:survey_id>/answer/", views.survey_answer, name="answer"),
    path("<int:survey_id>/results/", views.survey_results_page, name="results"),
    path("<int:survey_id>/results/live/", views.survey_results_live, name="results_live"),
    path("<int:survey_id>/results.csv", views.survey_export, name="export"),
]
