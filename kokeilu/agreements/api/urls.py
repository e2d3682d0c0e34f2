"""API under /api/v1/experiments/<slug>/ (partners and the agreement)."""

from django.urls import path

from . import views

urlpatterns = [
    path("partners/", views.PartnerListApi.as_view(), name="api-agreements-partners"),
    path("agreement/", views.AgreementStatusApi.as_view(), name="api-agreements-status"),
    path("agreement/draft/", views.AgreementDraftApi.as_view(), name="api-agreements-draft"),
    path("agreement/publish/", views.AgreementPublishApi.as_view(), name="api-agreements-publish"),
    path("agreement/versions/", views.AgreementVersionListApi.as_view(), name="api-agreements-versions"),
    path(
        "agreement/versions/<int:number>/",
        views.AgreementVersionDetailApi.as_view(),
        name="api-agreements-version",
    ),
    path(
        "agreement/versions/<int:number>/accept/",
        views.AgreementAcceptApi.as_view(),
        name="api-agreements-accept",
    ),
]
