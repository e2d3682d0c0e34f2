"""API under /api/v1/library/learnings/<id>/reuse(s)/."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "library/learnings/<int:learning_id>/reuse/",
        views.LearningReuseApi.as_view(),
        name="api-library-learning-reuse",
    ),
    path(
        "library/learnings/<int:learning_id>/reuses/",
        views.LearningReuseListApi.as_view(),
        name="api-library-learning-reuses",
    ),
]
