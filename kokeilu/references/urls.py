"""Pages under /<lang>/references/ (see config/urls.py)."""

from django.urls import path

from . import views

app_name = "references"
urlpatterns = [
    path("experiments/<slug:slug>/", views.experiment_references, name="experiment"),
    path("experiments/<slug:slug>/new/", views.create, name="create"),
    path("experiments/<slug:slug>/public/", views.public, name="public"),
    path("experiments/<slug:slug>/<int:pk>/", views.detail, name="detail"),
    path("experiments/<slug:slug>/<int:pk>/edit/", views.edit, name="edit"),
    path("experiments/<slug:slug>/<int:pk>/approve/", views.approve, name="approve"),
    path("experiments/<slug:slug>/<int:pk>/publication/", views.publication, name="publication"),
    path("experiments/<slug:slug>/<int:pk>/pdf/", views.pdf, name="pdf"),
]
