"""Demo feedback for the catalogue demo (kokeilu.catalogue.demo): given through the web form's service,
answered through the handling service, then moved back to the dates the story tells so that the metrics
have months to show. The givers leave no e-mail address, so loading the demo sends no mail."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kokeilu.accounts.models import User
from kokeilu.catalogue.models import Service

from .models import CLOSED_STATES, Feedback, FeedbackState, IntakeChannel
from .services import feedback_handle, feedback_submit


@dataclass(frozen=True)
class FeedbackSpec:
    kind: str
    text: str
    satisfaction: int | None
    days_ago: int
    answer: str = ""
    answer_after_days: float = 0
    state: str = ""  # empty: resolved when answered, else left as received
    language: str = "fi"


def feedback_demo_load(*, service: Service, handler: User, items: Iterable[FeedbackSpec]) -> list[Feedback]:
    now = timezone.now()
    created: list[Feedback] = []
    for item in items:
        feedback = feedback_submit(
            service=service,
            kind=item.kind,
            channel=IntakeChannel.WEB,
            description=item.text,
            satisfaction=item.satisfaction,
            language=item.language,
        )
        state = item.state or (FeedbackState.RESOLVED if item.answer else FeedbackState.RECEIVED)
        if item.answer or state != feedback.state:
            feedback = feedback_handle(
                feedback=feedback, handled_by=handler, public_answer=item.answer or None, state=state
            )
        # The story's dates: received `days_ago`, answered `answer_after_days` later.
        requested_at = now - timedelta(days=item.days_ago, hours=len(created) * 3)
        changes: dict[str, object] = {"requested_at": requested_at, "created_at": requested_at}
        if item.answer:
            answered_at = min(requested_at + timedelta(days=item.answer_after_days), now)
            changes.update(
                answered_at=answered_at,
                first_answered_at=answered_at,
                response_seconds=int((answered_at - requested_at).total_seconds()),
                updated_at=answered_at,
            )
            if feedback.state in CLOSED_STATES:
                changes["closed_at"] = answered_at
        Feedback.objects.filter(pk=feedback.pk).update(**changes)
        created.append(feedback)
    return created
