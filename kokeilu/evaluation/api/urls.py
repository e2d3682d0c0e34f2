from django.urls import path

from . import views

urlpatterns = [
    path("me/assignments/", views.MyAssignmentListApi.as_view(), name="api-my-assignment-list"),
    path("me/assignments/<int:pk>/", views.MyAssignmentDetailApi.as_view(), name="api-my-assignment-detail"),
    path("me/assignments/<int:pk>/review/", views.MyReviewSaveApi.as_view(), name="api-my-review-save"),
    path(
        "me/assignments/<int:pk>/conflict/",
        views.MyConflictDeclareApi.as_view(),
        name="api-my-conflict-declare",
    ),
    path(
        "me/assignments/<int:pk>/reviews/",
        views.MyAssignmentReviewListApi.as_view(),
        name="api-my-assignment-review-list",
    ),
    path(
        "calls/<slug:slug>/assignments/",
        views.CallAssignmentBulkCreateApi.as_view(),
        name="api-call-assignment-bulk-create",
    ),
    path("assignments/<int:pk>/", views.AssignmentDeleteApi.as_view(), name="api-assignment-delete"),
    path("calls/<slug:slug>/ranking/", views.CallRankingApi.as_view(), name="api-call-ranking"),
    path("proposals/<int:pk>/decision/", views.DecisionRecordApi.as_view(), name="api-decision-record"),
]
