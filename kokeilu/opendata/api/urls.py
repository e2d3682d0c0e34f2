"""API under /api/v1/open-data/...: each dataset as JSON, JSON-LD, CSV and XLSX."""

from django.urls import path

from .views import VIEWS

FORMATS = {"": "/", "-jsonld": ".jsonld", "-csv": ".csv", "-xlsx": ".xlsx"}

urlpatterns = [
    path(f"open-data/{key}{ending}", views[suffix].as_view(), name=f"api-open-data-{key}{suffix}")
    for key, views in VIEWS.items()
    for suffix, ending in FORMATS.items()
]
