from django.urls import path

from . import views

urlpatterns = [
    path("catalogue/services/", views.CatalogueServiceListApi.as_view(), name="api-catalogue-service-list"),
    path(
        "catalogue/services/<slug:code>/",
        views.CatalogueServiceDetailApi.as_view(),
        name="api-catalogue-service-detail",
    ),
    path(
        "catalogue/producers/", views.CatalogueProducerListApi.as_view(), name="api-catalogue-producer-list"
    ),
    path(
        "catalogue/life-situations/",
        views.CatalogueLifeSituationListApi.as_view(),
        name="api-catalogue-life-situation-list",
    ),
    # The producers' side: services of the producers the user edits, unpublished ones included.
    path(
        "catalogue/manage/services/",
        views.CatalogueManagedServiceListCreateApi.as_view(),
        name="api-catalogue-manage-service-list",
    ),
    path(
        "catalogue/manage/services/<slug:code>/",
        views.CatalogueManagedServiceDetailApi.as_view(),
        name="api-catalogue-manage-service-detail",
    ),
]
