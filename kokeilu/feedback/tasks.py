"""Background work of the feedback app. Tasks take ids and are idempotent."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Feedback

logger = logging.getLogger(__name__)


def feedback_answer_notify(*, feedback_id: int) -> None:
    """E-mail the public answer to the person who gave the feedback, in the language they used.

    Does nothing when the current answer has already been sent (a new answer clears answer_notified_at),
    when there is no answer or no address, or when the item no longer exists. The row is locked while
    sending so that two runs cannot both send; if sending fails, answer_notified_at stays empty."""
    with transaction.atomic():
        feedback = (
            Feedback.objects.select_for_update(of=("self",))
            .select_related("service", "producer__organisation")
            .filter(pk=feedback_id)
            .first()
        )
        if feedback is None or feedback.answer_notified_at is not None:
            return
        if not feedback.email or not feedback.public_answer:
            return
        with translation.override(feedback.language):
            path = reverse("feedback:detail", kwargs={"pk": feedback.pk})
            context = {
                "feedback": feedback,
                "service": feedback.service,
                "producer": feedback.producer,
                "url": settings.KOKEILU_BASE_URL.rstrip("/") + path,
            }
            subject = render_to_string("feedback/email/answer_subject.txt", context).strip()
            body = render_to_string("feedback/email/answer_body.txt", context)
        message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[feedback.email])
        get_connection().send_messages([message])
        feedback.answer_notified_at = timezone.now()
        feedback.save(update_fields=["answer_notified_at", "updated_at"])
    logger.info("Answer to feedback %s sent", feedback_id)
