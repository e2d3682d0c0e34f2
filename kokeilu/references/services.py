"""Writes for company references. Every function checks who may do it and validates.

Rules written once here:
- A reference is issued only for a completed experiment and only for one of its partner organisations;
  one reference per partner organisation.
- The experiment's managers and leads draft and edit it; the text is needed in at least one language.
- One of the city's programme managers approves it (draft → approved); who and when are kept. An approved
  text never changes.
- The company's consent to publish an approved reference is recorded by one of the partner's
  representatives or, on the company's behalf, by one of the city's programme managers; either may
  withdraw it.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Membership, Role, User
from kokeilu.accounts.selectors import AnyUser, user_can_manage_city
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.experiments.models import (
    Experiment,
    ExperimentMember,
    ExperimentPartner,
    ExperimentStatus,
    MemberRole,
)
from kokeilu.experiments.services import require_manage

from .models import REFERENCE_TRANSITIONS, Reference, ReferenceState

MAX_TEXT_LENGTH = 8000


def is_city_programme_manager(user: AnyUser, city_id: int) -> bool:
    """A programme manager of the city. A site administrator approves only if they hold that role too:
    the reference is the city's word."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return Membership.objects.filter(
            user_id=user.pk, role=Role.PROGRAMME_MANAGER, organisation_id=city_id
        ).exists()
    return user_can_manage_city(user, city_id)


def represents_partner(user: AnyUser, partner: ExperimentPartner) -> bool:
    """A member of the experiment (partner representative or lead) linked to the partner organisation."""
    if not user.is_authenticated:
        return False
    return ExperimentMember.objects.filter(
        experiment_id=partner.experiment_id,
        user_id=user.pk,
        partner=partner,
        role__in=[MemberRole.PARTNER, MemberRole.LEAD],
    ).exists()


def can_record_publication(user: AnyUser, reference: Reference) -> bool:
    return represents_partner(user, reference.partner) or (
        user.is_authenticated and user_can_manage_city(user, reference.experiment.city_id)
    )


def _texts(text_fi: str, text_sv: str, text_en: str) -> tuple[str, str, str]:
    texts = (text_fi.strip(), text_sv.strip(), text_en.strip())
    if not any(texts):
        raise ApplicationError(_("Write the reference in at least one language."), field="text_fi")
    for code, text in zip(("fi", "sv", "en"), texts, strict=True):
        if len(text) > MAX_TEXT_LENGTH:
            raise ApplicationError(_("The text is too long."), field=f"text_{code}")
    return texts


def reference_create(
    *,
    experiment: Experiment,
    partner: ExperimentPartner,
    drafted_by: User,
    text_fi: str = "",
    text_sv: str = "",
    text_en: str = "",
) -> Reference:
    """Draft a reference for a partner organisation of a completed experiment (managers and leads)."""
    require_manage(drafted_by, experiment)
    if experiment.status != ExperimentStatus.COMPLETED:
        raise ApplicationError(
            _("A reference can be issued only after the experiment has been completed."),
            code="not_completed",
        )
    if partner.experiment_id != experiment.pk:
        raise ApplicationError(_("The partner organisation is not part of this experiment."), field="partner")
    texts = _texts(text_fi, text_sv, text_en)
    reference = Reference(
        experiment=experiment,
        partner=partner,
        text_fi=texts[0],
        text_sv=texts[1],
        text_en=texts[2],
        drafted_by=drafted_by,
    )
    reference.full_clean(exclude=["partner"])
    try:
        with transaction.atomic():
            reference.save()
    except IntegrityError:
        raise ApplicationError(
            _("%(partner)s already has a reference for this experiment.") % {"partner": partner.name},
            field="partner",
            code="exists",
        ) from None
    return reference


def reference_update(
    *, reference: Reference, updated_by: User, text_fi: str = "", text_sv: str = "", text_en: str = ""
) -> Reference:
    """Change the draft's text (managers and leads). An approved reference cannot be changed."""
    require_manage(updated_by, reference.experiment)
    texts = _texts(text_fi, text_sv, text_en)
    with transaction.atomic():
        locked = Reference.objects.select_for_update().get(pk=reference.pk)
        if locked.state != ReferenceState.DRAFT:
            raise ApplicationError(
                _("The reference has been approved and its text can no longer be changed."),
                code="approved",
            )
        Reference.objects.filter(pk=reference.pk).update(
            text_fi=texts[0], text_sv=texts[1], text_en=texts[2], updated_at=timezone.now()
        )
    reference.text_fi, reference.text_sv, reference.text_en = texts
    return reference


def reference_approve(*, reference: Reference, approved_by: User) -> Reference:
    """Approve the draft on the city's behalf (one of the city's programme managers)."""
    experiment = reference.experiment
    if not is_city_programme_manager(approved_by, experiment.city_id):
        raise PermissionDeniedError(_("Only the city's programme managers can approve a reference."))
    with transaction.atomic():
        locked = Reference.objects.select_for_update().get(pk=reference.pk)
        if ReferenceState.APPROVED not in REFERENCE_TRANSITIONS[locked.state]:
            raise ApplicationError(_("The reference has already been approved."), code="approved")
        if experiment.status != ExperimentStatus.COMPLETED:
            raise ApplicationError(
                _("A reference can be issued only after the experiment has been completed."),
                code="not_completed",
            )
        now = timezone.now()
        Reference.objects.filter(pk=reference.pk).update(
            state=ReferenceState.APPROVED, approved_by=approved_by, approved_at=now, updated_at=now
        )
    reference.state, reference.approved_by, reference.approved_at = ReferenceState.APPROVED, approved_by, now
    return reference


def reference_set_publication(*, reference: Reference, recorded_by: User, agreed: bool) -> Reference:
    """Record (or withdraw) the company's consent to show the approved reference publicly."""
    if not can_record_publication(recorded_by, reference):
        raise PermissionDeniedError(
            _("Only the company's representatives and the city's programme managers can do this.")
        )
    with transaction.atomic():
        locked = Reference.objects.select_for_update().get(pk=reference.pk)
        if agreed and locked.state != ReferenceState.APPROVED:
            raise ApplicationError(
                _("Only an approved reference can be published."), field="publication_agreed"
            )
        now = timezone.now()
        Reference.objects.filter(pk=reference.pk).update(
            publication_agreed=agreed,
            publication_agreed_by=recorded_by if agreed else None,
            publication_agreed_at=now if agreed else None,
            updated_at=now,
        )
    reference.publication_agreed = agreed
    reference.publication_agreed_by = recorded_by if agreed else None
    reference.publication_agreed_at = now if agreed else None
    return reference
