"""Money of an experiment: the spend lines recorded against its grant (`Experiment.granted_amount`).

Amounts are Decimal with two places; totals are summed in the database. A receipt is stored privately
under a random name and served only through a view that checks the person may see the money tab.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.core.models import BaseModel
from kokeilu.experiments.models import Experiment


class SpendCategory(models.TextChoices):
    MATERIALS = "materials", _("Materials and supplies")
    SERVICES = "services", _("Purchased services")
    CATERING = "catering", _("Catering")
    REWARDS = "rewards", _("Rewards for testers")
    TRAVEL = "travel", _("Travel")
    EQUIPMENT = "equipment", _("Equipment")
    COMMUNICATION = "communication", _("Communication")
    OTHER = "other", _("Other")


def receipt_path(instance: "SpendLine", filename: str) -> str:
    # The stored name is random: the original name is kept in a column and never used on disk.
    return f"receipts/{instance.experiment_id}/{secrets.token_hex(16)}"


class SpendLine(BaseModel):
    """Money spent from the experiment's grant: when, on what, how much, and who recorded it."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="spend_lines"
    )
    spent_on = models.DateField(_("date"))
    purpose = models.CharField(_("purpose"), max_length=300)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    category = models.CharField(_("category"), max_length=20, choices=SpendCategory.choices, blank=True)
    receipt = models.FileField(_("receipt"), upload_to=receipt_path, max_length=300, blank=True)
    receipt_name = models.CharField(_("receipt file name"), max_length=255, blank=True)
    receipt_content_type = models.CharField(_("receipt content type"), max_length=100, blank=True)
    receipt_size = models.PositiveIntegerField(_("receipt size (bytes)"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("spend line")
        verbose_name_plural = _("spend lines")
        ordering = ["-spent_on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="spend_line_amount_positive"),
        ]
        indexes = [models.Index(fields=["experiment", "spent_on"], name="spend_line_experiment_idx")]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.purpose} {self.amount} €"

    @property
    def has_receipt(self) -> bool:
        return bool(self.receipt)
