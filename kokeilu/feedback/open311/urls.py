"""GeoReport v2 under /open311/v2/, outside the language prefixes: clients do not choose a language by
URL."""

from django.urls import re_path

from . import views

FORMAT = r"\.(?P<fmt>[A-Za-z0-9]+)$"

app_name = "open311"
urlpatterns = [
    re_path(r"^discovery" + FORMAT, views.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, views.service_list, name="services"),
    re_path(r"^services/(?P<code>[-\w]+)" + FORMAT, views.service_definition, name="service_definition"),
    re_path(r"^requests" + FORMAT, views.requests_view, name="requests"),
    re_path(r"^requests/(?P<request_id>[^/.]+)" + FORMAT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/.]+)" + FORMAT, views.token_detail, name="token"),
    re_path(r"^(?P<path>.*)$", views.not_found, name="not_found"),
]
