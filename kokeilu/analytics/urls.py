from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/retry/", views.run_retry, name="run_retry"),
    path("runs/<int:pk>/repeat/", views.run_repeat, name="run_repeat"),
    path("runs/<int:pk>/groups/<int:number>/", views.group_detail, name="group_detail"),
    path("runs/<int:pk>/tables/<slug:key>.csv", views.table_csv, name="table_csv"),
    path("access-log/", views.access_log, name="access_log"),
]
