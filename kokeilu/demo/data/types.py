"""Plain, frozen descriptions of demo content; the loader turns them into rows through the services."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Text:
    """One text in the three languages of the product."""

    fi: str
    sv: str
    en: str

    def as_fields(self, name: str) -> dict[str, Any]:
        """`Text(...).as_fields("title")` → {"title_fi": ..., "title_sv": ..., "title_en": ...}."""
        return {f"{name}_fi": self.fi, f"{name}_sv": self.sv, f"{name}_en": self.en}


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    kind: str
    name: str
    city: str | None = None  # the key of the city a unit or school belongs to


@dataclass(frozen=True)
class PersonSpec:
    """Someone in the demo. Personas (with `role_label`) get the demo password; others cannot sign in."""

    username: str
    first_name: str
    last_name: str
    memberships: tuple[tuple[str, str], ...] = ()  # (organisation key, Role value)
    role_label: str = ""
    is_superuser: bool = False
    preferred_language: str = "fi"


@dataclass(frozen=True)
class ThemeSpec:
    slug: str
    name: Text


@dataclass(frozen=True)
class NeedSpec:
    key: str
    title: Text
    description: Text
    owning_unit: str | None = None
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlatformSpec:
    key: str
    city: str
    kind: str
    name: Text
    description: Text
    members: tuple[str, ...]
    needs: tuple[NeedSpec, ...]
    managed_by: str  # username of the programme manager who creates it


@dataclass(frozen=True)
class CriterionSpec:
    name: Text
    description: Text
    weight: int


@dataclass(frozen=True)
class QuestionSpec:
    text: Text
    help: Text
    max_length: int = 2000


@dataclass(frozen=True)
class ProposalSpec:
    """A proposal and what became of it.

    `quality` (0–5) is the level around which reviewers' scores fall; `outcome` is the manager's decision
    (None: not decided) and `reason` the explanation the applicant reads.
    """

    author: str  # username
    applicant_kind: str
    title: str
    problem: str
    organisation: str | None = None  # organisation key
    language: str = "fi"
    solution: str = ""
    team: str = ""
    partner: str = ""
    budget: Decimal | None = None
    budget_details: str = ""
    duration_months: int | None = None
    schedule: str = ""
    answers: tuple[str, ...] = ()
    quality: float = 3.0
    outcome: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class CallSpec:
    """A call. Days are relative to the moment the demo is loaded (negative: in the past)."""

    platform: str
    title: Text
    description: Text
    eligibility: tuple[str, ...]
    proposal_mode: str
    funding_per_pilot: Decimal
    duration_min_months: int
    duration_max_months: int
    opens_in_days: int
    closes_in_days: int
    review_ends_in_days: int
    decisions_by_in_days: int
    criteria: tuple[CriterionSpec, ...]
    needs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    questions: tuple[QuestionSpec, ...] = ()
    pilots_to_fund: int | None = None
    proposals: tuple[ProposalSpec, ...] = ()
    reviewers: tuple[str, ...] = ()  # usernames; each proposal gets `reviews_per_proposal` of them
    reviews_per_proposal: tuple[int, ...] = (3,)  # cycled over the proposals
    reviews_submitted: bool = True  # False: reviewers are assigned but have not reviewed yet
    review_comments: dict[str, tuple[str, ...]] = field(default_factory=dict)  # by recommendation
    decided_by: str = ""
