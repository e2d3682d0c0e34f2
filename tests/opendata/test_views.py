"""The open data page, the footer link to it, and the feed's autodiscovery links."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from kokeilu.opendata.licence import LICENSE_URL

from .channels import KINDS, get_ok

pytestmark = pytest.mark.django_db

FEED_LINK = (
    '<link rel="alternate" type="application/atom+xml" title="{title}" '
    'href="/{language}/open-data/learnings.atom">'
)


def _(message: str, language: str = "fi") -> str:
    with translation.override(language):
        return gettext(message)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_open_data_page_lists_every_dataset_format_and_the_licence(
    client, language, django_assert_max_num_queries
):
    with django_assert_max_num_queries(0):
        html = get_ok(client, f"/{language}/open-data/").content.decode()
    assert f"<h1>{_('Open data', language)}</h1>" in html
    for kind in KINDS:
        for ending in ("/", ".jsonld", ".csv", ".xlsx"):
            assert f'href="/api/v1/open-data/{kind}{ending}"' in html
    assert f'<a href="{LICENSE_URL}" rel="license">' in html
    assert f'href="/{language}/open-data/learnings.atom" type="application/atom+xml"' in html
    assert FEED_LINK.format(title=_("New learnings – Kokeilu", language), language=language) in html
    assert 'href="/api/docs/"' in html


def test_footer_links_to_the_open_data_page(client):
    html = get_ok(client, "/sv/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    assert f'<a href="/sv/open-data/">{_("Open data", "sv")}</a>' in footer


def test_library_page_announces_the_feed(client, db):
    html = get_ok(client, "/fi/library/").content.decode()
    head = html.split("</head>")[0]
    assert FEED_LINK.format(title=_("New learnings – Kokeilu"), language="fi") in head
