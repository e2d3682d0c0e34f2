from django.urls import path

from . import manage_views, views

urlpatterns = [
    path("calls/", views.CallListApi.as_view(), name="api-call-list"),
    path("calls/<slug:slug>/", views.CallDetailApi.as_view(), name="api-call-detail"),
    path("calls/<slug:slug>/selected/", views.SelectedPilotListApi.as_view(), name="api-call-selected"),
    # The manager's side: calls of the cities the user manages, drafts included.
    path("manage/calls/", manage_views.ManagedCallListCreateApi.as_view(), name="api-manage-call-list"),
    path(
        "manage/calls/<slug:slug>/",
        manage_views.ManagedCallDetailApi.as_view(),
        name="api-manage-call-detail",
    ),
    path(
        "manage/calls/<slug:slug>/publish/",
        manage_views.ManagedCallPublishApi.as_view(),
        name="api-manage-call-publish",
    ),
    path(
        "manage/calls/<slug:slug>/criteria/",
        manage_views.ManagedCriterionCreateApi.as_view(),
        name="api-manage-call-criteria",
    ),
    path(
        "manage/calls/<slug:slug>/criteria/<int:criterion_id>/",
        manage_views.ManagedCriterionDetailApi.as_view(),
        name="api-manage-call-criterion",
    ),
    path(
        "manage/calls/<slug:slug>/questions/",
        manage_views.ManagedQuestionCreateApi.as_view(),
        name="api-manage-call-questions",
    ),
    path(
        "manage/calls/<slug:slug>/questions/<int:question_id>/",
        manage_views.ManagedQuestionDetailApi.as_view(),
        name="api-manage-call-question",
    ),
]
