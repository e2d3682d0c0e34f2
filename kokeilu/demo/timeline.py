"""Moving a past call's story to the dates it happened on.

A past call is built while open (the services accept proposals only then); afterwards its dates and the
timestamps of everything that happened in it are set so the story reads in order: published before it
opened, proposals submitted before the deadline, reviews within the review period, decisions before the
decision date, notifications right after the decisions.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kokeilu.calls.models import Call
from kokeilu.evaluation.models import ConflictOfInterest, CriterionScore, Decision, Review, ReviewAssignment
from kokeilu.proposals.models import Proposal, ProposalAnswer


@dataclass(frozen=True)
class CallDates:
    opens_at: datetime
    closes_at: datetime
    review_ends_at: datetime
    decision_ends_at: datetime

    @classmethod
    def relative_to(
        cls, moment: datetime, *, opens: int, closes: int, review_ends: int, decisions_by: int
    ) -> "CallDates":
        """Dates a number of days from `moment`, each at 13:00 UTC (mid-afternoon in Finland)."""

        def day(offset: int) -> datetime:
            return (moment + timedelta(days=offset)).replace(hour=13, minute=0, second=0, microsecond=0)

        return cls(day(opens), day(closes), day(review_ends), day(decisions_by))

    def open_until(self, deadline: datetime) -> "CallDates":
        """The same call while it is still open: the deadline and later phases a little after now."""
        return CallDates(
            self.opens_at, deadline, deadline + timedelta(hours=1), deadline + timedelta(hours=2)
        )

    def as_fields(self) -> dict[str, Any]:
        return {
            "opens_at": self.opens_at,
            "closes_at": self.closes_at,
            "review_ends_at": self.review_ends_at,
            "decision_ends_at": self.decision_ends_at,
        }


@dataclass(frozen=True)
class Story:
    call_id: int
    dates: CallDates
    proposal_ids: list[int]


def _between(start: datetime, end: datetime, share: float) -> datetime:
    return start + (end - start) * share


def story_backdate(story: Story) -> None:
    """Set the call's real dates and move every timestamp of its proposals, reviews and decisions."""
    dates = story.dates
    published_at = dates.opens_at - timedelta(days=7)
    Call.objects.filter(pk=story.call_id).update(
        published_at=published_at,
        created_at=published_at - timedelta(days=7),
        updated_at=published_at,
        **dates.as_fields(),
    )
    proposals = Proposal.objects.in_bulk(story.proposal_ids)
    count = len(story.proposal_ids)
    submitted: dict[int, datetime] = {}
    for index, proposal_id in enumerate(story.proposal_ids):
        proposal = proposals[proposal_id]
        # Most proposals arrive in the last third of the open period, as in real calls.
        moment = _between(dates.opens_at, dates.closes_at, 0.3 + 0.65 * (index + 1) / (count + 1))
        submitted[proposal_id] = moment
        proposal.created_at = max(dates.opens_at + timedelta(hours=2), moment - timedelta(days=1 + index % 5))
        proposal.updated_at = moment
        proposal.submitted_at = moment
        if proposal.confirmation_sent_at is not None:
            proposal.confirmation_sent_at = moment + timedelta(minutes=1)
    Proposal.objects.bulk_update(
        proposals.values(), ["created_at", "updated_at", "submitted_at", "confirmation_sent_at"]
    )
    answers = list(ProposalAnswer.objects.filter(proposal_id__in=story.proposal_ids))
    for answer in answers:
        answer.created_at = answer.updated_at = submitted[answer.proposal_id]
    ProposalAnswer.objects.bulk_update(answers, ["created_at", "updated_at"])

    assigned_at = dates.closes_at + timedelta(hours=20)
    ReviewAssignment.objects.filter(proposal_id__in=story.proposal_ids).update(
        created_at=assigned_at, updated_at=assigned_at
    )
    ConflictOfInterest.objects.filter(proposal_id__in=story.proposal_ids).update(
        created_at=assigned_at + timedelta(hours=3), updated_at=assigned_at + timedelta(hours=3)
    )
    reviews = list(Review.objects.filter(proposal_id__in=story.proposal_ids).order_by("id"))
    for index, review in enumerate(reviews):
        moment = _between(assigned_at, dates.review_ends_at, 0.15 + 0.8 * (index + 1) / (len(reviews) + 1))
        review.created_at = _between(assigned_at, moment, 0.5)
        review.updated_at = moment
        review.submitted_at = moment
    Review.objects.bulk_update(reviews, ["created_at", "updated_at", "submitted_at"])
    scores = list(CriterionScore.objects.filter(review__in=reviews).select_related("review"))
    for score in scores:
        score.created_at = score.updated_at = score.review.submitted_at  # type: ignore[assignment]
    CriterionScore.objects.bulk_update(scores, ["created_at", "updated_at"])

    decided_at = _between(dates.review_ends_at, dates.decision_ends_at, 0.5)
    decisions = list(Decision.objects.filter(proposal_id__in=story.proposal_ids))
    for decision in decisions:
        decision.decided_at = decision.created_at = decision.updated_at = decided_at
        if decision.notified_at is not None:
            decision.notified_at = decided_at + timedelta(minutes=5)
    Decision.objects.bulk_update(decisions, ["decided_at", "created_at", "updated_at", "notified_at"])
