"""API under /api/v1/experiments/<slug>/materials/."""

from django.urls import path

from . import views

urlpatterns = [
    path("materials/", views.MaterialListCreateApi.as_view(), name="api-material-list"),
    path("materials/<int:pk>/", views.MaterialDetailApi.as_view(), name="api-material-detail"),
    path("materials/<int:pk>/download/", views.MaterialDownloadApi.as_view(), name="api-material-download"),
]
