from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.my_proposals, name="mine"),
    path("new/<slug:slug>/", views.proposal_create, name="create"),
]
