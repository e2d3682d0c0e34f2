"""Frozen descriptions of the demo's programme history; kokeilu.demo.history builds the rows from them."""

from dataclasses import dataclass

from ..types import Text


@dataclass(frozen=True)
class LearningSpec:
    """A public learning of a final report: the statement in three languages, what it is based on (in
    Finnish, as the team wrote it), the theme slug and a few tags."""

    statement: Text
    evidence: str
    theme: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicSpec:
    """A selected proposal that became an experiment, and how it ended.

    `programme` is the key of the programme whose call selected it; `next_step` is the final report's
    decision ("" for an experiment that was cancelled before it could report); `unit` is the key of the
    city unit responsible for it (kokeilu.demo.data.common.ORGANISATIONS)."""

    key: str
    programme: str
    applicant_kind: str
    title: Text
    summary: Text
    unit: str
    next_step: str = ""
    next_step_reason: str = ""
    learnings: tuple[LearningSpec, ...] = ()
    organisation: str = ""  # the applicant organisation's invented name; "" for staff and residents
    language: str = "fi"  # the language the proposal was written in
    budget: int | None = None  # euros applied for; None when the call funds nothing
    months: int = 3


@dataclass(frozen=True)
class PoolProposal:
    """A proposal that was not selected; its applicant may send it again to a later call."""

    applicant_kind: str
    title: str
    problem: str
    language: str = "fi"
    organisation: str = ""


@dataclass(frozen=True)
class ProgrammeSpec:
    """A recurring call of one platform: how its calls are titled and described, who may apply and how it
    is reviewed. `title` and `intro` are format strings with {year}, {season} and {theme}."""

    key: str
    city: str  # organisation key of the city
    platform: str  # platform key (kokeilu.demo.data.*.PLATFORM.key or programmes.PLATFORM.key)
    title: Text
    intro: Text
    eligibility: tuple[str, ...]
    proposal_mode: str
    funding_per_pilot: int
    duration_min_months: int
    duration_max_months: int
    open_days: int
    review_days_extra: int  # added to the year's review period (see programmes.REVIEW_DAYS)
    reviewers: tuple[str, ...]
    manager: str
    other_proposals: tuple[int, int]  # how many proposals besides the selected ones (inclusive range)


@dataclass(frozen=True)
class CallPlan:
    """One call of the history: `years_ago` counts back from the year the demo is loaded."""

    programme: str
    years_ago: int
    opens: tuple[int, int]  # (month, day)
    theme: Text  # the development need the call answers: its title …
    theme_description: Text  # … and description
    theme_slugs: tuple[str, ...]
    topics: tuple[str, ...]  # keys of the selected topics, in order


def learning(fi: str, sv: str, en: str, evidence: str, theme: str, *tags: str) -> LearningSpec:
    """A public learning: the statement in Finnish, Swedish and English, its evidence, theme and tags."""
    return LearningSpec(statement=Text(fi, sv, en), evidence=evidence, theme=theme, tags=tags)
