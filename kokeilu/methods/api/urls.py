"""API under /api/v1/: the methods library and an experiment's method tags."""

from django.urls import path

from . import views

urlpatterns = [
    path("methods/", views.MethodListApi.as_view(), name="api-methods-list"),
    path("methods/<slug:slug>/", views.MethodDetailApi.as_view(), name="api-methods-detail"),
    path(
        "experiments/<slug:slug>/methods/",
        views.ExperimentMethodsApi.as_view(),
        name="api-methods-experiment",
    ),
]
