from django.urls import path

from . import manage_views, views

app_name = "catalogue"
urlpatterns = [
    path("", views.catalogue_home, name="home"),
    path("compare/", views.service_compare, name="compare"),
    path("map/", views.service_map, name="map"),
    path("open-data/<slug:city_slug>.json", views.ptv_export_public, name="open_data"),
    path("manage/", manage_views.manage_home, name="manage"),
    path("manage/producers/new/", manage_views.producer_create, name="producer_create"),
    path("manage/producers/<int:pk>/", manage_views.producer_edit, name="producer_edit"),
    path(
        "manage/producers/<int:producer_pk>/locations/new/",
        manage_views.location_create,
        name="location_create",
    ),
    path("manage/locations/<int:pk>/", manage_views.location_edit, name="location_edit"),
    path("manage/locations/<int:pk>/delete/", manage_views.location_delete, name="location_delete"),
    path("manage/exceptions/<int:pk>/delete/", manage_views.exception_delete, name="exception_delete"),
    path("manage/services/new/", manage_views.service_create, name="service_create"),
    path("manage/import/", manage_views.catalogue_import, name="import"),
    path("manage/export/", manage_views.catalogue_export, name="export"),
    path("<slug:code>/", views.service_detail, name="detail"),
    path("<slug:code>/edit/", manage_views.service_edit, name="service_edit"),
    path("<slug:code>/delete/", manage_views.service_delete, name="service_delete"),
    path("<slug:code>/channels/new/", manage_views.channel_edit, name="channel_add"),
    path("<slug:code>/channels/<int:pk>/", manage_views.channel_edit, name="channel_edit"),
]
