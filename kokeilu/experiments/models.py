"""An experiment (a pilot) and the people who run and test it.

An experiment belongs to a city (the tenant root). It is created from a selected proposal or, for a staff
experiment, directly. Its people are members with a role; participant groups are subsets of the members
that content (events, materials, posts, surveys) can be addressed to through `AudienceFields`.
"""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation
from kokeilu.core.models import BaseModel, Translated


class ExperimentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


EXPERIMENT_TRANSITIONS: dict[str, set[str]] = {
    ExperimentStatus.PLANNED: {ExperimentStatus.RUNNING, ExperimentStatus.CANCELLED},
    ExperimentStatus.RUNNING: {ExperimentStatus.COMPLETED, ExperimentStatus.CANCELLED},
    ExperimentStatus.COMPLETED: set(),
    ExperimentStatus.CANCELLED: set(),
}


class ServiceSector(models.TextChoices):
    """The city service sector (toimiala) an experiment serves; the learnings library filters by it."""

    EDUCATION = "education", _("Education and early childhood education")
    SOCIAL_HEALTH = "social_health", _("Social services and health care")
    URBAN_ENVIRONMENT = "urban_environment", _("Urban environment")
    CULTURE_LEISURE = "culture_leisure", _("Culture and leisure")
    ADMINISTRATION = "administration", _("City administration and other")


class Experiment(BaseModel):
    """A pilot run for 1–3 months with a partner, a budget, phases, people and a story to tell."""

    city = models.ForeignKey(
        Organisation,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="experiments",
        limit_choices_to={"kind": "city"},
    )
    owner_unit = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_experiments",
    )
    platform = models.ForeignKey(
        "platforms.Platform",
        verbose_name=_("platform"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiments",
    )
    call = models.ForeignKey(
        "calls.Call",
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experiments",
    )
    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experiment",
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_fi = models.CharField(_("title (Finnish)"), max_length=200, blank=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_fi = models.TextField(_("summary (Finnish)"), blank=True, max_length=8000)
    summary_sv = models.TextField(_("summary (Swedish)"), blank=True, max_length=8000)
    summary_en = models.TextField(_("summary (English)"), blank=True, max_length=8000)
    team_description = models.TextField(_("team"), blank=True, max_length=4000)
    schedule_notes = models.TextField(_("schedule notes"), blank=True, max_length=4000)
    sector = models.CharField(
        _("service sector"), max_length=20, choices=ServiceSector.choices, blank=True, default=""
    )
    granted_amount = models.DecimalField(
        _("granted amount (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ExperimentStatus.choices, default=ExperimentStatus.PLANNED
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("The title, summary and public posts and events can be seen by everyone."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )

    title = Translated("title")
    summary = Translated("summary")

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        ordering = ["-starts_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="experiment_dates_order"
            ),
            models.CheckConstraint(condition=Q(granted_amount__gte=0), name="experiment_grant_not_negative"),
            models.CheckConstraint(
                condition=~Q(title_fi="") | ~Q(title_sv="") | ~Q(title_en=""), name="experiment_has_title"
            ),
            models.CheckConstraint(
                condition=Q(sector="") | Q(sector__in=ServiceSector.values), name="experiment_sector_valid"
            ),
        ]
        indexes = [models.Index(fields=["city", "status"], name="experiment_city_status_idx")]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_staff_experiment(self) -> bool:
        return self.proposal_id is None


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Experiment lead")
    TEAM = "team", _("Team member")
    PARTNER = "partner", _("Partner representative")
    TESTER = "tester", _("Tester")


class ExperimentMember(BaseModel):
    """A person taking part in an experiment. Leads run the workspace with the city's programme managers;
    team members and partner representatives work in it; testers see what is addressed to them."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="experiment_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    partner = models.ForeignKey(
        "ExperimentPartner",
        verbose_name=_("partner organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="representatives",
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["role", "user__last_name", "user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["experiment", "user"], name="experiment_member_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class PartnerRole(models.TextChoices):
    LEAD_PARTNER = "lead_partner", _("Lead partner")
    PARTNER = "partner", _("Partner")
    SUBCONTRACTOR = "subcontractor", _("Subcontractor")
    TEST_SITE = "test_site", _("Test site (school or unit)")
    RESEARCH = "research", _("Research partner")


class ExperimentPartner(BaseModel):
    """An organisation taking part: the company running the pilot, the school or unit testing it, ..."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experiment_partnerships",
    )
    name = models.CharField(_("name"), max_length=300)
    role = models.CharField(
        _("role"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["experiment", "name"], name="experiment_partner_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ParticipantGroup(BaseModel):
    """A group of the experiment's members, e.g. managers, staff of a unit or chosen testers. Events,
    materials, posts and surveys addressed to a group are seen by its members and the workspace's
    leads only."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="groups"
    )
    name_fi = models.CharField(_("name (Finnish)"), max_length=120, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    members = models.ManyToManyField(
        ExperimentMember, verbose_name=_("members"), blank=True, related_name="groups"
    )

    name = Translated("name")

    class Meta:
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")
        ordering = ["name_fi", "name_sv", "name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_fi="") | ~Q(name_sv="") | ~Q(name_en=""), name="participant_group_has_name"
            )
        ]

    def __str__(self) -> str:
        return str(self.name)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Withdrawn")


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(BaseModel):
    """An e-mailed invitation to join the experiment with a role (and optionally into a group)."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.TESTER)
    group = models.ForeignKey(
        ParticipantGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=2, default="fi")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Set by the task that e-mails the invitation, so a repeated run does not send it twice.
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "email"],
                condition=Q(status="pending"),
                name="invitation_one_pending_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.email


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone (public)")
    EXPERIMENT = "experiment", _("Everyone in the experiment")
    GROUP = "group", _("One group")


class AudienceFields(models.Model):
    """Who may see a piece of workspace content: everyone, the experiment's members, or one group.

    Subclasses get `experiment`, `audience` and `group`; `experiments.selectors.audience_filter` is the one
    rule that turns these into what a person may see."""

    experiment = models.ForeignKey(
        Experiment, verbose_name=_("experiment"), on_delete=models.CASCADE, related_name="+"
    )
    audience = models.CharField(
        _("visible to"), max_length=20, choices=Audience.choices, default=Audience.EXPERIMENT
    )
    group = models.ForeignKey(
        ParticipantGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(Q(audience="group") & Q(group__isnull=False))
                | (~Q(audience="group") & Q(group__isnull=True)),
                name="%(app_label)s_%(class)s_group_iff_group_audience",
            )
        ]
