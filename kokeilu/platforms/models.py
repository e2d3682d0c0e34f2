from django.db import models
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.core.models import BaseModel, Translated


class Theme(BaseModel):
    """A shared vocabulary of themes (wellbeing, learning, robotics, ...) used by needs and calls."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    name = Translated("name")

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.name)


class PlatformKind(models.TextChoices):
    SERVICE_CENTRE = "service_centre", _("Service centre")
    SCHOOLS = "schools", _("Schools (KYKY model)")
    STAFF = "staff", _("City staff")
    OTHER = "other", _("Other")


class Platform(BaseModel):
    """An innovation platform: a service centre with its member organisations, a city's schools, ..."""

    city = models.ForeignKey(
        Organisation,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="platforms",
        limit_choices_to={"kind": OrganisationKind.CITY},
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=PlatformKind.choices, default=PlatformKind.OTHER
    )
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    member_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("member organisations"), blank=True, related_name="platform_memberships"
    )
    is_public = models.BooleanField(_("public"), default=True)

    name = Translated("name")
    description = Translated("description")

    class Meta:
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return str(self.name)


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ADDRESSED = "addressed", _("Addressed")
    ARCHIVED = "archived", _("Archived")


# Allowed status changes of a development need, in one place.
NEED_TRANSITIONS: dict[str, set[str]] = {
    NeedStatus.DRAFT: {NeedStatus.PUBLISHED, NeedStatus.ARCHIVED},
    NeedStatus.PUBLISHED: {NeedStatus.ADDRESSED, NeedStatus.ARCHIVED, NeedStatus.DRAFT},
    NeedStatus.ADDRESSED: {NeedStatus.PUBLISHED, NeedStatus.ARCHIVED},
    NeedStatus.ARCHIVED: {NeedStatus.DRAFT},
}


class DevelopmentNeed(BaseModel):
    """Something a platform needs help with, published so that calls can answer it."""

    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), on_delete=models.CASCADE, related_name="needs"
    )
    owning_unit = models.ForeignKey(
        Organisation,
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="development_needs",
        null=True,
        blank=True,
    )
    title_fi = models.CharField(_("title (Finnish)"), max_length=200)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="needs")
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.DRAFT
    )

    title = Translated("title")
    description = Translated("description")

    class Meta:
        verbose_name = _("development need")
        verbose_name_plural = _("development needs")
        ordering = ["platform_id", "title_fi"]
        indexes = [models.Index(fields=["platform", "status"], name="need_platform_status_idx")]

    def __str__(self) -> str:
        return str(self.title)
