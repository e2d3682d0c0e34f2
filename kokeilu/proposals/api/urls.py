from django.urls import path

from . import views

urlpatterns = [
    path("me/proposals/", views.ProposalListCreateApi.as_view(), name="api-proposal-list"),
    path("me/proposals/<int:pk>/", views.ProposalDetailApi.as_view(), name="api-proposal-detail"),
    path("me/proposals/<int:pk>/submit/", views.ProposalSubmitApi.as_view(), name="api-proposal-submit"),
    path(
        "me/proposals/<int:pk>/withdraw/", views.ProposalWithdrawApi.as_view(), name="api-proposal-withdraw"
    ),
    path("me/proposals/<int:pk>/reopen/", views.ProposalReopenApi.as_view(), name="api-proposal-reopen"),
    path(
        "me/proposals/<int:pk>/attachments/",
        views.ProposalAttachmentListApi.as_view(),
        name="api-proposal-attachments",
    ),
    path(
        "me/proposals/<int:pk>/attachments/<int:attachment_id>/",
        views.ProposalAttachmentDetailApi.as_view(),
        name="api-proposal-attachment",
    ),
    path(
        "me/proposals/<int:pk>/attachments/<int:attachment_id>/download/",
        views.ProposalAttachmentDownloadApi.as_view(),
        name="api-proposal-attachment-download",
    ),
    path(
        "me/proposals/<int:pk>/co-applicants/",
        views.ProposalCoApplicantInviteApi.as_view(),
        name="api-proposal-coapplicants",
    ),
    path(
        "me/proposals/<int:pk>/co-applicants/<int:coapplicant_id>/revoke/",
        views.ProposalCoApplicantRevokeApi.as_view(),
        name="api-proposal-coapplicant-revoke",
    ),
    path(
        "invitations/<str:token>/accept/", views.InvitationAcceptApi.as_view(), name="api-invitation-accept"
    ),
    path(
        "invitations/<str:token>/decline/",
        views.InvitationDeclineApi.as_view(),
        name="api-invitation-decline",
    ),
]
