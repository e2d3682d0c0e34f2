"""Pages under /<lang>/experiments/<slug>/updates/ (see config/urls.py); every view receives `slug`."""

from django.urls import path

from . import views

app_name = "updates"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("feed.atom", views.PublicPostsFeed(), name="atom"),
    path("new/", views.post_create, name="create"),
    path("settings/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<int:pk>/", views.post_detail, name="post"),
    path("<int:pk>/edit/", views.post_edit, name="edit"),
    path("<int:pk>/delete/", views.post_delete, name="delete"),
    path("<int:pk>/pin/", views.post_pin, name="pin"),
    path("<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", views.comment_edit, name="comment_edit"),
    path("<int:pk>/comments/<int:comment_pk>/delete/", views.comment_delete, name="comment_delete"),
    path("<int:pk>/comments/<int:comment_pk>/hide/", views.comment_hide, name="comment_hide"),
]
