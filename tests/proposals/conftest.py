"""Fixtures for the proposals tests: calls in both modes, proposals in each state, a co-applicant, and
private storage in a temporary directory per test."""

from datetime import UTC, datetime, timedelta

import pytest

from kokeilu.calls.models import ProposalMode
from tests.factories import (
    CallFactory,
    CallQuestionFactory,
    CriterionFactory,
    ProposalFactory,
    SubmittedProposalFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded files go to a directory of this test only."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def low_threshold_call(call):
    call.proposal_mode = ProposalMode.LOW_THRESHOLD
    call.save()
    return call


@pytest.fixture
def full_call(platform):
    """A full-application call: 2–6 month pilots, one required and one optional question."""
    call = CallFactory(
        platform=platform,
        slug="full-call",
        proposal_mode=ProposalMode.FULL,
        duration_min_months=2,
        duration_max_months=6,
    )
    CriterionFactory(call=call, weight=1)
    CallQuestionFactory(
        call=call,
        text_fi="Miten kokeilu mitataan?",
        text_en="How will the experiment be measured?",
        help_fi="Kerro mittarit.",
        help_en="Name the measures.",
        required=True,
        max_length=50,
        position=1,
    )
    CallQuestionFactory(
        call=call,
        text_fi="Mitä muuta haluat kertoa?",
        text_en="Anything else?",
        required=False,
        max_length=500,
        position=2,
    )
    return call


@pytest.fixture
def closed_call(platform):
    """A call whose deadline was 15 January 2026 at 14:00 UTC (16.00 in Helsinki)."""
    closes_at = datetime(2026, 1, 15, 14, 0, tzinfo=UTC)
    return CallFactory(
        platform=platform,
        slug="closed-call",
        published_at=closes_at - timedelta(days=30),
        opens_at=closes_at - timedelta(days=20),
        closes_at=closes_at,
    )


@pytest.fixture
def draft(call, applicant):
    return ProposalFactory(
        call=call,
        created_by=applicant,
        title="Palveluopas robotti",
        problem="Asiakkaat eksyvät palvelutorilla.",
        organisation_name="Robotiikka Oy",
        solution="Robotti opastaa.",
        team="Kaksi insinööriä.",
        budget=5000,
        duration_months=2,
        schedule="Kesä–syyskuu.",
    )


@pytest.fixture
def submitted(call, applicant):
    return SubmittedProposalFactory(
        call=call,
        created_by=applicant,
        title="Lähetetty ehdotus",
        organisation_name="Robotiikka Oy",
        solution="Robotti opastaa.",
        team="Kaksi insinööriä.",
        budget=5000,
        duration_months=2,
        schedule="Kesä–syyskuu.",
    )


@pytest.fixture
def co_applicant(db):
    return UserFactory(username="co_applicant", first_name="Testi", last_name="Kumppani")
