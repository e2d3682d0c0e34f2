"""The project's URLs, plus the catalogue and feedback pages under the language prefixes when
config/urls.py does not mount them yet."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, get_resolver, include, path

from config.urls import urlpatterns as project_urlpatterns

_mounted = get_resolver("config.urls").namespace_dict

urlpatterns: list[URLPattern | URLResolver] = list(project_urlpatterns)
_missing = [
    path(prefix, include(module))
    for namespace, prefix, module in (
        ("catalogue", "services/", "kokeilu.catalogue.urls"),
        ("feedback", "feedback/", "kokeilu.feedback.urls"),
    )
    if namespace not in _mounted
]
if _missing:
    urlpatterns += i18n_patterns(*_missing, prefix_default_language=True)
