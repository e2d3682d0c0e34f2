"""API under /api/v1/library/..."""

from django.urls import path

from . import views

urlpatterns = [
    path("library/learnings/", views.LibraryLearningListApi.as_view(), name="api-library-learnings"),
]
