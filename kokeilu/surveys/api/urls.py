"""API under /api/v1/experiments/<slug>/surveys/."""

from django.urls import path

from . import views

urlpatterns = [
    path("surveys/", views.SurveyListCreateApi.as_view(), name="api-survey-list"),
    path("surveys/<int:survey_id>/", views.SurveyDetailApi.as_view(), name="api-survey-detail"),
    path("surveys/<int:survey_id>/open/", views.SurveyOpenApi.as_view(), name="api-survey-open"),
    path("surveys/<int:survey_id>/close/", views.SurveyCloseApi.as_view(), name="api-survey-close"),
    path("surveys/<int:survey_id>/link/", views.SurveyNewLinkApi.as_view(), name="api-survey-new-link"),
    path(
        "surveys/<int:survey_id>/questions/",
        views.SurveyQuestionCreateApi.as_view(),
        name="api-survey-questions",
    ),
    path(
        "surveys/<int:survey_id>/questions/<int:question_id>/",
        views.SurveyQuestionDetailApi.as_view(),
        name="api-survey-question",
    ),
    path("surveys/<int:survey_id>/results/", views.SurveyResultsApi.as_view(), name="api-survey-results"),
    path("surveys/<int:survey_id>/answers/", views.SurveyAnswerApi.as_view(), name="api-survey-answer"),
    path("surveys/link/<str:token>/", views.SurveyLinkApi.as_view(), name="api-survey-link"),
    path(
        "surveys/link/<str:token>/answers/",
        views.SurveyLinkAnswerApi.as_view(),
        name="api-survey-link-answer",
    ),
]
