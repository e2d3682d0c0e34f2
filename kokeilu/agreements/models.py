"""Agreements between the city and an experiment's partner organisations.

A template (the built-in KYKY contract model, or one a city writes) is copied into an experiment's
agreement as an editable draft. Publishing the draft makes version N: its text and the SHA-256 of the
text are stored and never change. Each party (the city, and every partner organisation) accepts a
version in the product; an acceptance keeps who accepted, when, for which party and the hash of the text
they saw. Versions and acceptances are append-only: the services never change them, the models refuse
to save them twice, their foreign keys PROTECT them, and database triggers refuse UPDATE (and DELETE on
PostgreSQL) and an acceptance whose hash differs from its version's.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation
from kokeilu.core.models import BaseModel, Translated
from kokeilu.experiments.models import Experiment, ExperimentPartner


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AgreementTemplate(BaseModel):
    """Agreement text with placeholders. Built-in templates (no city) are shared by every city."""

    city = models.ForeignKey(
        Organisation,
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agreement_templates",
    )
    key = models.SlugField(_("key"), max_length=60, blank=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    body_fi = models.TextField(_("text (Finnish)"), blank=True, max_length=50000)
    body_sv = models.TextField(_("text (Swedish)"), blank=True, max_length=50000)
    body_en = models.TextField(_("text (English)"), blank=True, max_length=50000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    name = Translated("name")
    body = Translated("body")

    class Meta:
        verbose_name = _("agreement template")
        verbose_name_plural = _("agreement templates")
        ordering = ["city_id", "name_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(city__isnull=True), name="agreement_template_builtin_key"
            ),
            models.CheckConstraint(
                condition=~Q(name_fi="") | ~Q(name_sv="") | ~Q(name_en=""), name="agreement_template_has_name"
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def is_builtin(self) -> bool:
        return self.city_id is None

    def body_in(self, language: str) -> str:
        """The text in the language, or the first language that has one."""
        for code in (language, "fi", "sv", "en"):
            text = getattr(self, f"body_{code}", "")
            if text:
                return text
        return ""


class Agreement(BaseModel):
    """An experiment's agreement: an editable draft and its published versions."""

    experiment = models.OneToOneField(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="agreement"
    )
    template = models.ForeignKey(
        AgreementTemplate,
        verbose_name=_("template"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=2, default="fi")
    draft_title = models.CharField(_("title"), max_length=300)
    draft_text = models.TextField(_("text"), max_length=100000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drawn up by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.draft_title


class AppendOnlyModel(models.Model):
    """A row written once. Saving it again or deleting it through the ORM raises; the database refuses
    it too (see the migration's triggers)."""

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} rows cannot be changed once written.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError(f"{type(self).__name__} rows cannot be deleted.")


class AgreementVersion(AppendOnlyModel):
    """A published, immutable text of the agreement."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    text_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["agreement_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="agreement_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class PartyKind(models.TextChoices):
    CITY = "city", _("City")
    PARTNER = "partner", _("Partner organisation")


class AgreementAcceptance(AppendOnlyModel):
    """One party's acceptance of one version: who, when, on behalf of whom, and the hash they saw."""

    version = models.ForeignKey(
        AgreementVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="acceptances"
    )
    party_kind = models.CharField(_("party"), max_length=10, choices=PartyKind.choices)
    partner = models.ForeignKey(
        ExperimentPartner,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_acceptances",
    )
    party_name = models.CharField(_("on behalf of"), max_length=300)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accepted by"), on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"))
    text_sha256 = models.CharField(_("SHA-256 of the text seen"), max_length=64)

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ["accepted_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(party_kind="city") & Q(partner__isnull=True))
                | (Q(party_kind="partner") & Q(partner__isnull=False)),
                name="agreement_acceptance_party_shape",
            ),
            models.UniqueConstraint(
                fields=["version"], condition=Q(party_kind="city"), name="agreement_acceptance_one_city"
            ),
            models.UniqueConstraint(
                fields=["version", "partner"],
                condition=Q(party_kind="partner"),
                name="agreement_acceptance_one_per_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_name}: {self.version}"
