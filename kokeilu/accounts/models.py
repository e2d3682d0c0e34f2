from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.core.models import BaseModel


class User(AbstractUser):
    """A person who signs in. Residents who only browse never need an account."""

    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))],
        default="fi",
    )
    # The seam for OIDC (Keycloak, Suomi.fi): an identity provider and its subject identify the person;
    # password users leave both empty.
    external_issuer = models.CharField(_("identity provider"), max_length=200, blank=True)
    external_subject = models.CharField(_("identity provider subject"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["external_issuer", "external_subject"],
                condition=~Q(external_subject=""),
                name="user_unique_external_identity",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_site_admin(self) -> bool:
        return self.is_superuser


class OrganisationKind(models.TextChoices):
    CITY = "city", _("City")
    CITY_UNIT = "city_unit", _("City unit")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    SCHOOL = "school", _("School")
    RESEARCH = "research", _("Research institution")


class Organisation(BaseModel):
    """A city, one of its units, or an outside organisation taking part.

    `city` ties units and schools to the city they belong to; the city row points to itself being the
    tenant root (city is null on a city row). Companies and associations are not tied to a city.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(_("business ID"), max_length=20, blank=True)
    city = models.ForeignKey(
        "self",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_organisations",
        limit_choices_to={"kind": OrganisationKind.CITY},
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="city") | Q(city__isnull=True), name="organisation_city_has_no_parent"
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["city_unit", "school"]) | Q(city__isnull=False),
                name="organisation_unit_belongs_to_city",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tenant_city_id(self) -> int | None:
        """The city this organisation belongs to (itself for a city)."""
        return self.pk if self.kind == OrganisationKind.CITY else self.city_id


class Role(models.TextChoices):
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    REVIEWER = "reviewer", _("Reviewer")
    MEMBER = "member", _("Member")
    PARTICIPANT = "participant", _("Participant")
    ANALYST = "analyst", _("Analyst")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data protection officer")


class Membership(BaseModel):
    """A person's role in an organisation. A programme manager of a city (or of one of its units)
    manages that city's platforms and calls; a reviewer of a city can be assigned its proposals."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
