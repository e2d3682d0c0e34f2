from django.urls import path

from . import views

app_name = "experiments"
urlpatterns = [
    path("", views.experiment_list, name="list"),
    path("new/", views.experiment_create, name="create"),
    path("from-proposal/<int:proposal_pk>/", views.experiment_from_proposal, name="from_proposal"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.experiment_detail, name="detail"),
    path("<slug:slug>/edit/", views.experiment_edit, name="edit"),
    path("<slug:slug>/status/", views.experiment_status, name="status"),
    path("<slug:slug>/people/", views.people, name="people"),
    path("<slug:slug>/people/invite/", views.invite, name="invite"),
    path(
        "<slug:slug>/people/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"
    ),
    path("<slug:slug>/people/<int:pk>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/people/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<slug:slug>/groups/new/", views.group_create, name="group_create"),
    path("<slug:slug>/groups/<int:pk>/", views.group_edit, name="group"),
    path("<slug:slug>/groups/<int:pk>/delete/", views.group_delete, name="group_delete"),
]
