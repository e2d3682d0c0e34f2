"""Seeds a large programme with bulk_create, keeping every invariant the services keep.

50 calls on five platforms of three cities, 20,000 submitted proposals (each call but two has about 400;
one has exactly 400 and one 40, for comparing query counts), three submitted reviews per proposal with a
score for every criterion and `weighted_score` = Σ(weight × score) / Σ(weight), and decisions with reasons
for every proposal of the calls whose decision period is over. Submission, review and decision times fall
inside the call's phases. Must run after `django.setup()`.
"""

import random
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from kokeilu.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from kokeilu.calls.models import ApplicantKind, Call, CallQuestion, Criterion, ProposalMode
from kokeilu.evaluation.models import (
    CriterionScore,
    Decision,
    DecisionOutcome,
    Recommendation,
    Review,
    ReviewAssignment,
    ReviewStatus,
)
from kokeilu.platforms.models import Platform, PlatformKind
from kokeilu.proposals.models import Proposal, ProposalAnswer, ProposalStatus

# Bump when the shape of the seeded data changes, so an old seed is replaced.
SEED_VERSION = 2
BATCH = 2000

TARGET_SLUG = "bench-call-000"  # about 400 proposals: the call the load is measured on
SMALL_SLUG = "bench-call-001"  # 40 proposals: the query-count comparison
CITIES = (("espoo", "Espoo"), ("helsinki", "Helsinki"), ("vantaa", "Vantaa"))
CRITERION_WEIGHTS = (3, 3, 2, 2)
APPLICANT_KINDS = (
    (ApplicantKind.COMPANY, 50),
    (ApplicantKind.ASSOCIATION, 20),
    (ApplicantKind.SCHOOL, 10),
    (ApplicantKind.RESIDENT, 10),
    (ApplicantKind.RESEARCH, 10),
)
WORDS = (
    "asiakasvirta",
    "opaste",
    "robotti",
    "kalenteri",
    "palaute",
    "kirjasto",
    "nuoret",
    "neuvola",
    "kouluruoka",
    "avain",
    "sopimus",
    "perehdytys",
    "rekrytointi",
    "paikkatieto",
    "jono",
    "varaus",
    "tila",
    "liikunta",
    "kulttuuri",
    "terveys",
    "digitaalinen",
    "yhteinen",
    "kevyt",
    "nopea",
    "mobiili",
)


@dataclass(frozen=True)
class SeedSize:
    calls: int = 50
    proposals: int = 20_000
    reviews_per_proposal: int = 3
    target_call: int = 400
    small_call: int = 40
    reviewers_per_city: int = 40
    applicants: int = 4000

    def marker(self) -> dict[str, Any]:
        return {"version": SEED_VERSION, **asdict(self)}

    @property
    def reviews(self) -> int:
        return self.proposals * self.reviews_per_proposal

    def call_sizes(self) -> list[int]:
        rest = self.proposals - self.target_call - self.small_call
        others = self.calls - 2
        return [self.target_call, self.small_call] + [
            rest // others + (1 if index < rest % others else 0) for index in range(others)
        ]


def manager_username(city_key: str) -> str:
    return f"bench-manager-{city_key}"


def _weighted(scores: list[int]) -> Decimal:
    total = sum(weight * score for weight, score in zip(CRITERION_WEIGHTS, scores, strict=True))
    return (Decimal(total) / Decimal(sum(CRITERION_WEIGHTS))).quantize(
        Decimal("0.001"), rounding=ROUND_HALF_UP
    )


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.uniform(0.02, 0.98)


def _user(username: str) -> User:
    # make_password(None) is an unusable password: nobody signs in as a seeded person.
    return User(username=username, email=f"{username}@example.invalid", password=make_password(None))


class _Seeder:
    def __init__(self, size: SeedSize, now: datetime) -> None:
        self.size = size
        self.now = now
        self.rng = random.Random(20_000)

    def run(self) -> None:
        cities = Organisation.objects.bulk_create(
            Organisation(kind=OrganisationKind.CITY, name=name, slug=f"bench-{key}") for key, name in CITIES
        )
        managers = User.objects.bulk_create(_user(manager_username(key)) for key, _name in CITIES)
        Membership.objects.bulk_create(
            Membership(user=manager, organisation=city, role=Role.PROGRAMME_MANAGER)
            for manager, city in zip(managers, cities, strict=True)
        )
        self.managers = {city.pk: manager for city, manager in zip(cities, managers, strict=True)}
        self.reviewers: dict[int, list[User]] = {}
        for (key, _name), city in zip(CITIES, cities, strict=True):
            reviewers = User.objects.bulk_create(
                _user(f"bench-reviewer-{key}-{number:02d}") for number in range(self.size.reviewers_per_city)
            )
            Membership.objects.bulk_create(
                Membership(user=reviewer, organisation=city, role=Role.REVIEWER) for reviewer in reviewers
            )
            self.reviewers[city.pk] = reviewers
        self.applicants = User.objects.bulk_create(
            (_user(f"bench-applicant-{number:05d}") for number in range(self.size.applicants)),
            batch_size=BATCH,
        )
        platforms = Platform.objects.bulk_create(
            Platform(
                city=cities[index % len(cities)],
                slug=f"bench-platform-{index}",
                kind=(PlatformKind.SERVICE_CENTRE, PlatformKind.STAFF, PlatformKind.SCHOOLS)[index % 3],
                name_fi=f"Kokeilualusta {index}",
                name_sv=f"Försöksplattform {index}",
                name_en=f"Experiment platform {index}",
            )
            for index in range(5)
        )
        for index, proposal_count in enumerate(self.size.call_sizes()):
            # The target and the small call share a platform, so one manager sees both.
            platform = platforms[0] if index < 2 else platforms[index % len(platforms)]
            self._call(index, platform, proposal_count)

    def _dates(self, index: int) -> dict[str, datetime]:
        """35 calls are closed and decided, 10 are in review, 5 are open."""
        day = timedelta(days=1)
        if index < 35:
            opens = self.now - (300 - 5 * index) * day
            closes = opens + 30 * day
            return {
                "opens_at": opens,
                "closes_at": closes,
                "review_ends_at": closes + 14 * day,
                "decision_ends_at": closes + 24 * day,
            }
        if index < 45:
            opens = self.now - 40 * day
            return {
                "opens_at": opens,
                "closes_at": self.now - 5 * day,
                "review_ends_at": self.now + 10 * day,
                "decision_ends_at": self.now + 20 * day,
            }
        return {
            "opens_at": self.now - 10 * day,
            "closes_at": self.now + 20 * day,
            "review_ends_at": self.now + 35 * day,
            "decision_ends_at": self.now + 45 * day,
        }

    def _call(self, index: int, platform: Platform, proposal_count: int) -> None:
        rng = self.rng
        dates = self._dates(index)
        manager = self.managers[platform.city_id]
        call = Call.objects.create(
            platform=platform,
            slug=f"bench-call-{index:03d}",
            title_fi=f"Nopeat kokeilut {index}",
            title_sv=f"Snabba försök {index}",
            title_en=f"Rapid experiments {index}",
            description_fi="Etsimme nopeita kokeiluja.",
            description_sv="Vi söker snabba försök.",
            description_en="We are looking for rapid experiments.",
            eligibility=[kind for kind, _share in APPLICANT_KINDS],
            proposal_mode=ProposalMode.FULL,
            funding_per_pilot=Decimal("10000"),
            pilots_to_fund=8,
            duration_min_months=1,
            duration_max_months=3,
            published_at=dates["opens_at"] - timedelta(days=7),
            created_by=manager,
            **dates,
        )
        criteria = Criterion.objects.bulk_create(
            Criterion(
                call=call,
                name_fi=f"Kriteeri {number}",
                name_sv=f"Kriterium {number}",
                name_en=f"Criterion {number}",
                weight=weight,
                position=number,
            )
            for number, weight in enumerate(CRITERION_WEIGHTS, start=1)
        )
        questions = CallQuestion.objects.bulk_create(
            CallQuestion(
                call=call,
                text_fi=f"Kysymys {n}?",
                text_sv=f"Fråga {n}?",
                text_en=f"Question {n}?",
                position=n,
            )
            for n in (1, 2)
        )
        submitted_until = min(dates["closes_at"], self.now)
        kinds = [kind for kind, _share in APPLICANT_KINDS]
        shares = [share for _kind, share in APPLICANT_KINDS]
        proposals = []
        for number in range(proposal_count):
            kind = rng.choices(kinds, shares)[0]
            organisation = f"Kokeilija {rng.randrange(1, 3000)} Oy" if kind != ApplicantKind.RESIDENT else ""
            proposals.append(
                Proposal(
                    call=call,
                    created_by=rng.choice(self.applicants),
                    applicant_kind=kind,
                    organisation_name=organisation,
                    title=f"{' '.join(rng.sample(WORDS, 3)).capitalize()} {index}-{number}",
                    problem="Asiakkaat eivät löydä oikeaa palvelua. " * 4,
                    solution="Kokeilemme kevyttä ratkaisua yhdessä yksiköiden kanssa. " * 3,
                    team="Kaksi kehittäjää ja palvelumuotoilija.",
                    budget=Decimal(rng.randrange(2000, 10001, 500)),
                    duration_months=rng.randint(1, 3),
                    schedule="Kuukausi 1 suunnittelu, kuukaudet 2–3 kokeilu.",
                    status=ProposalStatus.SUBMITTED,
                    submitted_at=_between(rng, dates["opens_at"], submitted_until),
                )
            )
        proposals = Proposal.objects.bulk_create(proposals, batch_size=BATCH)
        ProposalAnswer.objects.bulk_create(
            (
                ProposalAnswer(proposal=proposal, question=question, text="Yhdessä asiakkaiden kanssa.")
                for proposal in proposals
                for question in questions
            ),
            batch_size=BATCH,
        )
        self._reviews(call, dates, criteria, proposals, manager)

    def _reviews(
        self,
        call: Call,
        dates: dict[str, datetime],
        criteria: list[Criterion],
        proposals: list[Proposal],
        manager: User,
    ) -> None:
        rng = self.rng
        panel = self.reviewers[call.platform.city_id]
        assignments = []
        for proposal in proposals:
            for reviewer in rng.sample(panel, self.size.reviews_per_proposal):
                assignments.append(
                    ReviewAssignment(proposal=proposal, reviewer=reviewer, assigned_by=manager)
                )
        assignments = ReviewAssignment.objects.bulk_create(assignments, batch_size=BATCH)
        quality = {proposal.pk: rng.uniform(1.0, 4.6) for proposal in proposals}
        reviews, all_scores = [], []
        for assignment in assignments:
            proposal = assignment.proposal
            scores = [min(5, max(0, round(quality[proposal.pk] + rng.gauss(0, 0.7)))) for _c in criteria]
            weighted = _weighted(scores)
            # Reviews are accepted from the proposal's submission until the review period ends.
            start = proposal.submitted_at or dates["opens_at"]
            end = min(dates["review_ends_at"], self.now)
            recommendation = (
                Recommendation.RECOMMEND
                if weighted >= Decimal("3.6")
                else Recommendation.RESERVE
                if weighted >= Decimal("2.9")
                else Recommendation.DO_NOT_RECOMMEND
            )
            reviews.append(
                Review(
                    assignment=assignment,
                    proposal=proposal,
                    reviewer=assignment.reviewer,
                    status=ReviewStatus.SUBMITTED,
                    recommendation=recommendation,
                    comment="Perusteltu ehdotus.",
                    weighted_score=weighted,
                    submitted_at=_between(rng, start, end),
                )
            )
            all_scores.append(scores)
        reviews = Review.objects.bulk_create(reviews, batch_size=BATCH)
        CriterionScore.objects.bulk_create(
            (
                CriterionScore(review=review, criterion=criterion, score=score)
                for review, scores in zip(reviews, all_scores, strict=True)
                for criterion, score in zip(criteria, scores, strict=True)
            ),
            batch_size=BATCH,
        )
        if dates["decision_ends_at"] < self.now:
            self._decisions(dates, proposals, reviews, manager)

    def _decisions(
        self, dates: dict[str, datetime], proposals: list[Proposal], reviews: list[Review], manager: User
    ) -> None:
        means: dict[int, list[Decimal]] = {}
        for review in reviews:
            means.setdefault(review.proposal_id, []).append(review.weighted_score or Decimal(0))
        ranked = sorted(proposals, key=lambda proposal: -sum(means[proposal.pk]) / len(means[proposal.pk]))
        decided_at = dates["review_ends_at"] + (dates["decision_ends_at"] - dates["review_ends_at"]) / 2
        decisions = []
        for rank, proposal in enumerate(ranked):
            if rank < 8:
                outcome, reason = DecisionOutcome.SELECTED, "Paras vastaus tarpeeseen; valitaan kokeiluun."
            elif rank < 12:
                outcome, reason = DecisionOutcome.RESERVE, "Hyvä ehdotus; varalla."
            else:
                outcome, reason = DecisionOutcome.REJECTED, "Muut ehdotukset vastasivat tarpeeseen paremmin."
            decisions.append(
                Decision(
                    proposal=proposal,
                    outcome=outcome,
                    reason=reason,
                    decided_by=manager,
                    decided_at=decided_at,
                    notified_at=decided_at + timedelta(minutes=5),
                )
            )
        Decision.objects.bulk_create(decisions, batch_size=BATCH)


def seed(size: SeedSize) -> None:
    """Fill an empty, migrated database with the programme, then refresh the planner's statistics."""
    with transaction.atomic():
        _Seeder(size, timezone.now()).run()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
