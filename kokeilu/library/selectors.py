"""The learnings library: search and filters over published learnings only.

The base is `reports.selectors.published_learning_list` (public learnings of approved reports), so
nothing unpublished or internal can ever be found here. On PostgreSQL the search is full-text with the
active language's configuration (finnish, swedish, english), results ordered by rank; the same words are
also matched with the `simple` configuration over every language's statement and title, so a Finnish word
finds a Finnish learning when the page is in Swedish. The vectors are stored on the learning and
GIN-indexed (columns the model does not declare, kept up to date by triggers, the experiment's title
included: see migrations/0001_learning_search_vectors.py). On SQLite every word of the query must occur
(case-insensitively) in a statement, the evidence or the experiment's title.

Odd input never raises: the query loses control characters (PostgreSQL refuses NUL), is cut to
`MAX_QUERY_LENGTH` characters, and a query without letters or digits counts as no query.
"""

import re
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Expression, Q, QuerySet, RowRange, Window

from kokeilu.calls.models import Call
from kokeilu.methods.selectors import experiment_ids_with_method
from kokeilu.reports.models import Learning
from kokeilu.reports.selectors import call_is_public, published_learning_list
from kokeilu.reuse.selectors import learning_list_with_reuse_count

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

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
    sector: str = ""


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
    if filters.sector:
        learnings = learnings.filter(report__experiment__sector=filters.sector)
    if filters.method_id is not None:
        learnings = learnings.filter(report__experiment_id__in=experiment_ids_with_method(filters.method_id))
    return learnings


class _StoredVector(Expression):
    """A learning's stored search vector: a column of `reports_learning` that the model does not declare
    (PostgreSQL only), read from the query's base table under whatever alias it has."""

    output_field = SearchVectorField()

    def __init__(self, column: str) -> None:
        super().__init__()
        self.column = column

    def as_sql(self, compiler: "SQLCompiler", connection: "BaseDatabaseWrapper") -> "_AsSqlType":
        alias = compiler.query.get_initial_alias()
        # A list, as Django's own expressions give (its search lookups add the parameters up as lists).
        column = f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(self.column)}"
        return column, []  # type: ignore[return-value]


def _search_postgresql(learnings: QuerySet[Learning], text: str, language: str) -> QuerySet[Learning]:
    config = SEARCH_CONFIGS[language]
    # Statement (A), experiment title (B) and evidence (C) in the page's language, stemmed.
    vector = _StoredVector(f"library_search_{language}")
    # Every language's statement and title and the evidence, word for word (D): finds words written in
    # another language.
    simple_vector = _StoredVector("library_search_simple")
    query = SearchQuery(text, search_type="websearch", config=config)
    simple_query = SearchQuery(text, search_type="websearch", config="simple")
    return (
        learnings.alias(library_vector=vector, library_simple_vector=simple_vector)
        .filter(Q(library_vector=query) | Q(library_simple_vector=simple_query))
        .annotate(library_rank=SearchRank(vector, query) + SearchRank(simple_vector, simple_query))
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


@dataclass(frozen=True)
class LibrarySlice:
    """Part of a search's results, in order, and how many learnings match in all."""

    learnings: list[Learning]
    count: int


def library_search_slice(
    query: str | None,
    filters: LibraryFilters | None = None,
    language: str | None = "fi",
    *,
    offset: int,
    limit: int,
) -> LibrarySlice:
    """`library_search(...)[offset:offset + limit]`, each learning with its `reuse_count`, and the count.

    First the ids are read in order without the joined rows: with a query, together with the total, so
    the matches are read once rather than once for the count and again for the page (the count is a window
    over the whole result in the result's own order, so the one sort serves both and only the sort keys are
    carried through it); without one, newest first (a few rows along an index), counted apart. Then the
    page's learnings are read by id with everything `published_learning_list` joins (not its prefetched
    call needs, which the library does not show)."""
    learnings = library_search(query, filters, language)
    ordered = learnings.prefetch_related(None)
    if clean_query(query):
        ordering = [str(key) for key in learnings.query.order_by]  # names, as library_search orders by
        total = Window(Count("pk"), order_by=ordering, frame=RowRange(None, None))
        ranked = list(
            ordered.annotate(library_total=total).values_list("pk", "library_total")[offset : offset + limit]
        )
        ids = [pk for pk, _total in ranked]
        count = ranked[0][1] if ranked else (learnings.count() if offset else 0)
    else:
        ids = list(ordered.values_list("pk", flat=True)[offset : offset + limit])
        count = learnings.count() if ids or offset else 0
    rows = published_learning_list().prefetch_related(None).filter(pk__in=ids)
    found = learning_list_with_reuse_count(rows).in_bulk()
    return LibrarySlice([found[pk] for pk in ids if pk in found], count)


class _CountedPaginator(Paginator):
    """A paginator told its count (read together with the page's ids)."""

    def __init__(self, count: int, per_page: int) -> None:
        super().__init__([], per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def library_search_page(
    query: str | None,
    filters: LibraryFilters | None = None,
    language: str | None = "fi",
    *,
    number: object,
    per_page: int,
) -> Page:
    """A page of `library_search_slice`; as `Paginator.get_page`, a page number that is not a positive
    number gives the first page and one past the end the last."""
    try:
        wanted = min(max(int(str(number)), 1), sys.maxsize // per_page)  # an offset the database takes
    except ValueError:
        wanted = 1
    found = library_search_slice(query, filters, language, offset=(wanted - 1) * per_page, limit=per_page)
    paginator = _CountedPaginator(found.count, per_page)
    if not found.learnings and wanted > paginator.num_pages:
        wanted = paginator.num_pages
        found = library_search_slice(query, filters, language, offset=(wanted - 1) * per_page, limit=per_page)
    return Page(found.learnings, wanted, paginator)


def linkable_call(learning: Learning) -> Call | None:
    """The learning's call when everyone may open it (`reports.selectors.call_is_public`); the call and
    its platform are joined by `published_learning_list`, so this reads nothing more."""
    call = learning.report.experiment.call
    return call if call_is_public(call) else None
