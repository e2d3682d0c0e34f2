from django.urls import path

from . import views

urlpatterns = [
    path("dashboards/<slug:city_slug>/", views.DashboardApi.as_view(), name="api-dashboard"),
]
