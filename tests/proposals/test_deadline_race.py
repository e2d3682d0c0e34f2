"""Submissions racing the deadline on PostgreSQL: many applicants submit from parallel threads, each
with its own database connection, while the deadline passes in the middle of the burst.

What must hold whatever the timing: every accepted submission is stamped before the deadline and stored
once, every refusal is an ApplicationError, a refused draft stays a draft, and nothing crashes.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from kokeilu.accounts.models import User
from kokeilu.calls.models import Call, ProposalMode
from kokeilu.core.exceptions import ApplicationError
from kokeilu.proposals import services
from kokeilu.proposals.models import Proposal, ProposalStatus

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

WORKERS = 16  # each worker thread opens its own connection; the server allows about a hundred
DEADLINE_AFTER = 1.5  # seconds from the start of the burst
BURST_LENGTH = 3.0  # submissions are spread over this many seconds, so the deadline falls in the middle


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: row locks and parallel connections")


def _applicants_with_drafts(call: Call, count: int, prefix: str) -> list[tuple[int, int]]:
    users = User.objects.bulk_create(
        [
            User(username=f"{prefix}{number}", email=f"{prefix}{number}@example.test")
            for number in range(count)
        ]
    )
    proposals = Proposal.objects.bulk_create(
        [
            Proposal(
                call=call,
                created_by=user,
                applicant_kind="resident",
                title=f"Kilpajuoksu {number}",
                problem="Jonot ovat pitkiä.",
            )
            for number, user in enumerate(users)
        ]
    )
    return [(proposal.pk, user.pk) for proposal, user in zip(proposals, users, strict=True)]


def _move_deadline_ahead(call: Call) -> Call:
    """The deadline passes DEADLINE_AFTER seconds from now; returns the call as stored."""
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() + timedelta(seconds=DEADLINE_AFTER))
    return Call.objects.get(pk=call.pk)


def _wait_until(moment: float) -> None:
    delay = moment - time.monotonic()
    if delay > 0:
        time.sleep(delay)


@pytest.fixture
def race_call(call):
    Call.objects.filter(pk=call.pk).update(proposal_mode=ProposalMode.LOW_THRESHOLD)
    return Call.objects.get(pk=call.pk)


def test_two_hundred_submissions_race_the_deadline(race_call):
    drafts = _applicants_with_drafts(race_call, 200, "racer")
    # Every tenth applicant double-clicks: two submissions of the same draft at the same moment.
    attempts = [
        attempt for index, draft in enumerate(drafts) for attempt in [draft] * (2 if index % 10 == 0 else 1)
    ]
    schedule = {pk: index * BURST_LENGTH / len(drafts) for index, (pk, _user) in enumerate(drafts)}
    mail.outbox = []

    def submit(proposal_id: int, user_id: int, start: float) -> tuple[str, int, object]:
        try:
            _wait_until(start + schedule[proposal_id])
            proposal = Proposal.objects.get(pk=proposal_id)
            user = User.objects.get(pk=user_id)
            try:
                services.proposal_submit(proposal=proposal, submitted_by=user)
            except ApplicationError as error:
                return ("refused", proposal_id, error)
            return ("submitted", proposal_id, None)
        except Exception as error:  # anything else is a server error
            return ("crashed", proposal_id, error)
        finally:
            connections.close_all()

    call = _move_deadline_ahead(race_call)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda attempt: submit(*attempt, start), attempts))

    crashed = [result for result in results if result[0] == "crashed"]
    assert crashed == []
    succeeded = [proposal_id for outcome, proposal_id, _ in results if outcome == "submitted"]
    refused = [(proposal_id, error) for outcome, proposal_id, error in results if outcome == "refused"]
    assert len(succeeded) + len(refused) == len(attempts)
    # The deadline really fell inside the burst.
    assert succeeded
    assert any(error.code == "call_not_open" for _, error in refused)
    # The first applicant's double click came well before the deadline: one of the two was refused.
    assert any(error.code == "invalid_transition" for _, error in refused)

    # Stored exactly once: one submitted row per successful attempt, no proposal submitted twice.
    assert len(set(succeeded)) == len(succeeded)
    stored = Proposal.objects.filter(call=call, status=ProposalStatus.SUBMITTED)
    assert sorted(stored.values_list("id", flat=True)) == sorted(succeeded)
    for submitted_at in stored.values_list("submitted_at", flat=True):
        assert submitted_at < call.closes_at

    # Every refusal is the domain's: either the deadline, or the second click of a submitted draft.
    succeeded_ids = set(succeeded)
    for proposal_id, error in refused:
        assert type(error) is ApplicationError
        if error.code == "invalid_transition":
            assert proposal_id in succeeded_ids
        else:
            assert error.code == "call_not_open"
    refused_only = {proposal_id for proposal_id, _ in refused} - succeeded_ids
    assert refused_only
    assert (
        set(
            Proposal.objects.filter(
                pk__in=refused_only, status=ProposalStatus.DRAFT, submitted_at__isnull=True
            ).values_list("id", flat=True)
        )
        == refused_only
    )

    # One confirmation per stored submission.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        stored.values_list("created_by__email", flat=True)
    )


def test_api_submissions_race_the_deadline_without_server_errors(race_call):
    drafts = _applicants_with_drafts(race_call, 60, "apiracer")
    step = BURST_LENGTH / len(drafts)

    def submit(index: int, proposal_id: int, user_id: int, start: float) -> tuple[int, int, dict]:
        try:
            client = APIClient(raise_request_exception=False)
            client.force_authenticate(User.objects.get(pk=user_id))
            _wait_until(start + index * step)
            response = client.post(f"/api/v1/me/proposals/{proposal_id}/submit/", HTTP_ACCEPT_LANGUAGE="en")
            return proposal_id, response.status_code, response.json()
        finally:
            connections.close_all()

    call = _move_deadline_ahead(race_call)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda item: submit(item[0], *item[1], start), enumerate(drafts)))

    assert {status for _, status, _ in results} <= {200, 400}
    accepted = sorted(proposal_id for proposal_id, status, _ in results if status == 200)
    refused = [body for _, status, body in results if status == 400]
    assert accepted
    assert refused
    assert all(body["code"] == "call_not_open" for body in refused)
    stored = Proposal.objects.filter(call=call, status=ProposalStatus.SUBMITTED)
    assert sorted(stored.values_list("id", flat=True)) == accepted
    assert all(moment < call.closes_at for moment in stored.values_list("submitted_at", flat=True))
