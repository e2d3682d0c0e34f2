"""Background work for experiments: the invitation e-mail (idempotent: sent once)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Invitation, InvitationStatus


def absolute_url(path: str) -> str:
    return f"{settings.KOKEILU_BASE_URL.rstrip('/')}{path}"


def send_invitation(*, invitation_id: int) -> None:
    invitation = (
        Invitation.objects.select_related("experiment", "invited_by", "group")
        .filter(pk=invitation_id, status=InvitationStatus.PENDING, sent_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "experiment_title": invitation.experiment.title,
            "inviter": str(invitation.invited_by),
            "role": invitation.get_role_display(),
            "group": invitation.group.name if invitation.group else "",
            "url": absolute_url(reverse("experiments:invitation", kwargs={"token": invitation.token})),
        }
        subject = _("You are invited to take part in an experiment: %(title)s") % {
            "title": invitation.experiment.title
        }
        body = render_to_string("experiments/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
