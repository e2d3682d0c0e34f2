"""library_search: published learnings only, in three languages, every filter, and odd input; run on
SQLite (icontains) and PostgreSQL (full-text search)."""

import pytest
from django.db import connection

from kokeilu.experiments.models import Experiment, ServiceSector
from kokeilu.library.selectors import (
    MAX_QUERY_LENGTH,
    LibraryFilters,
    clean_query,
    library_search,
    library_search_page,
    library_search_slice,
)
from kokeilu.reports.models import Learning, NextStep

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
    assert _ids("", LibraryFilters(sector=ServiceSector.EDUCATION)) == {library.robots.pk}
    assert _ids("", LibraryFilters(sector=ServiceSector.SOCIAL_HEALTH)) == {library.elderly.pk}
    assert _ids("", LibraryFilters(sector=ServiceSector.CULTURE_LEISURE)) == set()
    assert _ids("", LibraryFilters()) == both


def test_sector_filter_follows_the_experiments_sector(library):
    Experiment.objects.filter(pk=library.experiment_elderly.pk).update(sector=ServiceSector.EDUCATION)
    assert _ids("", LibraryFilters(sector=ServiceSector.EDUCATION)) == {library.robots.pk, library.elderly.pk}
    Experiment.objects.filter(pk=library.experiment_robots.pk).update(sector="")
    assert _ids("", LibraryFilters(sector=ServiceSector.EDUCATION)) == {library.elderly.pk}


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
    assert _ids("opettajat", LibraryFilters(sector=ServiceSector.EDUCATION)) == {library.robots.pk}
    assert _ids("opettajat", LibraryFilters(sector=ServiceSector.SOCIAL_HEALTH)) == set()


def test_a_retitled_experiment_is_found_by_its_new_title_only(library):
    experiment = library.experiment_robots
    experiment.title_fi = "Ohjelmointikerho nuorille"
    experiment.save()
    assert _ids("ohjelmointikerho") == {library.robots.pk}
    assert _ids("koulussa") == set()
    # Also when the title changes without the model (a bulk update): the database keeps the index right.
    Experiment.objects.filter(pk=library.experiment_elderly.pk).update(title_en="Tablet lessons at home")
    assert _ids("tablet lessons", language="en") == {library.elderly.pk}
    assert _ids("tablet", language="sv") == {library.elderly.pk}
    assert _ids("digital help", language="en") == set()


def test_an_edited_or_new_learning_is_found_by_its_new_words(library):
    Learning.objects.filter(pk=library.elderly.pk).update(statement_sv="Äldre vill ha kurser på biblioteket")
    assert _ids("kurser", language="sv") == {library.elderly.pk}
    assert _ids("stöd", language="sv") == set()
    added = library.robots.report.learnings.create(position=3, statement_en="Pupils wrote their own games")
    assert _ids("games", language="en") == {added.pk}
    assert _ids("pupils", language="fi") == {added.pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL full-text search")
def test_a_word_in_the_statement_ranks_above_the_same_word_in_the_evidence(library):
    library.elderly.evidence = "Opettajat kertoivat, että ikäihmiset oppivat nopeasti."
    library.elderly.save()
    found = [learning.pk for learning in library_search("opettajat", language="fi")]
    assert found == [library.robots.pk, library.elderly.pk]
    # Rank before date: the same word in the newer report's evidence only puts it second.
    library.elderly.evidence = ""
    library.elderly.save()
    library.robots.evidence = "Ikäihmiset vierailivat koululla."
    library.robots.save()
    found = [learning.pk for learning in library_search("ikäihmiset", language="fi")]
    assert found == [library.elderly.pk, library.robots.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stored vectors are PostgreSQL only")
def test_search_reads_stored_indexed_vectors(library):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reports_learning' "
            "AND indexdef LIKE '%USING gin%'"
        )
        indexes = dict(cursor.fetchall())
    for column in ("library_search_fi", "library_search_sv", "library_search_en", "library_search_simple"):
        assert f"reports_learning_{column}" in indexes
    sql = str(library_search("opettajat", language="sv").query)
    assert '"reports_learning"."library_search_sv" @@' in sql
    assert "to_tsvector" not in sql


@pytest.fixture
def many(library):
    """Twelve more published learnings holding "kirjasto", in the robots report."""
    return [
        library.robots.report.learnings.create(position=10 + index, statement_fi=f"Kirjasto {index} auttoi")
        for index in range(12)
    ]


@pytest.mark.parametrize("query", ["kirjasto", ""])
def test_a_slice_is_the_searchs_part_with_the_whole_count(library, many, query):
    everything = [learning.pk for learning in library_search(query)]
    assert len(everything) == (12 if query else 14)
    for offset in (0, 5, 10):
        found = library_search_slice(query, offset=offset, limit=5)
        assert [learning.pk for learning in found.learnings] == everything[offset : offset + 5]
        assert found.count == len(everything)
        assert all(learning.reuse_count == 0 for learning in found.learnings)
    past = library_search_slice(query, offset=100, limit=5)
    assert (past.learnings, past.count) == ([], len(everything))
    assert library_search_slice("nothing-matches-this", offset=0, limit=5).count == 0


@pytest.mark.parametrize(
    ("number", "expected"),
    [("2", 2), ("3", 3), ("99", 3), ("0", 1), ("-4", 1), ("x", 1), (None, 1), ("9" * 40, 3)],
)
def test_a_page_number_out_of_range_gives_the_first_or_last_page(library, many, number, expected):
    page = library_search_page("kirjasto", number=number, per_page=5)
    assert page.number == expected
    assert page.paginator.count == 12 and page.paginator.num_pages == 3
    assert len(page.object_list) == (2 if expected == 3 else 5)


def test_an_empty_result_is_one_empty_page(library):
    page = library_search_page("nothing-matches-this", number="4", per_page=5)
    assert (page.number, list(page.object_list), page.paginator.count) == (1, [], 0)
