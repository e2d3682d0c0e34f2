from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "kokeilu.planning"
    verbose_name = _("Phases and plan")
