"""A small programme built by hand whose every dashboard number is known.

Years: A = last year, B = this year (Europe/Helsinki), both inside the default ten-year range.
- Needs of `city`: one written in A and two in B (both answered partly by call 1), one draft (not counted).
- Call 1 opens at 00:30 on 1 January of A in Helsinki (still December in UTC) and answers needs 1 and 2.
  Proposals: P1 company, selected 10 days after submission; P2 association, rejected after 20 days;
  P3 company, reserve after 40 days; P4 school, no decision; a draft and a withdrawn one (not counted).
- Call 2 opens in B: P7 resident selected after 5 days, P8 company selected after 7 days.
- A draft call of `city` (not counted) and a call of `other_city` with a proposal (not counted).
- Experiments of `city`: E1 from P1 (completed, starts in A, 10,000 granted, 2,500 + 1,500.25 spent,
  unit `city_unit`); E2 from P7 (running, B, 8,000, 1,000 spent, no unit); E3 from P8 (planned, B,
  5,000, nothing spent); E4 a staff experiment (cancelled, B, 2,000, 300 spent, unit `city_unit`).
- An experiment of `other_city` (99,999 granted, 500 spent; never counted).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kokeilu.accounts.models import Role
from kokeilu.evaluation.models import DecisionOutcome
from kokeilu.funding.models import SpendLine
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus
from kokeilu.proposals.models import ProposalStatus
from tests.factories import (
    CallFactory,
    DecisionFactory,
    DevelopmentNeedFactory,
    ExperimentFactory,
    MembershipFactory,
    PlatformFactory,
    ProposalFactory,
    SubmittedProposalFactory,
    UserFactory,
)

HELSINKI = ZoneInfo("Europe/Helsinki")


@dataclass
class Programme:
    year_a: int
    year_b: int
    call_1: object
    call_2: object
    other_call: object


def _at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def _call(platform, slug: str, opens_at: datetime.datetime, **kwargs):
    kwargs.setdefault("published_at", opens_at - datetime.timedelta(days=7))
    return CallFactory(
        platform=platform,
        slug=slug,
        opens_at=opens_at,
        closes_at=opens_at + datetime.timedelta(days=30),
        review_ends_at=opens_at + datetime.timedelta(days=60),
        decision_ends_at=opens_at + datetime.timedelta(days=90),
        **kwargs,
    )


def _decided(call, kind: str, submitted_at: datetime.datetime, days: int, outcome: str, decider):
    proposal = SubmittedProposalFactory(call=call, applicant_kind=kind, submitted_at=submitted_at)
    DecisionFactory(
        proposal=proposal,
        outcome=outcome,
        decided_at=submitted_at + datetime.timedelta(days=days),
        decided_by=decider,
    )
    return proposal


def _spend(experiment, amount: str, recorder) -> None:
    SpendLine.objects.create(
        experiment=experiment,
        spent_on=experiment.starts_on,
        purpose="Tarvikkeet",
        amount=Decimal(amount),
        recorded_by=recorder,
    )


@pytest.fixture
def programme(city, other_city, city_unit) -> Programme:
    year_b = timezone.localdate().year
    year_a = year_b - 1
    decider = UserFactory(username="decider")
    platform = PlatformFactory(city=city, slug="dashboard-platform")
    other_platform = PlatformFactory(city=other_city, slug="dashboard-other-platform")

    need_1 = DevelopmentNeedFactory(platform=platform, status=NeedStatus.PUBLISHED)
    need_2 = DevelopmentNeedFactory(platform=platform, status=NeedStatus.ADDRESSED)
    need_3 = DevelopmentNeedFactory(platform=platform, status=NeedStatus.ARCHIVED)
    draft_need = DevelopmentNeedFactory(platform=platform, status=NeedStatus.DRAFT)
    DevelopmentNeedFactory(platform=other_platform)
    DevelopmentNeed.objects.filter(pk=need_1.pk).update(created_at=_at(year_a, 2, 1))
    DevelopmentNeed.objects.filter(pk__in=[need_2.pk, need_3.pk, draft_need.pk]).update(
        created_at=_at(year_b, 1, 2)
    )

    call_1 = _call(platform, "call-one", _at(year_a, 1, 1, 0, 30))
    call_1.needs.set([need_1, need_2, draft_need])
    call_2 = _call(platform, "call-two", _at(year_b, 1, 10))
    _call(platform, "draft-call", _at(year_b, 2, 1), published_at=None)
    other_call = _call(other_platform, "other-call", _at(year_b, 1, 10))

    p1 = _decided(call_1, "company", _at(year_a, 1, 20), 10, DecisionOutcome.SELECTED, decider)
    _decided(call_1, "association", _at(year_a, 1, 21), 20, DecisionOutcome.REJECTED, decider)
    _decided(call_1, "company", _at(year_a, 1, 22), 40, DecisionOutcome.RESERVE, decider)
    SubmittedProposalFactory(call=call_1, applicant_kind="school", submitted_at=_at(year_a, 1, 23))
    ProposalFactory(call=call_1, applicant_kind="company", status=ProposalStatus.DRAFT)
    ProposalFactory(
        call=call_1,
        applicant_kind="company",
        status=ProposalStatus.WITHDRAWN,
        withdrawn_at=_at(year_a, 1, 25),
    )
    p7 = _decided(call_2, "resident", _at(year_b, 1, 15), 5, DecisionOutcome.SELECTED, decider)
    p8 = _decided(call_2, "company", _at(year_b, 1, 16), 7, DecisionOutcome.SELECTED, decider)
    other_proposal = _decided(other_call, "company", _at(year_b, 1, 15), 1, DecisionOutcome.SELECTED, decider)

    def experiment(slug, starts_on, status, granted, **kwargs):
        return ExperimentFactory(
            city=kwargs.pop("city", city),
            slug=slug,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=90),
            status=status,
            granted_amount=Decimal(granted),
            **kwargs,
        )

    e1 = experiment(
        "e1",
        datetime.date(year_a, 6, 1),
        "completed",
        "10000",
        call=call_1,
        proposal=p1,
        owner_unit=city_unit,
    )
    e2 = experiment("e2", datetime.date(year_b, 1, 15), "running", "8000", call=call_2, proposal=p7)
    experiment("e3", datetime.date(year_b, 2, 1), "planned", "5000", call=call_2, proposal=p8)
    e4 = experiment("e4", datetime.date(year_b, 3, 1), "cancelled", "2000", owner_unit=city_unit)
    other = experiment(
        "other",
        datetime.date(year_b, 2, 1),
        "running",
        "99999",
        city=other_city,
        call=other_call,
        proposal=other_proposal,
    )
    _spend(e1, "2500", decider)
    _spend(e1, "1500.25", decider)
    _spend(e2, "1000", decider)
    _spend(e4, "300", decider)
    _spend(other, "500", decider)
    return Programme(year_a, year_b, call_1, call_2, other_call)


@pytest.fixture
def two_city_manager(city, other_city):
    user = UserFactory(username="two_city_manager")
    MembershipFactory(user=user, organisation=city, role=Role.PROGRAMME_MANAGER)
    MembershipFactory(user=user, organisation=other_city, role=Role.PROGRAMME_MANAGER)
    return user
