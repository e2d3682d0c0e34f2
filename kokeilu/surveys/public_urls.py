"""Shareable survey links under /<lang>/s/<token>/ (anonymous answers, login optional)."""

from django.urls import path

from . import views

app_name = "survey_links"
urlpatterns = [
    path("<str:token>/", views.link_answer, name="answer"),
    path("<str:token>/thanks/", views.link_thanks, name="thanks"),
]
