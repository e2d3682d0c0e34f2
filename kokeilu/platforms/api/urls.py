from django.urls import path

from . import views

urlpatterns = [
    path("platforms/", views.PlatformListApi.as_view(), name="api-platform-list"),
    path("needs/", views.NeedListApi.as_view(), name="api-need-list"),
]
