from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.my_assignments, name="my_assignments"),
    path("calls/<slug:slug>/", views.call_proposals, name="call_proposals"),
]
