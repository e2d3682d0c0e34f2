"""Materials: files and links shared with everyone in an experiment, one of its groups, or the public.

A material is either an uploaded file (checked by kokeilu.core.uploads, stored privately under a random
name and served only through a view that applies the audience rule) or an http(s) link.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.core.models import BaseModel
from kokeilu.experiments.models import AudienceFields, Experiment


def material_file_path(instance: "Material", filename: str) -> str:
    # The original name is kept in `original_name`; the stored name is random, so it reveals nothing
    # and cannot be guessed.
    return f"materials/{instance.experiment_id}/{secrets.token_hex(16)}"


class MaterialKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")


class Material(BaseModel, AudienceFields):
    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="materials"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=material_file_path, max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta(AudienceFields.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["-created_at", "-pk"]
        constraints = [
            *AudienceFields.Meta.constraints,
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(file="") & Q(url=""))
                | (Q(kind="link") & Q(file="") & ~Q(url="")),
                name="material_file_xor_link",
            ),
        ]
        indexes = [models.Index(fields=["experiment", "audience"], name="material_experiment_aud_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return self.kind == MaterialKind.FILE
