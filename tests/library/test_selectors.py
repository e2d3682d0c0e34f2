"""library_search: published learnings only, in three languages, every filter, and odd input; run on
SQLite (icontains) and PostgreSQL (full-text search)."""

import pytest
from django.db import connection

from kokeilu.library.selectors import MAX_QUERY_LENGTH, LibraryFilters, clean_query, library_search
from kokeilu.reports.models import NextStep

pytestmark = pytest.mark.django_db

ODD_QUERIES = {
    "empty": "",
    "spaces": "   ",
    "very long": "robotit " * 700,
    "5000 characters": "x" * 5000,
    "sql": "'; DROP TABLE reports_learning; --",
    "sql or": '" OR 1=1 --',
    "html": "<script>alert('x')</script><b>robot</b>",
    "mixed languages": "opettajat teachers lärarna",
    "punctuation": "!!! ??? ::: & | ( ) * ' \" -",
    "tsquery operators": "robot & | ! <-> :* (",
    "nul and control": "robot\x00\x01\x1f",
    "unicode": "😀 ∑ ÅÄÖ ß",
}


def _ids(query, filters=None, language="fi"):
    return {learning.pk for learning in library_search(query, filters, language)}


def test_empty_query_lists_published_learnings_only(library):
    assert _ids("") == {library.robots.pk, library.elderly.pk}


@pytest.mark.parametrize(
    ("query", "language"),
    [("opettajat", "fi"), ("lärarna", "sv"), ("teachers", "en"), ("robotarna", "sv"), ("Robotit", "fi")],
)
def test_search_finds_words_in_each_language(library, query, language):
    assert _ids(query, language=language) == {library.robots.pk}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_word_in_another_language_is_found_too(library, language):
    assert _ids("ikäihmiset", language=language) == {library.elderly.pk}
    assert _ids("services", language=language) == {library.elderly.pk}


def test_search_covers_the_evidence_and_the_experiment_title(library):
    assert _ids("asukasta") == {library.elderly.pk}
    assert _ids("digital help", language="en") == {library.elderly.pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL full-text search")
def test_postgresql_stems_words_and_ranks(library):
    assert _ids("teacher", language="en") == {library.robots.pk}
    assert _ids("robot", language="sv") == {library.robots.pk}
    # websearch syntax: a phrase and an excluded word
    assert _ids('"older people" -robots', language="en") == {library.elderly.pk}


def test_internal_and_unapproved_learnings_are_never_found(library):
    assert _ids("salainen") == set()
    assert _ids("rehtorin vastustuksesta") == set()
    assert _ids("keskeneräinen") == set()
    assert _ids("kirjaston") == set()
    assert library.unapproved.pk not in _ids("robottien")
    assert library.internal.pk not in _ids("")


@pytest.mark.parametrize("name", list(ODD_QUERIES))
def test_odd_input_never_fails(library, name):
    found = _ids(ODD_QUERIES[name])
    assert found <= {library.robots.pk, library.elderly.pk}
    assert library.internal.pk not in found and library.unapproved.pk not in found


def test_odd_input_results(library):
    assert _ids("   ") == {library.robots.pk, library.elderly.pk}
    assert _ids("!!! ???") == {library.robots.pk, library.elderly.pk}  # no words: no query
    assert _ids("x" * 5000) == set()
    assert _ids("opettajat\x00") == {library.robots.pk}
    assert _ids("'; DROP TABLE reports_learning; --") == set()
    assert _ids("opettajat teachers lärarna") == {library.robots.pk}


def test_clean_query():
    assert clean_query("  robot\x00s ") == "robot s"
    assert len(clean_query("a" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query("?!- ") == ""
    assert clean_query(None) == ""


def test_filters(library):
    both = {library.robots.pk, library.elderly.pk}
    assert _ids("", LibraryFilters(theme_id=library.theme_school.pk)) == {library.robots.pk}
    assert _ids("", LibraryFilters(theme_id=library.theme_care.pk)) == {library.elderly.pk}
    assert _ids("", LibraryFilters(city_id=library.experiment_elderly.city_id)) == {library.elderly.pk}
    assert _ids("", LibraryFilters(city_id=library.experiment_robots.city_id)) == {library.robots.pk}
    assert _ids("", LibraryFilters(platform_id=library.platform.pk)) == {library.robots.pk}
    assert _ids("", LibraryFilters(outcome=NextStep.ADOPT)) == {library.robots.pk}
    assert _ids("", LibraryFilters(outcome=NextStep.STOP)) == {library.elderly.pk}
    assert _ids("", LibraryFilters(outcome=NextStep.SCALE)) == set()  # only the unapproved report
    assert _ids("", LibraryFilters(year=2025)) == {library.robots.pk}
    assert _ids("", LibraryFilters(year=2024)) == {library.elderly.pk}
    assert _ids("", LibraryFilters(year=2023)) == set()
    assert _ids("", LibraryFilters(method_id=library.method.pk)) == {library.robots.pk}
    assert _ids("", LibraryFilters()) == both


def test_platform_filter_also_matches_the_experiments_own_platform(library):
    library.experiment_elderly.platform = library.platform
    library.experiment_elderly.save()
    assert _ids("", LibraryFilters(platform_id=library.platform.pk)) == {
        library.robots.pk,
        library.elderly.pk,
    }


def test_filters_combine_with_search(library):
    assert _ids("opettajat", LibraryFilters(year=2025)) == {library.robots.pk}
    assert _ids("opettajat", LibraryFilters(year=2024)) == set()
    assert _ids("opettajat", LibraryFilters(method_id=library.method.pk, outcome=NextStep.ADOPT)) == {
        library.robots.pk
    }
