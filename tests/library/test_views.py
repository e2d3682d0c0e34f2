"""The library page /<lang>/library/: search, filters, odd input, nothing unpublished, bounded queries."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override

from .conftest import ELDERLY, INTERNAL, ROBOTS, UNAPPROVED
from .test_selectors import ODD_QUERIES

pytestmark = pytest.mark.django_db


def _(text: str) -> str:
    """What the page shows for a message (tests run in Finnish)."""
    with override("fi"):
        return gettext(text)


def _url(language="fi"):
    with override(language):
        return reverse("library:search")


def test_the_page_lists_published_learnings_for_anyone(client, library):
    response = client.get(_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert _("Learnings library") in html
    assert ROBOTS["statement_fi"] in html and ELDERLY["statement_fi"] in html
    assert INTERNAL not in html and UNAPPROVED not in html
    assert reverse("reports:learning", kwargs={"pk": library.robots.pk}) in html
    assert reverse("reports:public", kwargs={"slug": "robot-school"}) in html
    assert reverse("calls:detail", kwargs={"slug": "robot-call"}) in html
    assert "Robottihaku" in html and "Espoo" in html and "Koulu" in html and "Nopea kokeilu" in html


def test_search_in_swedish_shows_swedish_statements_and_keeps_the_query(client, library):
    response = client.get(_url("sv"), {"q": "lärarna"})
    html = response.content.decode()
    assert ROBOTS["statement_sv"] in html and ELDERLY["statement_sv"] not in html
    assert 'value="lärarna"' in html


def test_english_search(client, library):
    html = client.get(_url("en"), {"q": "teachers"}).content.decode()
    assert ROBOTS["statement_en"] in html and ELDERLY["statement_en"] not in html


def test_statement_falls_back_to_another_language(client, library):
    library.robots.statement_sv = ""
    library.robots.save()
    html = client.get(_url("sv"), {"q": "opettajat"}).content.decode()
    assert ROBOTS["statement_fi"] in html


def test_internal_and_unapproved_never_appear_even_when_searched(client, library):
    for query in ("salainen", "keskeneräinen", "kirjaston"):
        html = client.get(_url(), {"q": query}).content.decode()
        assert INTERNAL not in html and UNAPPROVED not in html
        assert _("No learnings match your search.") in html


@pytest.mark.parametrize("name", list(ODD_QUERIES))
def test_odd_input_gives_a_page(client, library, name):
    response = client.get(_url(), {"q": ODD_QUERIES[name]})
    assert response.status_code == 200
    html = response.content.decode()
    assert INTERNAL not in html and UNAPPROVED not in html
    assert "<script>alert" not in html


@pytest.mark.parametrize(
    ("params", "found", "not_found"),
    [
        ({"theme": "school"}, ROBOTS, ELDERLY),
        ({"theme": "care"}, ELDERLY, ROBOTS),
        ({"city": "helsinki"}, ELDERLY, ROBOTS),
        ({"platform": "espoo-schools"}, ROBOTS, ELDERLY),
        ({"outcome": "stop"}, ELDERLY, ROBOTS),
        ({"year": "2025"}, ROBOTS, ELDERLY),
        ({"method": "library-rapid"}, ROBOTS, ELDERLY),
        ({"sector": "education"}, ROBOTS, ELDERLY),
        ({"sector": "social_health"}, ELDERLY, ROBOTS),
        ({"sector": "social_health", "q": "ikäihmiset"}, ELDERLY, ROBOTS),
    ],
)
def test_each_filter(client, library, params, found, not_found):
    html = client.get(_url(), params).content.decode()
    assert found["statement_fi"] in html and not_found["statement_fi"] not in html


def test_unknown_filter_value_shows_an_error_not_a_crash(client, library):
    response = client.get(_url(), {"theme": "no-such-theme", "year": "abc", "q": "opettajat"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert ROBOTS["statement_fi"] in html and ELDERLY["statement_fi"] not in html


def test_the_form_offers_the_filters_as_selects(client, library):
    html = client.get(_url()).content.decode()
    for name in ("theme", "city", "platform", "sector", "outcome", "year", "method"):
        assert f'<select name="{name}"' in html
    assert '<option value="2025">2025</option>' in html and '<option value="2024">2024</option>' in html
    assert 'for="id_q"' in html
    assert '<option value="culture_leisure">' + _("Culture and leisure") + "</option>" in html


def test_results_show_the_sector_and_the_chosen_one_stays_selected(client, library):
    html = client.get(_url(), {"sector": "education"}).content.decode()
    assert '<option value="education" selected>' in html
    assert _("Education and early childhood education") in html
    assert _("Social services and health care") + "</dd>" not in html


def test_an_unknown_sector_shows_an_error_and_lists_everything(client, library):
    html = client.get(_url(), {"sector": "space"}).content.decode()
    assert 'aria-invalid="true"' in html
    assert ROBOTS["statement_fi"] in html and ELDERLY["statement_fi"] in html


def test_query_count_is_bounded(client, library, django_assert_max_num_queries):
    from tests.factories import ExperimentFactory

    from .conftest import _report

    for index in range(25):
        experiment = ExperimentFactory(city=library.experiment_robots.city, call=library.call)
        report = _report(experiment, "approved", library.robots.report.approved_at, "adopt")
        report.learnings.create(statement_fi=f"Oppi {index}", theme=library.theme_school)
    with django_assert_max_num_queries(14):
        response = client.get(_url(), {"q": "oppi"})
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        client.get(_url(), {"page": "2"})
