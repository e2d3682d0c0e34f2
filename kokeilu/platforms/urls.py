from django.urls import path

from . import views

app_name = "platforms"
urlpatterns = [
    path("platforms/", views.platform_list, name="list"),
    path("platforms/<slug:slug>/", views.platform_detail, name="detail"),
    path("platforms/<slug:slug>/needs/new/", views.need_edit, name="need_add"),
    path("platforms/<slug:slug>/needs/<int:pk>/", views.need_edit, name="need_edit"),
]
