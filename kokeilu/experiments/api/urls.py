from django.urls import path

from . import views

urlpatterns = [
    path("experiments/", views.ExperimentListCreateApi.as_view(), name="api-experiment-list"),
    path(
        "experiments/from-proposal/",
        views.ExperimentFromProposalApi.as_view(),
        name="api-experiment-from-proposal",
    ),
    path(
        "experiments/invitations/accept/",
        views.InvitationAcceptApi.as_view(),
        name="api-experiment-invitation-accept",
    ),
    path("experiments/<slug:slug>/", views.ExperimentDetailApi.as_view(), name="api-experiment-detail"),
    path(
        "experiments/<slug:slug>/status/",
        views.ExperimentTransitionApi.as_view(),
        name="api-experiment-status",
    ),
    path("experiments/<slug:slug>/members/", views.MemberListApi.as_view(), name="api-experiment-members"),
    path(
        "experiments/<slug:slug>/members/<int:pk>/",
        views.MemberDetailApi.as_view(),
        name="api-experiment-member",
    ),
    path("experiments/<slug:slug>/groups/", views.GroupListCreateApi.as_view(), name="api-experiment-groups"),
    path(
        "experiments/<slug:slug>/groups/<int:pk>/",
        views.GroupDetailApi.as_view(),
        name="api-experiment-group",
    ),
    path(
        "experiments/<slug:slug>/invitations/",
        views.InvitationListCreateApi.as_view(),
        name="api-experiment-invitations",
    ),
    path(
        "experiments/<slug:slug>/invitations/<int:pk>/revoke/",
        views.InvitationRevokeApi.as_view(),
        name="api-experiment-invitation-revoke",
    ),
]
