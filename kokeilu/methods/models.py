"""Co-development methods and the experiments tagged with them.

A method is a reusable way of working with residents, staff and companies (a rapid experiment, a concept
fair, interviews, ...). Built-in methods (no city) are shared by every city and kept by the site's
administrators; a city's programme managers add methods of their own. Experiments are tagged with methods
so the learnings library can be filtered by method.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation
from kokeilu.core.models import BaseModel, Translated
from kokeilu.experiments.models import Experiment


class Method(BaseModel):
    """A co-development method with a short description in Finnish, Swedish and English."""

    city = models.ForeignKey(
        Organisation,
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="methods",
        help_text=_("Empty for the built-in methods every city shares."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True, max_length=4000)
    description_sv = models.TextField(_("description (Swedish)"), blank=True, max_length=4000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=4000)
    link = models.URLField(_("link"), blank=True, max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    name = Translated("name")
    description = Translated("description")

    class Meta:
        verbose_name = _("co-development method")
        verbose_name_plural = _("co-development methods")
        ordering = ["name_fi", "name_sv", "name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_fi="") | ~Q(name_sv="") | ~Q(name_en=""), name="method_has_name"
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def is_builtin(self) -> bool:
        return self.city_id is None


class ExperimentMethod(BaseModel):
    """An experiment tagged with a method."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="method_tags"
    )
    method = models.ForeignKey(
        Method, verbose_name=_("method"), on_delete=models.CASCADE, related_name="experiment_tags"
    )
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tagged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("experiment's method")
        verbose_name_plural = _("experiments' methods")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "method"], name="experiment_method_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.experiment} – {self.method}"
