"""API under /api/v1/reports/..."""

from django.urls import path

from . import views

urlpatterns = [
    path("reports/published/", views.PublishedReportListApi.as_view(), name="api-reports-published-list"),
    path("reports/published/<slug:slug>/", views.PublishedReportApi.as_view(), name="api-reports-published"),
    path("reports/learnings/", views.PublishedLearningListApi.as_view(), name="api-reports-learning-list"),
    path(
        "reports/learnings/<int:learning_id>/",
        views.PublishedLearningApi.as_view(),
        name="api-reports-learning-public",
    ),
    path("reports/experiments/<slug:slug>/", views.ReportApi.as_view(), name="api-reports-report"),
    path(
        "reports/experiments/<slug:slug>/submit/", views.ReportSubmitApi.as_view(), name="api-reports-submit"
    ),
    path(
        "reports/experiments/<slug:slug>/approve/",
        views.ReportApproveApi.as_view(),
        name="api-reports-approve",
    ),
    path(
        "reports/experiments/<slug:slug>/return/", views.ReportReturnApi.as_view(), name="api-reports-return"
    ),
    path(
        "reports/experiments/<slug:slug>/learnings/",
        views.LearningListCreateApi.as_view(),
        name="api-reports-learnings",
    ),
    path(
        "reports/experiments/<slug:slug>/learnings/<int:learning_id>/",
        views.LearningDetailApi.as_view(),
        name="api-reports-learning",
    ),
    path(
        "reports/experiments/<slug:slug>/quotes/",
        views.QuoteListCreateApi.as_view(),
        name="api-reports-quotes",
    ),
    path(
        "reports/experiments/<slug:slug>/quotes/<int:quote_id>/",
        views.QuoteDetailApi.as_view(),
        name="api-reports-quote",
    ),
    path(
        "reports/experiments/<slug:slug>/measures/",
        views.MeasureListCreateApi.as_view(),
        name="api-reports-measures",
    ),
    path(
        "reports/experiments/<slug:slug>/measures/<int:measure_id>/",
        views.MeasureDetailApi.as_view(),
        name="api-reports-measure",
    ),
]
