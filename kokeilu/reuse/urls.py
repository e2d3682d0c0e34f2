"""Pages under /<lang>/reuse/."""

from django.urls import path

from . import views

app_name = "reuse"
urlpatterns = [
    path("learnings/<int:pk>/", views.learning_reuse, name="learning"),
]
