"""API under /api/v1/experiments/<slug>/: posts, comments and the person's notification preference."""

from django.urls import path

from . import views

urlpatterns = [
    path("posts/", views.PostListCreateApi.as_view(), name="api-post-list"),
    path("posts/<int:pk>/", views.PostDetailApi.as_view(), name="api-post-detail"),
    path("posts/<int:pk>/comments/", views.PostCommentListCreateApi.as_view(), name="api-post-comments"),
    path(
        "posts/<int:pk>/comments/<int:comment_pk>/",
        views.PostCommentDetailApi.as_view(),
        name="api-post-comment-detail",
    ),
    path(
        "posts/<int:pk>/comments/<int:comment_pk>/hide/",
        views.PostCommentHideApi.as_view(),
        name="api-post-comment-hide",
    ),
    path(
        "notification-preference/",
        views.NotificationPreferenceApi.as_view(),
        name="api-notification-preference",
    ),
]
