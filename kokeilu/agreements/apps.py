from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "kokeilu.agreements"
    verbose_name = _("Partners and agreements")
