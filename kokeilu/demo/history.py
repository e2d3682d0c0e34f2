"""The demo's programme history: five earlier years of Helsinki's and Espoo's experiment programmes.

For every call of `kokeilu.demo.data.history.calls.CALL_PLANS` (Helsinki's staff campaigns and open thematic
calls, Espoo's Iso Omena rapid pilots and KYKY school pilots, 2–3 calls a city a year) this creates the
development need it answers and the call with its criteria through the calls services, then the proposals
of companies, associations, schools, researchers, residents and city staff, two sealed reviews of each and
the manager's decisions in bulk, each dated when it happened (by the rules of `timeline.story_backdate`):
the services accept those only while a call is open or in review, and a call of five years ago never is.
The review and decision periods shorten over the years, so the time from submission to decision falls
from about seven weeks to about four.

Every selected proposal becomes an experiment through the experiments services, records its spending
through the funding services and, once it has ended, writes its final report through the reports
services: a summary, the decision on what next, public learnings in Finnish, Swedish and English and, in
every third report, an internal learning that is never published. The city's programme manager approves
it. Finally the timestamps the services stamped "now" are moved to when each step happened, so the
dashboards and the learnings library spread over the years.

Everything depends only on the year the demo is loaded in and on seeded random numbers, so two loads in the
same year give the same history.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from kokeilu.accounts.models import Membership, Organisation, Role, User
from kokeilu.accounts.services import membership_add, user_create
from kokeilu.calls.models import Call, Criterion
from kokeilu.calls.services import call_create, call_publish, criterion_save
from kokeilu.evaluation.models import (
    CriterionScore,
    Decision,
    DecisionOutcome,
    Recommendation,
    Review,
    ReviewAssignment,
    ReviewStatus,
)
from kokeilu.evaluation.services import weighted_score_for
from kokeilu.experiments import services as experiments
from kokeilu.experiments.models import Experiment, ExperimentMember, ExperimentPartner, ExperimentStatus
from kokeilu.funding.services import spend_line_create
from kokeilu.platforms.models import NeedStatus, Platform, Theme
from kokeilu.platforms.services import need_create, need_set_status, platform_create
from kokeilu.proposals.models import Proposal, ProposalStatus
from kokeilu.reports import services as reports
from kokeilu.reports.models import FinalReport, Visibility

from . import timeline
from .data import iso_omena, kyky, staff_campaign
from .data.common import ORGANISATIONS
from .data.history.calls import CALL_PLANS
from .data.history.programmes import (
    CRITERIA,
    DECISION_DAYS,
    PLATFORM,
    PROGRAMMES,
    REVIEW_DAYS,
    SEASONS,
    THEMES,
)
from .data.history.proposals import (
    DECISION_REASONS,
    FIRST_NAMES,
    LAST_NAMES,
    POOLS,
    REVIEW_COMMENTS,
    SPEND_LINES,
)
from .data.history.topics import INTERNAL_LEARNINGS, SUMMARY_OPENINGS, TOPICS_BY_KEY
from .data.history.types import CallPlan, PoolProposal, ProgrammeSpec, TopicSpec
from .data.types import PlatformSpec

HELSINKI = ZoneInfo("Europe/Helsinki")
PLATFORM_SPECS: dict[str, PlatformSpec] = {
    spec.key: spec for spec in (staff_campaign.PLATFORM, iso_omena.PLATFORM, kyky.PLATFORM, PLATFORM)
}
# The same thresholds as the loader's: where a review's weighted score puts the recommendation.
RECOMMEND_FROM = 3.6
RESERVE_FROM = 2.9
# An experiment counts as finished when it ended at least this long ago; its report follows later.
SETTLING_DAYS = 14
STAFF_UNITS = ("kasko", "kuva", "sote", "kymp", "kanslia")
APPROVAL_COMMENTS = (
    "Kiitos, selkeä raportti!",
    "Hyväksytty. Kiitos hyvistä opeista.",
    "Kiitos! Julkaistaan oppikirjastossa.",
)


@dataclass
class HistorySummary:
    """What `history_load` created, per year the call opened (for the load command and the tests)."""

    calls: dict[int, int] = field(default_factory=dict)
    proposals: dict[int, int] = field(default_factory=dict)
    experiments: dict[int, int] = field(default_factory=dict)
    approved_reports: dict[int, int] = field(default_factory=dict)  # by the year of approval

    def add(self, counts: dict[int, int], year: int, amount: int = 1) -> None:
        counts[year] = counts.get(year, 0) + amount


def history_is_loaded() -> bool:
    return Platform.objects.filter(name_fi=PLATFORM.name.fi).exists()


def history_load(*, now: datetime.datetime | None = None) -> HistorySummary | None:
    """Create the programme history of the five years before `now`'s year (Europe/Helsinki). Runs once:
    returns None, changing nothing, when the history is already there. Call inside a transaction."""
    if history_is_loaded():
        return None
    return _History(now or timezone.now()).build()


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=HELSINKI)


def _between(dates: timeline.CallDates, number: int, count: int) -> datetime.datetime:
    """When the `number`th of `count` proposals was submitted: most arrive in the last third of the open
    period, as in real calls (the same rule as `timeline.story_backdate`)."""
    return dates.opens_at + (dates.closes_at - dates.opens_at) * (0.3 + 0.65 * (number + 1) / (count + 1))


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class _Applicant:
    user: User
    organisation: Organisation | None
    organisation_name: str


@dataclass
class _Selected:
    proposal: Proposal
    topic: TopicSpec
    programme: ProgrammeSpec
    decided_at: datetime.datetime
    index: int


class _History:
    def __init__(self, now: datetime.datetime) -> None:
        self.now = now
        self.today = timezone.localdate(now)
        self.summary = HistorySummary()
        keys = {spec.key: spec for spec in ORGANISATIONS}
        by_name = {
            (organisation.kind, organisation.name): organisation
            for organisation in Organisation.objects.filter(name__in=[spec.name for spec in ORGANISATIONS])
        }
        self.organisations = {key: by_name[(spec.kind, spec.name)] for key, spec in keys.items()}
        self.organisations_by_name = {name: organisation for (_kind, name), organisation in by_name.items()}
        usernames = {spec.managed_by for spec in PLATFORM_SPECS.values()}
        for programme in PROGRAMMES.values():
            usernames |= {programme.manager, *programme.reviewers}
        self.people = {user.username: user for user in User.objects.filter(username__in=usernames)}
        self.themes: dict[str, Theme] = {}
        self.platforms: dict[str, Platform] = {}
        self.applicants: dict[str, _Applicant] = {}
        self.pool_cursor: dict[str, int] = {}
        self.calls: list[tuple[Call, timeline.CallDates]] = []
        self.assignments: list[tuple[list[int], datetime.datetime]] = []
        # Rows whose timestamps are moved at the end: (row, {field: moment}).
        self.backdates: list[tuple[Any, dict[str, datetime.datetime]]] = []

    # --- the whole history ---------------------------------------------------------------------------

    def build(self) -> HistorySummary:
        self._themes()
        self._platforms()
        selected: list[_Selected] = []
        for plan in CALL_PLANS:
            selected += self._call(plan)
        for item in selected:
            self._experiment(item)
        self._backdate()
        return self.summary

    def _themes(self) -> None:
        for spec in THEMES:
            Theme.objects.get_or_create(slug=spec.slug, defaults=spec.name.as_fields("name"))
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}

    def _platforms(self) -> None:
        for key, spec in PLATFORM_SPECS.items():
            platform = Platform.objects.filter(name_fi=spec.name.fi).first()
            if platform is None:
                platform = platform_create(
                    created_by=self.people[spec.managed_by],
                    city=self.organisations[spec.city],
                    kind=spec.kind,
                    member_organisations=[self.organisations[member] for member in spec.members],
                    **spec.name.as_fields("name"),
                    **spec.description.as_fields("description"),
                )
                first_year = self.today.year - max(plan.years_ago for plan in CALL_PLANS)
                moment = _moment(datetime.date(first_year, 1, 10), 10)
                self.backdates.append((platform, {"created_at": moment, "updated_at": moment}))
            self.platforms[key] = platform

    # --- one call and its proposals, reviews and decisions ---------------------------------------------

    def _dates(self, plan: CallPlan, programme: ProgrammeSpec) -> timeline.CallDates:
        year = self.today.year - plan.years_ago
        opens = datetime.datetime(year, *plan.opens, 9, tzinfo=HELSINKI)
        closes = (opens + datetime.timedelta(days=programme.open_days)).replace(hour=16)
        review_ends = closes + datetime.timedelta(
            days=REVIEW_DAYS[plan.years_ago] + programme.review_days_extra
        )
        decision_ends = review_ends + datetime.timedelta(days=DECISION_DAYS[plan.years_ago])
        return timeline.CallDates(opens, closes, review_ends, decision_ends)

    def _call(self, plan: CallPlan) -> list[_Selected]:
        programme = PROGRAMMES[plan.programme]
        manager = self.people[programme.manager]
        platform = self.platforms[programme.platform]
        dates = self._dates(plan, programme)
        year = dates.opens_at.year
        rng = random.Random(f"history/{plan.programme}/{plan.years_ago}/{plan.opens}")

        need = need_create(
            created_by=manager,
            platform=platform,
            themes=[self.themes[slug] for slug in plan.theme_slugs],
            owning_unit=None,
            **plan.theme.as_fields("title"),
            **plan.theme_description.as_fields("description"),
        )
        need_set_status(need=need, status=NeedStatus.PUBLISHED, changed_by=manager)
        # Written some weeks before the call, in the same year (the dashboards count needs by that year).
        need_written = max(
            dates.opens_at - datetime.timedelta(days=rng.randint(14, 40)),
            datetime.datetime(year, 1, 9, 10, tzinfo=HELSINKI),
        )
        self.backdates.append((need, {"created_at": need_written, "updated_at": need_written}))

        season = SEASONS["spring" if dates.opens_at.month < 7 else "autumn"]
        texts: dict[str, str] = {}
        for language in ("fi", "sv", "en"):
            words = {
                "year": year,
                "season": getattr(season, language),
                "theme": getattr(plan.theme, language),
            }
            texts[f"title_{language}"] = getattr(programme.title, language).format(**words)
            texts[f"description_{language}"] = (
                getattr(programme.intro, language).format(**words)
                + " "
                + getattr(plan.theme_description, language)
            )
        call = call_create(
            created_by=manager,
            platform=platform,
            needs=[need],
            themes=[self.themes[slug] for slug in plan.theme_slugs],
            eligibility=list(programme.eligibility),
            proposal_mode=programme.proposal_mode,
            funding_per_pilot=Decimal(programme.funding_per_pilot),
            pilots_to_fund=len(plan.topics),
            duration_min_months=programme.duration_min_months,
            duration_max_months=programme.duration_max_months,
            **dates.as_fields(),
            **texts,  # type: ignore[arg-type]
        )
        for position, criterion in enumerate(CRITERIA[plan.programme], start=1):
            criterion_save(
                call=call,
                saved_by=manager,
                weight=criterion.weight,
                position=position,
                **criterion.name.as_fields("name"),
                **criterion.description.as_fields("description"),
            )
        call_publish(call=call, published_by=manager)
        self.calls.append((call, dates))
        self.summary.add(self.summary.calls, year)

        entries = self._entries(plan, programme, rng)
        proposals = Proposal.objects.bulk_create(
            [
                self._proposal(call, programme, entry, rng, _between(dates, number, len(entries)))
                for number, entry in enumerate(entries)
            ]
        )
        self.summary.add(self.summary.proposals, year, len(proposals))
        self._reviews(call, programme, proposals, entries, manager, dates, rng)
        # The manager decides on every proposal at once, halfway through the decision period.
        decided_at = dates.review_ends_at + (dates.decision_ends_at - dates.review_ends_at) / 2
        Decision.objects.bulk_create(
            Decision(
                proposal=proposal,
                outcome=outcome,
                reason=rng.choice(DECISION_REASONS[outcome][proposal.language]),
                decided_by=manager,
                decided_at=decided_at,
                notified_at=decided_at + datetime.timedelta(minutes=5),
            )
            for proposal, (outcome, _quality, _source) in zip(proposals, entries, strict=True)
        )
        return [
            _Selected(proposal, source, programme, decided_at, index)
            for index, (proposal, (_outcome, _quality, source)) in enumerate(
                zip(proposals, entries, strict=True)
            )
            if isinstance(source, TopicSpec)
        ]

    def _entries(
        self, plan: CallPlan, programme: ProgrammeSpec, rng: random.Random
    ) -> list[tuple[str, float, TopicSpec | PoolProposal]]:
        """The call's proposals in the order they arrived: (outcome, quality 0–5, what was proposed)."""
        entries: list[tuple[str, float, TopicSpec | PoolProposal]] = [
            (DecisionOutcome.SELECTED, rng.uniform(3.9, 4.6), TOPICS_BY_KEY[key]) for key in plan.topics
        ]
        pool = POOLS[plan.programme]
        others = rng.randint(*programme.other_proposals)
        start = self.pool_cursor.get(plan.programme, 0)
        self.pool_cursor[plan.programme] = start + others
        for number in range(others):
            outcome = DecisionOutcome.RESERVE if number < others // 3 else DecisionOutcome.REJECTED
            quality = rng.uniform(3.1, 3.6) if outcome == DecisionOutcome.RESERVE else rng.uniform(1.6, 3.0)
            entries.append((outcome, quality, pool[(start + number) % len(pool)]))
        rng.shuffle(entries)
        return entries

    def _applicant(self, key: str, source: TopicSpec | PoolProposal, language: str) -> _Applicant:
        applicant = self.applicants.get(key)
        if applicant is not None:
            return applicant
        username = f"history-{key}"[:150]
        rng = random.Random(username)
        user = user_create(
            username=username,
            email=f"{username}@example.test",
            password=None,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            preferred_language=language,
            validate=False,
        )
        if source.applicant_kind == "city_staff":
            unit = source.unit if isinstance(source, TopicSpec) else rng.choice(STAFF_UNITS)
            membership_add(user=user, organisation=self.organisations[unit], role=Role.MEMBER)
        organisation = self.organisations_by_name.get(source.organisation) if source.organisation else None
        applicant = _Applicant(user, organisation, source.organisation)
        self.applicants[key] = applicant
        return applicant

    def _proposal(
        self,
        call: Call,
        programme: ProgrammeSpec,
        entry: tuple[str, float, TopicSpec | PoolProposal],
        rng: random.Random,
        submitted_at: datetime.datetime,
    ) -> Proposal:
        _outcome, _quality, source = entry
        if isinstance(source, TopicSpec):
            language = source.language
            applicant = self._applicant(source.key, source, language)
            title = getattr(source.title, language)
            problem = getattr(source.summary, language)
            budget = Decimal(source.budget) if source.budget is not None else None
            months = source.months
        else:
            language = source.language
            number = POOLS[programme.key].index(source)
            applicant = self._applicant(f"{programme.key}-{number + 1:02d}", source, language)
            title, problem = source.title, source.problem
            funding = programme.funding_per_pilot
            budget = Decimal(rng.randrange(3000, funding + 1, 500)) if funding else None
            months = rng.randint(programme.duration_min_months, programme.duration_max_months)
        return Proposal(
            call=call,
            created_by=applicant.user,
            applicant_kind=source.applicant_kind,
            organisation=applicant.organisation,
            organisation_name=applicant.organisation_name,
            language=language,
            title=title,
            problem=problem,
            budget=budget,
            duration_months=months,
            status=ProposalStatus.SUBMITTED,
            submitted_at=submitted_at,
            confirmation_sent_at=submitted_at + datetime.timedelta(minutes=1),
        )

    def _reviews(
        self,
        call: Call,
        programme: ProgrammeSpec,
        proposals: list[Proposal],
        entries: list[tuple[str, float, TopicSpec | PoolProposal]],
        manager: User,
        dates: timeline.CallDates,
        rng: random.Random,
    ) -> None:
        """Every reviewer of the programme reviews every proposal (sealed, submitted in the review period)."""
        criteria = list(Criterion.objects.filter(call=call).order_by("position", "pk"))
        reviewers = [self.people[username] for username in programme.reviewers]
        assignments = ReviewAssignment.objects.bulk_create(
            ReviewAssignment(proposal=proposal, reviewer=reviewer, assigned_by=manager)
            for proposal in proposals
            for reviewer in reviewers
        )
        qualities = [quality for _outcome, quality, _source in entries for _reviewer in reviewers]
        review_rows: list[Review] = []
        score_rows: list[dict[int, int]] = []
        assigned_at = dates.closes_at + datetime.timedelta(hours=20)
        self.assignments.append(([assignment.pk for assignment in assignments], assigned_at))
        for number, (assignment, quality) in enumerate(zip(assignments, qualities, strict=True)):
            share = 0.15 + 0.8 * (number + 1) / (len(assignments) + 1)
            scores = {
                criterion.pk: min(5, max(0, round(quality + rng.gauss(0, 0.6)))) for criterion in criteria
            }
            weighted = weighted_score_for(scores=scores, criteria=criteria)
            if weighted >= Decimal(str(RECOMMEND_FROM)):
                recommendation = Recommendation.RECOMMEND
            elif weighted >= Decimal(str(RESERVE_FROM)):
                recommendation = Recommendation.RESERVE
            else:
                recommendation = Recommendation.DO_NOT_RECOMMEND
            review_rows.append(
                Review(
                    assignment=assignment,
                    proposal=assignment.proposal,
                    reviewer=assignment.reviewer,
                    status=ReviewStatus.SUBMITTED,
                    recommendation=recommendation,
                    comment=rng.choice(REVIEW_COMMENTS[recommendation]),
                    weighted_score=weighted,
                    submitted_at=assigned_at + (dates.review_ends_at - assigned_at) * share,
                )
            )
            score_rows.append(scores)
        saved = Review.objects.bulk_create(review_rows)
        CriterionScore.objects.bulk_create(
            CriterionScore(review=review, criterion_id=criterion_id, score=score)
            for review, scores in zip(saved, score_rows, strict=True)
            for criterion_id, score in scores.items()
        )

    # --- experiments, spending and final reports -------------------------------------------------------

    def _experiment(self, item: _Selected) -> None:
        topic, programme = item.topic, item.programme
        manager = self.people[programme.manager]
        rng = random.Random(f"history/experiment/{topic.key}")
        decided = item.decided_at.astimezone(HELSINKI).date()
        starts_on = decided + datetime.timedelta(days=rng.randint(14, 42))
        experiment = experiments.experiment_create_from_proposal(
            proposal=item.proposal, created_by=manager, starts_on=starts_on
        )
        experiment = experiments.experiment_update(
            experiment=experiment,
            updated_by=manager,
            is_public=rng.random() < 0.85,
            owner_unit=self.organisations[topic.unit],
            **topic.title.as_fields("title"),
            **topic.summary.as_fields("summary"),
        )
        started = starts_on <= self.today
        finished = experiment.ends_on <= self.today - datetime.timedelta(days=SETTLING_DAYS)
        if started:
            experiments.experiment_transition(experiment=experiment, to_status="running", changed_by=manager)
        if not topic.next_step:
            experiments.experiment_transition(
                experiment=experiment, to_status="cancelled", changed_by=manager
            )
        elif finished:
            experiments.experiment_transition(
                experiment=experiment, to_status="completed", changed_by=manager
            )
        created = item.decided_at + datetime.timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 5))
        last_change = min(self.now, _moment(min(experiment.ends_on, self.today), 15))
        self.backdates.append((experiment, {"created_at": created, "updated_at": max(created, last_change)}))
        self.summary.add(self.summary.experiments, starts_on.year)

        lead = item.proposal.created_by
        if started and experiment.granted_amount > 0:
            share = rng.uniform(0.1, 0.3) if not topic.next_step else rng.uniform(0.62, 0.98)
            if topic.next_step and rng.random() < 0.12:
                share = rng.uniform(1.02, 1.09)  # a few experiments overran their grant, knowingly
            self._spending(experiment, lead, share, rng)
        if experiment.status == ExperimentStatus.COMPLETED and topic.learnings:
            self._report(experiment, topic, lead, manager, item.index, rng)

    def _spending(self, experiment: Experiment, lead: User, share: float, rng: random.Random) -> None:
        last_day = min(experiment.ends_on, self.today)
        elapsed = max(1, (last_day - experiment.starts_on).days)
        if experiment.ends_on > self.today:  # still running: spent as far as it has got
            share *= elapsed / max(1, (experiment.ends_on - experiment.starts_on).days)
        total = _cents(experiment.granted_amount * Decimal(str(share)))
        count = rng.randint(2, 3)
        weights = [rng.uniform(2.5, 4.0)] + [rng.uniform(0.3, 1.0) for _ in range(count - 1)]
        amounts = [_cents(total * Decimal(str(weight / sum(weights)))) for weight in weights]
        amounts[0] += total - sum(amounts)
        purposes = [SPEND_LINES[rng.choice((0, 1))], *rng.sample(SPEND_LINES[2:], count - 1)]
        running_total = Decimal("0")
        for number, (amount, (purpose, category)) in enumerate(zip(amounts, purposes, strict=True)):
            if amount <= 0:
                continue
            spent_on = experiment.starts_on + datetime.timedelta(days=elapsed * (number + 1) // (count + 1))
            running_total += amount
            line = spend_line_create(
                experiment=experiment,
                recorded_by=lead,
                spent_on=spent_on,
                purpose=purpose,
                amount=amount,
                category=category,
                confirm_over_budget=running_total > experiment.granted_amount,
            )
            moment = _moment(spent_on, 14)
            self.backdates.append((line, {"created_at": moment, "updated_at": moment}))

    def _report(
        self,
        experiment: Experiment,
        topic: TopicSpec,
        lead: User,
        manager: User,
        index: int,
        rng: random.Random,
    ) -> None:
        opening = SUMMARY_OPENINGS[topic.next_step]
        key_learning = topic.learnings[0].statement
        reports.report_update(
            experiment=experiment,
            updated_by=lead,
            summary_fi=f"{opening.fi} {key_learning.fi}.",
            summary_sv=f"{opening.sv} {key_learning.sv}.",
            summary_en=f"{opening.en} {key_learning.en}.",
            next_step=topic.next_step,
            next_step_owner_name=self.organisations[topic.unit].name,
            next_step_reason=topic.next_step_reason,
        )
        learnings = [
            reports.learning_create(
                experiment=experiment,
                created_by=lead,
                evidence=learning.evidence,
                theme=self.themes[learning.theme],
                tags=list(learning.tags),
                visibility=Visibility.PUBLIC,
                **learning.statement.as_fields("statement"),
            )
            for learning in topic.learnings
        ]
        if index % 3 == 1:
            statement, evidence = INTERNAL_LEARNINGS[rng.randrange(len(INTERNAL_LEARNINGS))]
            learnings.append(
                reports.learning_create(
                    experiment=experiment,
                    created_by=lead,
                    statement_fi=statement,
                    evidence=evidence,
                    visibility=Visibility.INTERNAL,
                )
            )
        started = _moment(experiment.ends_on - datetime.timedelta(days=rng.randint(10, 20)), 10)
        submitted = _moment(experiment.ends_on + datetime.timedelta(days=rng.randint(7, 25)), 13)
        approved = submitted + datetime.timedelta(days=rng.randint(4, 21), hours=rng.randint(-3, 3))
        report = FinalReport.objects.get(experiment=experiment)
        stamps = {"created_at": started, "updated_at": started}
        for number, learning in enumerate(learnings):
            moment = started + datetime.timedelta(days=1 + number)
            self.backdates.append((learning, {"created_at": moment, "updated_at": moment}))
        day_before = self.now - datetime.timedelta(days=1)
        if submitted <= day_before:
            report = reports.report_submit(experiment=experiment, submitted_by=lead)
            stamps.update(submitted_at=submitted, updated_at=submitted)
            if approved <= day_before:
                report = reports.report_approve(
                    report=report, approved_by=manager, comment=rng.choice(APPROVAL_COMMENTS)
                )
                stamps.update(approved_at=approved, updated_at=approved)
                self.summary.add(self.summary.approved_reports, approved.astimezone(HELSINKI).year)
        self.backdates.append((report, stamps))

    # --- moving the timestamps the services stamped "now" -----------------------------------------------

    def _backdate(self) -> None:
        self._backdate_calls()
        by_model: dict[type, list[Any]] = {}
        fields: dict[type, set[str]] = {}
        for row, stamps in self.backdates:
            for name, moment in stamps.items():
                setattr(row, name, moment)
            by_model.setdefault(type(row), []).append(row)
            fields.setdefault(type(row), set()).update(stamps)
        for model, rows in by_model.items():
            model.objects.bulk_update(rows, sorted(fields[model]), batch_size=500)  # type: ignore[attr-defined]
        # People and partners joined an experiment when it was set up.
        experiment_ids = [row.pk for row in by_model.get(Experiment, [])]
        created = Subquery(Experiment.objects.filter(pk=OuterRef("experiment_id")).values("created_at")[:1])
        for model in (ExperimentMember, ExperimentPartner):
            model.objects.filter(experiment_id__in=experiment_ids).update(  # type: ignore[attr-defined]
                created_at=created, updated_at=created
            )
        # The applicants' accounts and memberships are as old as their first proposal.
        first_proposal = Subquery(
            Proposal.objects.filter(created_by=OuterRef("pk")).order_by("created_at").values("created_at")[:1]
        )
        usernames = [f"history-{key}"[:150] for key in self.applicants]
        User.objects.filter(username__in=usernames).update(date_joined=first_proposal)
        Membership.objects.filter(user__username__in=usernames).update(
            created_at=Subquery(
                Proposal.objects.filter(created_by=OuterRef("user_id"))
                .order_by("created_at")
                .values("created_at")[:1]
            )
        )

    def _backdate_calls(self) -> None:
        """Published a week before opening; every proposal, review and decision dated by its own moment."""
        for call, dates in self.calls:
            Call.objects.filter(pk=call.pk).update(
                published_at=dates.opens_at - datetime.timedelta(days=7),
                created_at=dates.opens_at - datetime.timedelta(days=14),
                updated_at=dates.opens_at - datetime.timedelta(days=7),
            )
            Criterion.objects.filter(call=call).update(
                created_at=dates.opens_at - datetime.timedelta(days=13),
                updated_at=dates.opens_at - datetime.timedelta(days=13),
            )
        for assignment_ids, assigned_at in self.assignments:
            ReviewAssignment.objects.filter(pk__in=assignment_ids).update(
                created_at=assigned_at, updated_at=assigned_at
            )
        call_ids = [call.pk for call, _dates in self.calls]
        Proposal.objects.filter(call_id__in=call_ids).update(
            created_at=F("submitted_at") - datetime.timedelta(days=2), updated_at=F("submitted_at")
        )
        reviews = Review.objects.filter(proposal__call_id__in=call_ids)
        reviews.update(
            created_at=F("submitted_at") - datetime.timedelta(hours=26), updated_at=F("submitted_at")
        )
        submitted = Subquery(Review.objects.filter(pk=OuterRef("review_id")).values("submitted_at")[:1])
        CriterionScore.objects.filter(review__in=reviews).update(created_at=submitted, updated_at=submitted)
        Decision.objects.filter(proposal__call_id__in=call_ids).update(
            created_at=F("decided_at"), updated_at=F("decided_at")
        )
