"""Loads the demo through the services, the way people would have built it.

Past calls are played forward in time: each is created open, proposals are drafted and submitted, reviewers
score them, the deadline is moved to the moment just passed so the manager can decide, and finally the
call's dates and every timestamp of its story are moved back to where the story says they happened
(`kokeilu.demo.timeline`). Everything the services check and compute (eligibility, completeness, sealed
reviews, weighted scores, reasons for decisions) is therefore real.
"""

import itertools
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone, translation

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.accounts.services import membership_add, organisation_create, user_create
from kokeilu.calls.models import Call, Criterion
from kokeilu.calls.services import call_create, call_publish, criterion_save, question_save
from kokeilu.evaluation.models import Recommendation, ReviewAssignment
from kokeilu.evaluation.services import (
    conflict_of_interest_declare,
    decision_record,
    review_assignment_create,
    review_save,
)
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus, Platform, Theme
from kokeilu.platforms.services import need_create, need_set_status, platform_create
from kokeilu.proposals.models import Proposal
from kokeilu.proposals.services import proposal_create_draft, proposal_submit

from . import timeline
from .data import iso_omena, kyky, staff_campaign
from .data.common import ORGANISATIONS, THEMES
from .data.people import ALL_PEOPLE, PERSONAS
from .data.types import CallSpec, PersonSpec, PlatformSpec, ProposalSpec
from .experiments import experiments_load
from .history import history_load

PLATFORMS: tuple[PlatformSpec, ...] = (iso_omena.PLATFORM, staff_campaign.PLATFORM, kyky.PLATFORM)
CALLS: tuple[CallSpec, ...] = (iso_omena.CALL, staff_campaign.CALL, kyky.CALL)

# Reviewers who step aside: (call title in Finnish, proposal title, reviewer, the reason they give).
CONFLICTS: tuple[tuple[str, str, str, str], ...] = (
    (
        iso_omena.CALL.title.fi,
        "Lukiolaiset palvelutorin opastajina",
        "espoo-reviewer-3",
        "Lapseni opiskelee hakijana olevassa lukiossa.",
    ),
)

# Where a review's weighted score puts the reviewer's recommendation.
RECOMMEND_FROM = 3.6
RESERVE_FROM = 2.9


@dataclass(frozen=True)
class Persona:
    role: str
    username: str


def demo_is_loaded() -> bool:
    """The demo is loaded when its first platform exists (the load is one transaction per stage)."""
    return Platform.objects.filter(name_fi=iso_omena.PLATFORM.name.fi).exists()


def persona_list() -> list[Persona]:
    return [Persona(role=person.role_label, username=person.username) for person in PERSONAS]


def persona_passwords_set(*, password: str) -> None:
    """Give every persona the demo password (so a second run prints a login that works)."""
    for user in User.objects.filter(username__in=[person.username for person in PERSONAS]):
        user.set_password(password)
        user.save(update_fields=["password"])


def demo_load(*, password: str, analytics_people: int = 5000) -> list[Persona]:
    """Create the whole demo. Stage one writes through the services and commits (so the e-mails the
    services enqueue are handed to the configured backend); stage two moves past calls to their dates;
    stage three gives Espoo's analyst a synthetic, pseudonymised population to analyse."""
    now = timezone.now()
    with transaction.atomic():
        stories = _Builder(password=password, now=now).build()
    with transaction.atomic():
        for story in stories:
            timeline.story_backdate(story)
    with transaction.atomic():
        experiments_load(now=now)
    with transaction.atomic():
        # The five years before this one: past calls, experiments and their published learnings.
        history_load(now=now)
    if analytics_people:
        from kokeilu.analytics.services import dataset_create_synthetic

        espoo = Organisation.objects.get(kind=OrganisationKind.CITY, name="Espoo")
        dataset_create_synthetic(city=espoo, created_by=None, people=analytics_people, seed=2017, name="")
    return persona_list()


class _Builder:
    def __init__(self, *, password: str, now: datetime) -> None:
        self.password = password
        self.now = now
        self.organisations: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.themes: dict[str, Theme] = {}
        self.platforms: dict[str, Platform] = {}
        self.needs: dict[str, DevelopmentNeed] = {}

    def build(self) -> list[timeline.Story]:
        self._organisations()
        self._people()
        self._themes()
        for platform_spec in PLATFORMS:
            self._platform(platform_spec)
        return [story for spec in CALLS if (story := self._call(spec)) is not None]

    # --- organisations, people, themes, platforms -----------------------------------------------------

    def _organisations(self) -> None:
        for spec in ORGANISATIONS:
            city = self.organisations[spec.city] if spec.city else None
            self.organisations[spec.key] = organisation_create(kind=spec.kind, name=spec.name, city=city)

    def _people(self) -> None:
        personas = {person.username for person in PERSONAS}
        for spec in ALL_PEOPLE:
            self.users[spec.username] = self._person(spec, is_persona=spec.username in personas)

    def _person(self, spec: PersonSpec, *, is_persona: bool) -> User:
        # Demo personas share one password that need not pass the validators; everyone else cannot
        # sign in at all.
        user = user_create(
            username=spec.username,
            email=f"{spec.username}@example.test",
            password=self.password if is_persona else None,
            first_name=spec.first_name,
            last_name=spec.last_name,
            preferred_language=spec.preferred_language,
            validate=False,
        )
        if spec.is_superuser:
            user.is_superuser = True
            user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        for organisation_key, role in spec.memberships:
            membership_add(user=user, organisation=self.organisations[organisation_key], role=role)
        return user

    def _themes(self) -> None:
        # Themes are a shared vocabulary without a service of their own; reuse one that already exists.
        for spec in THEMES:
            theme, _created = Theme.objects.get_or_create(
                slug=spec.slug, defaults=spec.name.as_fields("name")
            )
            self.themes[spec.slug] = theme

    def _platform(self, spec: PlatformSpec) -> None:
        manager = self.users[spec.managed_by]
        platform = platform_create(
            created_by=manager,
            city=self.organisations[spec.city],
            kind=spec.kind,
            member_organisations=[self.organisations[key] for key in spec.members],
            **spec.name.as_fields("name"),
            **spec.description.as_fields("description"),
        )
        self.platforms[spec.key] = platform
        for need_spec in spec.needs:
            need = need_create(
                created_by=manager,
                platform=platform,
                themes=[self.themes[slug] for slug in need_spec.themes],
                owning_unit=self.organisations[need_spec.owning_unit] if need_spec.owning_unit else None,
                **need_spec.title.as_fields("title"),
                **need_spec.description.as_fields("description"),
            )
            need_set_status(need=need, status=NeedStatus.PUBLISHED, changed_by=manager)
            self.needs[f"{spec.key}/{need_spec.key}"] = need

    # --- calls and everything that happens in them ----------------------------------------------------

    def _call(self, spec: CallSpec) -> timeline.Story | None:
        manager = self.users[spec.decided_by]
        dates = timeline.CallDates.relative_to(
            self.now,
            opens=spec.opens_in_days,
            closes=spec.closes_in_days,
            review_ends=spec.review_ends_in_days,
            decisions_by=spec.decisions_by_in_days,
        )
        in_the_past = dates.closes_at <= self.now
        # A past call is first played while open; its real dates are set once its story has happened.
        playing = dates.open_until(self.now + timedelta(days=1)) if in_the_past else dates
        call = call_create(
            created_by=manager,
            platform=self.platforms[spec.platform],
            needs=[self.needs[f"{spec.platform}/{key}"] for key in spec.needs],
            themes=[self.themes[slug] for slug in spec.themes],
            eligibility=list(spec.eligibility),
            proposal_mode=spec.proposal_mode,
            funding_per_pilot=spec.funding_per_pilot,
            pilots_to_fund=spec.pilots_to_fund,
            duration_min_months=spec.duration_min_months,
            duration_max_months=spec.duration_max_months,
            **playing.as_fields(),
            **spec.title.as_fields("title"),
            **spec.description.as_fields("description"),
        )
        for position, criterion in enumerate(spec.criteria, start=1):
            criterion_save(
                call=call,
                saved_by=manager,
                weight=criterion.weight,
                position=position,
                **criterion.name.as_fields("name"),
                **criterion.description.as_fields("description"),
            )
        # Questions are fixed once the call opens, so they are written before publishing.
        for position, question in enumerate(spec.questions, start=1):
            question_save(
                call=call,
                saved_by=manager,
                max_length=question.max_length,
                position=position,
                **question.text.as_fields("text"),
                **question.help.as_fields("help"),
            )
        call_publish(call=call, published_by=manager)

        proposals = [self._proposal(call, proposal_spec) for proposal_spec in spec.proposals]
        self._reviews(spec, call, proposals, manager)
        if not in_the_past:
            return None
        # The deadline passes: from here on the call is in review and the manager can decide.
        Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
        for proposal, proposal_spec in zip(_reloaded(proposals), spec.proposals, strict=True):
            if proposal_spec.outcome:
                decision_record(
                    proposal=proposal,
                    outcome=proposal_spec.outcome,
                    reason=proposal_spec.reason,
                    decided_by=manager,
                )
        return timeline.Story(
            call_id=call.pk, dates=dates, proposal_ids=[proposal.pk for proposal in proposals]
        )

    def _proposal(self, call: Call, spec: ProposalSpec) -> Proposal:
        author = self.users[spec.author]
        organisation = self.organisations[spec.organisation] if spec.organisation else None
        answers = dict(zip((question.pk for question in call.questions.all()), spec.answers, strict=False))
        # The proposal is written in its author's language, which the service takes from the request.
        with translation.override(spec.language):
            proposal = proposal_create_draft(
                call=call,
                created_by=author,
                answers=answers,
                applicant_kind=spec.applicant_kind,
                organisation_name=organisation.name if organisation else "",
                title=spec.title,
                problem=spec.problem,
                solution=spec.solution,
                team=spec.team,
                partner=spec.partner,
                budget=spec.budget,
                budget_details=spec.budget_details,
                duration_months=spec.duration_months,
                schedule=spec.schedule,
            )
        return proposal_submit(proposal=proposal, submitted_by=author)

    def _reviews(self, spec: CallSpec, call: Call, proposals: list[Proposal], manager: User) -> None:
        if not spec.reviewers:
            return
        criteria = list(Criterion.objects.filter(call=call).order_by("position", "id"))
        reviewers = [self.users[username] for username in spec.reviewers]
        conflicts = {
            (title, username): reason
            for call_title, title, username, reason in CONFLICTS
            if call_title == spec.title.fi
        }
        counts = itertools.cycle(spec.reviews_per_proposal)
        for index, (proposal, proposal_spec) in enumerate(zip(proposals, spec.proposals, strict=True)):
            # Rotate the panel so the work is shared evenly.
            start = index % len(reviewers)
            panel = (reviewers[start:] + reviewers[:start])[: next(counts)]
            for reviewer in panel:
                assignment = review_assignment_create(
                    proposal=proposal, reviewer=reviewer, assigned_by=manager
                )
                reason = conflicts.get((proposal.title, reviewer.username))
                if reason:
                    conflict_of_interest_declare(assignment=assignment, reviewer=reviewer, reason=reason)
                elif spec.reviews_submitted:
                    self._review(assignment, reviewer, criteria, proposal_spec, spec)

    @staticmethod
    def _review(
        assignment: ReviewAssignment,
        reviewer: User,
        criteria: list[Criterion],
        proposal_spec: ProposalSpec,
        call_spec: CallSpec,
    ) -> None:
        # A string seed makes every run give the same scores.
        rng = random.Random(f"{call_spec.title.en}/{proposal_spec.title}/{reviewer.username}")
        scores = {
            criterion.pk: min(5, max(0, round(proposal_spec.quality + rng.gauss(0, 0.6))))
            for criterion in criteria
        }
        weighted = sum(criterion.weight * scores[criterion.pk] for criterion in criteria) / sum(
            criterion.weight for criterion in criteria
        )
        if weighted >= RECOMMEND_FROM:
            recommendation = Recommendation.RECOMMEND
        elif weighted >= RESERVE_FROM:
            recommendation = Recommendation.RESERVE
        else:
            recommendation = Recommendation.DO_NOT_RECOMMEND
        comments = call_spec.review_comments.get(recommendation, ("",))
        review_save(
            assignment=assignment,
            reviewer=reviewer,
            scores={criterion_id: (score, "") for criterion_id, score in scores.items()},
            recommendation=recommendation,
            comment=rng.choice(comments),
            submit=True,
        )


def _reloaded(proposals: list[Proposal]) -> list[Proposal]:
    """The proposals again, with their call as it is now in the database."""
    by_pk = Proposal.objects.select_related("call", "call__platform").in_bulk([p.pk for p in proposals])
    return [by_pk[proposal.pk] for proposal in proposals]
