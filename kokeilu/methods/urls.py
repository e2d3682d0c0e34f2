"""Pages under /<lang>/methods/ (see config/urls.py)."""

from django.urls import path

from . import views

app_name = "methods"
urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.create, name="create"),
    path("experiments/<slug:slug>/", views.experiment_methods, name="experiment"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
]
