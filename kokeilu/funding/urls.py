"""Pages under /<lang>/experiments/<slug>/money/ (see config/urls.py); every view receives `slug`."""

from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("", views.money, name="money"),
    path("lines/new/", views.line_create, name="line_create"),
    path("lines/<int:pk>/edit/", views.line_edit, name="line_edit"),
    path("lines/<int:pk>/delete/", views.line_delete, name="line_delete"),
    path("lines/<int:pk>/receipt/", views.receipt, name="receipt"),
    path("spending.csv", views.spend_csv, name="csv"),
    path("grant/", views.grant, name="grant"),
]
