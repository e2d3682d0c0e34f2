from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:city_slug>/", views.city_dashboard, name="city"),
    path("<slug:city_slug>/charts/<slug:chart>.svg", views.chart_svg, name="chart_svg"),
    path("<slug:city_slug>/data/<slug:table>.csv", views.table_csv, name="table_csv"),
]
