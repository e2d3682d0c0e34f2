"""The Atom feed of newly published learnings, read with feedparser."""

import pytest

from kokeilu.opendata.feeds import FEED_LIMIT
from kokeilu.opendata.licence import LICENSE_URL, licence_rights
from kokeilu.reports.models import Learning

from .channels import feed
from .conftest import PUBLISHED_LEARNING, approved_reports

pytestmark = pytest.mark.django_db


def test_feed_lists_published_learnings_with_the_licence(client, world):
    parsed = feed(client)
    assert parsed.version == "atom10"
    assert parsed.feed.rights == licence_rights()
    assert {"rel": "license", "href": LICENSE_URL} in [
        {"rel": link.rel, "href": link.href} for link in parsed.feed.links
    ]
    assert parsed.feed.link == "http://testserver/fi/library/"
    links = [entry.link for entry in parsed.entries]
    assert links == [
        f"http://testserver/fi/reports/learnings/{learning.pk}/"
        for learning in (world.published_learning, world.formula_learning)
    ]
    entry = parsed.entries[0]
    assert entry.title == PUBLISHED_LEARNING["statement_fi"]
    assert entry.rights == licence_rights()
    assert LICENSE_URL in [link.href for link in entry.links if link.rel == "license"]
    assert entry.author == "Espoo"
    assert [tag.term for tag in entry.tags] == ["Robotiikka", "koulu"]
    assert entry.published == "2025-04-02T09:00:00+00:00"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_feed_is_in_the_language_of_its_address(client, world, language):
    parsed = feed(client, language)
    assert parsed.feed.language == language
    assert parsed.entries[0].title == PUBLISHED_LEARNING[f"statement_{language}"]
    assert parsed.entries[0].link.startswith(f"http://testserver/{language}/reports/learnings/")


def test_evidence_is_text_not_markup(client, world):
    world.published_learning.evidence = "<b>lihavoitu</b> & <script>alert(1)</script>"
    world.published_learning.save()
    entry = feed(client).entries[0]
    assert entry.summary == "&lt;b&gt;lihavoitu&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;"


def test_newest_approvals_first_and_at_most_the_limit(client, city, django_assert_max_num_queries):
    approved_reports(city, 30)
    with django_assert_max_num_queries(2):
        parsed = feed(client)
    newest_first = Learning.objects.order_by("-report__approved_at", "report_id", "position", "pk")[
        :FEED_LIMIT
    ]
    assert len(parsed.entries) == FEED_LIMIT < Learning.objects.count()
    assert [entry.link for entry in parsed.entries] == [
        f"http://testserver/fi/reports/learnings/{learning.pk}/" for learning in newest_first
    ]
    published = [entry.published_parsed for entry in parsed.entries]
    assert published == sorted(published, reverse=True)
