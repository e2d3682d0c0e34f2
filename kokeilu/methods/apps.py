from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodsConfig(AppConfig):
    name = "kokeilu.methods"
    verbose_name = _("Co-development methods")
