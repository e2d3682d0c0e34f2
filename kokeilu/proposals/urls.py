from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.my_proposals, name="mine"),
    path("new/<slug:slug>/", views.proposal_create, name="create"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("<int:pk>/submit/", views.proposal_submit, name="submit"),
    path("<int:pk>/withdraw/", views.proposal_withdraw, name="withdraw"),
    path("<int:pk>/reopen/", views.proposal_reopen, name="reopen"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/", views.attachment_delete, name="attachment_delete"
    ),
    path("<int:pk>/co-applicants/", views.coapplicant_invite, name="coapplicant_invite"),
    path(
        "<int:pk>/co-applicants/<int:coapplicant_pk>/revoke/",
        views.coapplicant_revoke,
        name="coapplicant_revoke",
    ),
]
