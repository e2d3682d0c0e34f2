"""Pages under /<lang>/open-data/."""

from django.urls import path

from . import views
from .feeds import LearningFeed

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("learnings.atom", LearningFeed(), name="learnings_feed"),
]
