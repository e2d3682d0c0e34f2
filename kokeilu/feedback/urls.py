from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.feedback_home, name="home"),
    path("give/", views.give, name="give"),
    path("metrics/", views.metrics, name="metrics"),
    path("metrics.csv", views.metrics_csv, name="metrics_csv"),
    path("handle/", views.handle_list, name="handle"),
    path("handle/<int:pk>/", views.handle_detail, name="handle_detail"),
    path("handle/<int:pk>/photo/", views.photo, name="photo"),
    path("<int:pk>/", views.detail, name="detail"),
]
