"""The JSON API: shape, licence, paging, what each record shows, and bounded queries."""

import pytest

from kokeilu.opendata.licence import LICENSE_NAME, LICENSE_URL

from .channels import API, KINDS, get_ok, json_items, json_pages
from .conftest import GRANTED, PARTNER_NAME, PUBLIC_EXPERIMENT_SUMMARY, PUBLISHED_LEARNING, approved_reports

pytestmark = pytest.mark.django_db


def _by(items: list[dict], key: str) -> dict:
    return {item[key]: item for item in items}


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_states_the_licence_and_pages_with_limit_and_offset(client, world, kind):
    pages = json_pages(client, kind)
    assert all(page["license"] == {"name": LICENSE_NAME, "url": LICENSE_URL} for page in pages)
    total = pages[0]["count"]
    assert sum(len(page["results"]) for page in pages) == total
    assert len(pages) == max(1, -(-total // 2))  # two per page


def test_learnings_are_the_published_ones_in_every_language(client, world):
    learnings = _by(json_items(client, "learnings"), "id")
    assert set(learnings) == {world.published_learning.pk, world.formula_learning.pk}
    learning = learnings[world.published_learning.pk]
    assert {key: learning[key] for key in PUBLISHED_LEARNING} == PUBLISHED_LEARNING
    assert learning["url"] == f"http://testserver/fi/reports/learnings/{world.published_learning.pk}/"
    assert learning["report_url"] == "http://testserver/fi/reports/reported/"
    assert learning["theme"] == {
        "slug": "robotics",
        "name_fi": "Robotiikka",
        "name_sv": "Robotik",
        "name_en": "Robotics",
    }
    assert learning["call"]["slug"] == "published-call"
    assert learning["published_at"] == "2025-04-02T12:00:00+03:00"


def test_links_follow_the_request_language(client, world):
    items = json_items_in(client, "learnings", "sv")
    assert {item["url"] for item in items} >= {
        f"http://testserver/sv/reports/learnings/{world.published_learning.pk}/"
    }


def json_items_in(client, kind: str, language: str) -> list[dict]:
    return get_ok(client, f"{API}/{kind}/", HTTP_ACCEPT_LANGUAGE=language).json()["results"]


def test_experiments_show_their_public_face_only(client, world):
    experiments = _by(json_items(client, "experiments"), "slug")
    assert set(experiments) == {"reported", "public"}

    reported = experiments["reported"]
    # Not public itself: no page, no summary; its platform is not public; its call and report are.
    assert reported["url"] is None
    assert (reported["summary_fi"], reported["summary_sv"], reported["summary_en"]) == ("", "", "")
    assert reported["platform"] is None
    assert reported["call"]["slug"] == "published-call"
    assert reported["granted_amount"] == GRANTED and reported["currency"] == "EUR"
    assert reported["partners"] == [{"name": PARTNER_NAME, "role": "lead_partner"}]
    assert reported["report"]["url"] == "http://testserver/fi/reports/reported/"
    assert reported["report"]["next_step"] == "adopt"

    public = experiments["public"]
    # Public, with a draft report and a draft call: neither is shown.
    assert public["url"] == "http://testserver/fi/experiments/public/"
    assert public["summary_fi"] == PUBLIC_EXPERIMENT_SUMMARY
    assert public["platform"]["slug"] == "iso-omena"
    assert public["call"] is None
    assert public["report"] is None
    assert set(public) == set(reported)


def test_calls_and_needs_link_only_to_public_counterparts(client, world):
    calls = _by(json_items(client, "calls"), "slug")
    assert set(calls) == {"published-call"}
    # The call answers a published need and a draft one: only the published one is shown.
    assert [need["id"] for need in calls["published-call"]["needs"]] == [world.published_need.pk]
    assert calls["published-call"]["phase"] == "open"

    needs = _by(json_items(client, "needs"), "id")
    assert set(needs) == {world.published_need.pk}
    # The need is answered by a published call and a draft call: only the published one is shown.
    assert [call["slug"] for call in needs[world.published_need.pk]["calls"]] == ["published-call"]
    assert needs[world.published_need.pk]["status"] == "published"


def test_logged_in_people_get_exactly_what_anonymous_visitors_get(
    client, client_for, world, programme_manager
):
    for kind in KINDS:
        assert (
            get_ok(client_for(programme_manager), f"{API}/{kind}/").json()
            == get_ok(client, f"{API}/{kind}/").json()
        )


def test_writing_is_not_allowed(client, world):
    for kind in KINDS:
        assert client.post(f"{API}/{kind}/", {}).status_code == 405


def test_limit_is_capped(client, city):
    approved_reports(city, 3)
    page = get_ok(client, f"{API}/learnings/?limit=100000").json()
    assert page["count"] == 6 and len(page["results"]) == 6
    assert "limit=500" not in (page["next"] or "")


@pytest.mark.parametrize(
    ("kind", "max_queries"),
    [("learnings", 3), ("experiments", 3), ("calls", 5), ("needs", 4)],
)
def test_list_queries_do_not_grow_with_the_items(
    client, city, django_assert_max_num_queries, kind, max_queries
):
    approved_reports(city, 30)
    with django_assert_max_num_queries(max_queries):
        page = get_ok(client, f"{API}/{kind}/?limit=100").json()
    assert page["count"] >= 30
