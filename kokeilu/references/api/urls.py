"""API under /api/v1/experiments/<slug>/references/."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "experiments/<slug:slug>/references/",
        views.ReferenceListApi.as_view(),
        name="api-references-list",
    ),
    path(
        "experiments/<slug:slug>/references/<int:pk>/",
        views.ReferenceDetailApi.as_view(),
        name="api-references-detail",
    ),
    path(
        "experiments/<slug:slug>/references/<int:pk>/approve/",
        views.ReferenceApproveApi.as_view(),
        name="api-references-approve",
    ),
    path(
        "experiments/<slug:slug>/references/<int:pk>/publication/",
        views.ReferencePublicationApi.as_view(),
        name="api-references-publication",
    ),
    path(
        "experiments/<slug:slug>/references/<int:pk>/pdf/",
        views.ReferencePdfApi.as_view(),
        name="api-references-pdf",
    ),
]
