"""Every app's API under /api/v1/."""

from django.urls import include, path

urlpatterns = [
    path("", include("kokeilu.platforms.api.urls")),
    path("", include("kokeilu.calls.api.urls")),
    path("", include("kokeilu.proposals.api.urls")),
    path("", include("kokeilu.evaluation.api.urls")),
    path("", include("kokeilu.catalogue.api.urls")),
]
