from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kokeilu.reports"
    verbose_name = _("Final reports and learnings")
