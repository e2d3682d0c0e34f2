"""The learnings library: search and filters over published learnings only.

The base is `reports.selectors.published_learning_list` (public learnings of approved reports), so
nothing unpublished or internal can ever be found here. On PostgreSQL the search is full-text with the
active language's configuration (finnish, swedish, english), vectors computed on the fly and results
ordered by rank; the same words are also matched with the `simple` configuration over every language's
statement, so a Finnish word finds a Finnish learning when the page is in Swedish. On SQLite every word
of the query must occur (case-insensitively) in a statement, the evidence or the experiment's title.

Odd input never raises: the query loses control characters (PostgreSQL refuses NUL), is cut to
`MAX_QUERY_LENGTH` characters, and a query without letters or digits counts as no query.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from kokeilu.calls.models import Call
from kokeilu.methods.selectors import experiment_ids_with_method
from kokeilu.reports.models import Learning
from kokeilu.reports.selectors import published_learning_list

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
LANGUAGES = ("fi", "sv", "en")
SEARCH_CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LibraryFilters:
    """Ids and values to narrow the library by; None or "" means any.

    `year` is the year the report was approved (published), in Helsinki time."""

    theme_id: int | None = None
    city_id: int | None = None
    platform_id: int | None = None
    outcome: str = ""
    year: int | None = None
    method_id: int | None = None


def clean_query(query: str | None) -> str:
    """The query as searched: no control characters, at most MAX_QUERY_LENGTH characters, and empty
    when it holds no word at all (only punctuation)."""
    text = _CONTROL.sub(" ", query or "")[:MAX_QUERY_LENGTH].strip()
    return text if _WORD.search(text) else ""


def _language(language: str | None) -> str:
    code = (language or "fi")[:2]
    return code if code in LANGUAGES else "fi"


def _filter(learnings: QuerySet[Learning], filters: LibraryFilters) -> QuerySet[Learning]:
    if filters.theme_id is not None:
        learnings = learnings.filter(theme_id=filters.theme_id)
    if filters.city_id is not None:
        learnings = learnings.filter(report__experiment__city_id=filters.city_id)
    if filters.platform_id is not None:
        # An experiment names its platform, or has one through its call.
        learnings = learnings.filter(
            Q(report__experiment__platform_id=filters.platform_id)
            | Q(report__experiment__call__platform_id=filters.platform_id)
        )
    if filters.outcome:
        learnings = learnings.filter(report__next_step=filters.outcome)
    if filters.year is not None:
        learnings = learnings.filter(report__approved_at__year=filters.year)
    if filters.method_id is not None:
        learnings = learnings.filter(report__experiment_id__in=experiment_ids_with_method(filters.method_id))
    return learnings


def _search_postgresql(learnings: QuerySet[Learning], text: str, language: str) -> QuerySet[Learning]:
    config = SEARCH_CONFIGS[language]
    vector = (
        SearchVector(f"statement_{language}", weight="A", config=config)
        + SearchVector(f"report__experiment__title_{language}", weight="B", config=config)
        + SearchVector("evidence", weight="C", config=config)
    )
    # Every language's statement and title, word for word: finds words written in another language.
    simple_vector = SearchVector(
        *[f"statement_{code}" for code in LANGUAGES],
        *[f"report__experiment__title_{code}" for code in LANGUAGES],
        "evidence",
        config="simple",
        weight="D",
    )
    query = SearchQuery(text, search_type="websearch", config=config)
    simple_query = SearchQuery(text, search_type="websearch", config="simple")
    return (
        learnings.annotate(
            library_vector=vector,
            library_simple_vector=simple_vector,
            library_rank=SearchRank(vector, query) + SearchRank(simple_vector, simple_query),
        )
        .filter(Q(library_vector=query) | Q(library_simple_vector=simple_query))
        .order_by("-library_rank", "-report__approved_at", "report_id", "position", "pk")
    )


def _search_fallback(learnings: QuerySet[Learning], text: str) -> QuerySet[Learning]:
    fields = [
        *[f"statement_{code}" for code in LANGUAGES],
        "evidence",
        *[f"report__experiment__title_{code}" for code in LANGUAGES],
    ]
    for word in _WORD.findall(text)[:MAX_WORDS]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        learnings = learnings.filter(any_field)
    return learnings


def library_search(
    query: str | None, filters: LibraryFilters | None = None, language: str | None = "fi"
) -> QuerySet[Learning]:
    """Published learnings matching the query and the filters: best match first on PostgreSQL, newest
    approval first otherwise (and for an empty query)."""
    learnings = _filter(published_learning_list(), filters or LibraryFilters())
    text = clean_query(query)
    if not text:
        return learnings
    if connection.vendor == "postgresql":
        return _search_postgresql(learnings, text, _language(language))
    return _search_fallback(learnings, text)


def linkable_call(learning: Learning) -> Call | None:
    """The learning's call when everyone may open it (published, on a public platform), as
    `reports.selectors.call_is_public` but without a query: the call and its platform are joined."""
    call = learning.report.experiment.call
    if call is None or call.published_at is None or call.published_at > timezone.now():
        return None
    return call if call.platform.is_public else None
