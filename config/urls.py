from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("config.api_urls")),
    path("open311/v2/", include("kokeilu.feedback.open311.urls")),
]

# Pages carry their language in the URL (/fi/ is the default, /sv/ and /en/), so a link shared in
# Swedish opens in Swedish.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("kokeilu.accounts.urls")),
    path("", include("kokeilu.core.urls")),
    path("", include("kokeilu.platforms.urls")),
    path("calls/", include("kokeilu.calls.urls")),
    path("proposals/", include("kokeilu.proposals.urls")),
    path("review/", include("kokeilu.evaluation.urls")),
    path("services/", include("kokeilu.catalogue.urls")),
    path("feedback/", include("kokeilu.feedback.urls")),
    path("analytics/", include("kokeilu.analytics.urls")),
    path("experiments/", include("kokeilu.experiments.urls")),
    # The workspace apps of one experiment; each view receives the experiment's slug.
    path("experiments/<slug:slug>/plan/", include("kokeilu.planning.urls")),
    path("experiments/<slug:slug>/money/", include("kokeilu.funding.urls")),
    path("experiments/<slug:slug>/agreement/", include("kokeilu.agreements.urls")),
    path("experiments/<slug:slug>/events/", include("kokeilu.events.urls")),
    path("experiments/<slug:slug>/materials/", include("kokeilu.materials.urls")),
    path("experiments/<slug:slug>/updates/", include("kokeilu.updates.urls")),
    path("experiments/<slug:slug>/surveys/", include("kokeilu.surveys.urls")),
    path("reports/", include("kokeilu.reports.urls")),
    path("methods/", include("kokeilu.methods.urls")),
    path("references/", include("kokeilu.references.urls")),
    path("dashboards/", include("kokeilu.dashboards.urls")),
    path("library/", include("kokeilu.library.urls")),
    path("open-data/", include("kokeilu.opendata.urls")),
    path("reuse/", include("kokeilu.reuse.urls")),
    # Shareable survey links (anonymous answers) and calendar feeds live outside the workspace.
    path("s/", include("kokeilu.surveys.public_urls")),
    prefix_default_language=True,
)
