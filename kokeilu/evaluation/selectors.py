from django.db.models import QuerySet

from kokeilu.calls.models import Call
from kokeilu.proposals.models import Proposal, ProposalStatus

from .models import DecisionOutcome


def proposal_list_selected_for_call(*, call: Call) -> QuerySet[Proposal]:
    """What the public sees: proposals of the call that the manager selected."""
    return (
        Proposal.objects.filter(call=call, decision__outcome=DecisionOutcome.SELECTED)
        .exclude(status=ProposalStatus.WITHDRAWN)
        .select_related("decision")
        .order_by("decision__decided_at", "id")
    )
