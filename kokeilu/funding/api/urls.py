"""API under /api/v1/experiments/<slug>/money/..."""

from django.urls import path

from . import views

urlpatterns = [
    path("money/", views.MoneySummaryApi.as_view(), name="api-funding-summary"),
    path("money/grant/", views.MoneyGrantApi.as_view(), name="api-funding-grant"),
    path("money/lines/", views.SpendLineListCreateApi.as_view(), name="api-funding-lines"),
    path("money/lines/<int:line_id>/", views.SpendLineDetailApi.as_view(), name="api-funding-line"),
    path("money/lines.csv", views.SpendLineCsvApi.as_view(), name="api-funding-csv"),
]
