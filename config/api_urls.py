"""Every app's API under /api/v1/."""

from django.urls import include, path

urlpatterns = [
    path("", include("kokeilu.platforms.api.urls")),
    path("", include("kokeilu.calls.api.urls")),
    path("", include("kokeilu.proposals.api.urls")),
    path("", include("kokeilu.evaluation.api.urls")),
    path("", include("kokeilu.experiments.api.urls")),
    path("experiments/<slug:slug>/", include("kokeilu.planning.api.urls")),
    path("experiments/<slug:slug>/", include("kokeilu.funding.api.urls")),
    path("experiments/<slug:slug>/", include("kokeilu.agreements.api.urls")),
    path("experiments/<slug:slug>/", include("kokeilu.events.api.urls")),
    path("experiments/<slug:slug>/", include("kokeilu.materials.api.urls")),
    path("experiments/<slug:slug>/", include("kokeilu.updates.api.urls")),
    path("experiments/<slug:slug>/", include("kokeilu.surveys.api.urls")),
    path("", include("kokeilu.catalogue.api.urls")),
    path("", include("kokeilu.reports.api.urls")),
    path("", include("kokeilu.methods.api.urls")),
    path("", include("kokeilu.references.api.urls")),
    path("", include("kokeilu.dashboards.api.urls")),
    path("", include("kokeilu.library.api.urls")),
    path("", include("kokeilu.opendata.api.urls")),
    path("", include("kokeilu.reuse.api.urls")),
]
