"""References the city issues to partner companies after a completed experiment (the KYKY practice).

The experiment's managers draft the text (in Finnish, Swedish and/or English); one of the city's programme
managers approves it, after which the text never changes. The approved reference is downloadable as a PDF.
The company may agree to publish it; a published reference of a public experiment is shown to everyone.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.core.models import BaseModel, Translated
from kokeilu.experiments.models import Experiment, ExperimentPartner


class ReferenceState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


REFERENCE_TRANSITIONS: dict[str, set[str]] = {
    ReferenceState.DRAFT: {ReferenceState.APPROVED},
    ReferenceState.APPROVED: set(),
}


class Reference(BaseModel):
    """The city's reference for one partner organisation of one experiment."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="references"
    )
    partner = models.OneToOneField(
        ExperimentPartner,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        related_name="reference",
    )
    text_fi = models.TextField(_("text (Finnish)"), blank=True, max_length=8000)
    text_sv = models.TextField(_("text (Swedish)"), blank=True, max_length=8000)
    text_en = models.TextField(_("text (English)"), blank=True, max_length=8000)
    state = models.CharField(
        _("state"), max_length=20, choices=ReferenceState.choices, default=ReferenceState.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # The company's consent to show the approved reference publicly, and who recorded it when.
    publication_agreed = models.BooleanField(_("the company agreed to publish it"), default=False)
    publication_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publication_agreed_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)

    text = Translated("text")

    class Meta:
        verbose_name = _("company reference")
        verbose_name_plural = _("company references")
        ordering = ["experiment_id", "partner__name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text_fi="") | ~Q(text_sv="") | ~Q(text_en=""), name="reference_has_text"
            ),
            models.CheckConstraint(
                condition=(
                    Q(state="draft", approved_by__isnull=True, approved_at__isnull=True)
                    | Q(state="approved", approved_by__isnull=False, approved_at__isnull=False)
                ),
                name="reference_approval_recorded",
            ),
            models.CheckConstraint(
                condition=Q(publication_agreed=False) | Q(state="approved"),
                name="reference_published_only_when_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.experiment}"

    @property
    def is_approved(self) -> bool:
        return self.state == ReferenceState.APPROVED

    @property
    def is_public(self) -> bool:
        return self.is_approved and self.publication_agreed

    def text_in(self, language: str) -> str:
        """The text in the language, or the first language that has one."""
        for code in (language, "fi", "sv", "en"):
            text = getattr(self, f"text_{code}", "")
            if text:
                return text
        return ""
