import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokeilu.accounts.models import Organisation
from kokeilu.calls.models import ApplicantKind, Call, CallQuestion
from kokeilu.core.models import BaseModel


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The applicant's side of a proposal's life. Every change also requires the call to be open
# (checked by the services); decisions are recorded separately in evaluation.Decision.
PROPOSAL_TRANSITIONS: dict[str, set[str]] = {
    ProposalStatus.DRAFT: {ProposalStatus.SUBMITTED, ProposalStatus.WITHDRAWN},
    ProposalStatus.SUBMITTED: {ProposalStatus.WITHDRAWN},
    ProposalStatus.WITHDRAWN: {ProposalStatus.DRAFT},
}


class Proposal(BaseModel):
    """An applicant's proposal to a call: a short problem description or a full application."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="proposals")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    applicant_kind = models.CharField(_("applying as"), max_length=20, choices=ApplicantKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("applicant organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, default="fi")
    title = models.CharField(_("title"), max_length=200)
    # Blank is allowed so an applicant can save a draft with only a title; submission requires it.
    problem = models.TextField(_("problem description"), blank=True, max_length=4000)
    solution = models.TextField(_("proposed solution"), blank=True, max_length=8000)
    team = models.TextField(_("team"), blank=True, max_length=4000)
    partner = models.CharField(_("partner organisation"), max_length=300, blank=True)
    budget = models.DecimalField(
        _("budget (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_details = models.TextField(_("budget details"), blank=True, max_length=4000)
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), null=True, blank=True)
    schedule = models.TextField(_("schedule"), blank=True, max_length=4000)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # When the submission confirmation was e-mailed; the task sends again only for a later submission,
    # so running it twice never sends two messages.
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
                name="proposal_submitted_has_timestamp",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="proposal_budget_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["call", "status"], name="proposal_call_status_idx"),
            models.Index(fields=["created_by", "status"], name="proposal_owner_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ProposalAnswer(BaseModel):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        CallQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "question"], name="answer_unique_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}/{self.question_id}"


class CoApplicantStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class CoApplicant(BaseModel):
    """An invitation to write a proposal together; once accepted, the co-applicant may edit it."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="co_applicants"
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="co_applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CoApplicantStatus.choices, default=CoApplicantStatus.INVITED
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    # Set by the task that e-mails the invitation, so a repeated run does not send it twice.
    invitation_sent_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-applicant")
        verbose_name_plural = _("co-applicants")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "email"],
                condition=Q(status__in=["invited", "accepted"]),
                name="coapplicant_one_open_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.email


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random: the original name is kept in a column and never used on disk.
    return f"proposals/{instance.proposal_id}/{secrets.token_hex(16)}"


class Attachment(BaseModel):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.original_name
