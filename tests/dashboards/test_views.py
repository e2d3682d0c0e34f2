import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = ("funnel", "years", "decision_time", "budget", "kinds", "units")
TABLES = (*CHARTS, "calls")


def _page(city, **query):
    return reverse("dashboards:city", kwargs={"city_slug": city.slug}), query


def _csv_rows(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_a_manager_of_one_city_goes_straight_to_its_dashboard(client_for, programme_manager, city):
    response = client_for(programme_manager).get(reverse("dashboards:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:city", kwargs={"city_slug": city.slug})


def test_a_site_admin_chooses_a_city(client_for, site_admin, city, other_city):
    response = client_for(site_admin).get(reverse("dashboards:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for each in (city, other_city):
        assert reverse("dashboards:city", kwargs={"city_slug": each.slug}) in html


def test_a_manager_of_two_cities_chooses(client_for, two_city_manager, city, other_city):
    response = client_for(two_city_manager).get(reverse("dashboards:index"))
    assert response.status_code == 200
    assert [c.slug for c in response.context["cities"]] == [city.slug, other_city.slug]  # by name


def test_the_page_shows_the_numbers_and_charts(client_for, programme_manager, city, programme):
    url, query = _page(city)
    response = client_for(programme_manager).get(url, query)
    assert response.status_code == 200
    html = response.content.decode()
    for key in CHARTS:
        assert f'aria-labelledby="dashboard-{key}-title dashboard-{key}-desc"' in html
        assert reverse("dashboards:chart_svg", kwargs={"city_slug": city.slug, "chart": key}) in html
    for key in TABLES:
        assert reverse("dashboards:table_csv", kwargs={"city_slug": city.slug, "table": key}) in html
    assert html.count('role="img"') == len(CHARTS)
    assert "<caption>" in html
    assert "Haku" in html  # the per-call table names the calls
    assert "other-call" not in html


def test_the_page_never_shows_another_citys_calls(client_for, programme_manager, city, other_city, programme):
    response = client_for(programme_manager).get(*_page(city))
    assert str(programme.other_call.title) not in response.content.decode()


def test_the_page_keeps_to_a_few_queries(
    client_for, programme_manager, city, programme, django_assert_max_num_queries
):
    client = client_for(programme_manager)
    url, query = _page(city)
    with django_assert_max_num_queries(30):
        assert client.get(url, query).status_code == 200
    # From the cache: the session, the user, their roles, the city and the data version.
    with django_assert_max_num_queries(6):
        assert client.get(url, query).status_code == 200


def test_the_call_filter_and_the_years(client_for, programme_manager, city, programme):
    client = client_for(programme_manager)
    url, _query = _page(city)
    response = client.get(url, {"call": "call-one"})
    assert response.context["filters"].call_id == programme.call_1.pk
    assert [(stage.key, stage.count) for stage in response.context["data"].funnel][2] == ("proposals", 4)
    assert "?call=call-one" in response.content.decode()
    response = client.get(url, {"year_from": programme.year_b, "year_to": programme.year_b})
    assert [row.year for row in response.context["data"].years] == [programme.year_b]


@pytest.mark.parametrize(
    "query",
    [
        {"year_from": "2030", "year_to": "2020"},
        {"year_from": "abc"},
        {"year_from": "1800"},
        {"year_from": "2000", "year_to": "2099"},
        {"call": "other-call"},
        {"call": "<script>"},
    ],
)
def test_bad_filters_show_an_error_and_the_default_numbers(
    client_for, programme_manager, city, programme, query
):
    response = client_for(programme_manager).get(_page(city)[0], query)
    assert response.status_code == 200
    assert response.context["form"].errors
    filters = response.context["filters"]
    assert (filters.year_from, filters.year_to, filters.call_id) == (
        programme.year_b - 9,
        programme.year_b,
        None,
    )
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.parametrize("chart", CHARTS)
def test_every_chart_downloads_as_svg_that_parses(client_for, programme_manager, city, programme, chart):
    url = reverse("dashboards:chart_svg", kwargs={"city_slug": city.slug, "chart": chart})
    response = client_for(programme_manager).get(url, {"call": "call-one"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="espoo-{chart.replace("_", "-")}-call-one.svg"'
    )
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text


def test_the_funnel_svg_writes_the_counts(client_for, programme_manager, city, programme):
    url = reverse("dashboards:chart_svg", kwargs={"city_slug": city.slug, "chart": "funnel"})
    root = ET.fromstring(client_for(programme_manager).get(url).content)
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert texts[1::2] == ["3", "2", "6", "3", "1", "1", "0"]


def test_the_funnel_csv(client_for, programme_manager, city, programme):
    url = reverse("dashboards:table_csv", kwargs={"city_slug": city.slug, "table": "funnel"})
    rows = _csv_rows(client_for(programme_manager).get(url))
    assert len(rows) == 8
    assert [row[1] for row in rows[1:]] == ["3", "2", "6", "3", "1", "1", "0"]


def test_the_budget_and_decision_time_csv(client_for, programme_manager, city, programme):
    client = client_for(programme_manager)
    budget = _csv_rows(
        client.get(reverse("dashboards:table_csv", kwargs={"city_slug": city.slug, "table": "budget"}))
    )
    assert budget[-1][1:] == ["25000.00", "5300.25", "19699.75"]
    by_year = {row[0]: row[1:] for row in budget[1:-1]}
    assert by_year[str(programme.year_a)] == ["10000.00", "4000.25", "5999.75"]
    times = _csv_rows(
        client.get(reverse("dashboards:table_csv", kwargs={"city_slug": city.slug, "table": "decision_time"}))
    )
    assert times[-1][1:] == ["5", "7.0", "10.0", "20.0"]
    by_year = {row[0]: row[1:] for row in times[1:-1]}
    assert by_year[str(programme.year_b)] == ["2", "5.5", "6.0", "6.5"]
    assert by_year[str(programme.year_b - 5)] == ["0", "", "", ""]


def test_the_per_call_csv_escapes_formulas(client_for, programme_manager, city, programme):
    programme.call_1.title_fi = '=HYPERLINK("http://example.test")'
    programme.call_1.save()
    rows = _csv_rows(
        client_for(programme_manager).get(
            reverse("dashboards:table_csv", kwargs={"city_slug": city.slug, "table": "calls"})
        )
    )
    titles = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://example.test")' in titles
    assert len(rows) == 3


def test_unknown_chart_or_table_is_404(client_for, programme_manager, city):
    client = client_for(programme_manager)
    assert (
        client.get(
            reverse("dashboards:chart_svg", kwargs={"city_slug": city.slug, "chart": "calls"})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("dashboards:table_csv", kwargs={"city_slug": city.slug, "table": "nope"})
        ).status_code
        == 404
    )


def test_the_page_renders_in_every_language(client_for, programme_manager, city, programme):
    client = client_for(programme_manager)
    for language in ("fi", "sv", "en"):
        response = client.get(f"/{language}/dashboards/{city.slug}/")
        assert response.status_code == 200
