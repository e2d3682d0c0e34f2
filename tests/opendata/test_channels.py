"""Every channel (JSON, JSON-LD, CSV, XLSX, Atom) publishes the published items, never anything unpublished
or internal, and states the licence — for every visitor alike."""

import pytest

from kokeilu.opendata.licence import LICENSE_URL

from .channels import API, KINDS, channel_text, get_ok
from .conftest import (
    GRANTED,
    PARTNER_NAME,
    PUBLIC_EXPERIMENT_SUMMARY,
    PUBLIC_EXPERIMENT_TITLE,
    PUBLISHED_CALL_TITLE,
    PUBLISHED_LEARNING,
    PUBLISHED_NEED_TITLE,
    REPORTED_EXPERIMENT_TITLE,
    SECRETS,
    approved_reports,
)

pytestmark = pytest.mark.django_db

CHANNELS = ("json", "jsonld", "csv", "xlsx")
CASES = [(channel, kind) for channel in CHANNELS for kind in KINDS] + [("atom", "learnings")]

PUBLISHED = {
    "learnings": [PUBLISHED_LEARNING["statement_fi"]],
    "experiments": [
        REPORTED_EXPERIMENT_TITLE,
        PUBLIC_EXPERIMENT_TITLE,
        PUBLIC_EXPERIMENT_SUMMARY,
        PARTNER_NAME,
        GRANTED,
    ],
    "calls": [PUBLISHED_CALL_TITLE],
    "needs": [PUBLISHED_NEED_TITLE],
}


@pytest.mark.parametrize("persona", ["anonymous", "programme_manager", "site_admin"])
@pytest.mark.parametrize(("channel", "kind"), CASES)
def test_nothing_unpublished_or_internal_in_any_channel(client_for, request, world, persona, channel, kind):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    text = channel_text(client_for(user), channel, kind)
    leaked = {name for name, secret in SECRETS.items() if secret in text}
    assert leaked == set()
    # No one's e-mail address (the factories' users and the partner's contact all use this domain).
    assert "@example.test" not in text


@pytest.mark.parametrize(("channel", "kind"), CASES)
def test_published_items_and_licence_in_every_channel(client, world, channel, kind):
    text = channel_text(client, channel, kind)
    for published in PUBLISHED[kind]:
        assert published in text
    assert LICENSE_URL in text


@pytest.mark.parametrize(
    "url",
    [f"{API}/{kind}{ending}" for kind in KINDS for ending in ("/", ".jsonld", ".csv", ".xlsx")]
    + ["/fi/open-data/learnings.atom"],
)
def test_every_response_names_the_licence_in_a_link_header(client, world, url):
    response = get_ok(client, url)
    assert response["Link"] == f'<{LICENSE_URL}>; rel="license"'


@pytest.mark.parametrize(("channel", "kind"), CASES)
def test_an_empty_installation_publishes_empty_datasets(client, db, channel, kind):
    text = channel_text(client, channel, kind)
    if channel == "csv":
        # A CSV without rows is only its header row, which still names the licence columns.
        assert text.rstrip("\r\n").endswith(";license;license_url")
    else:
        assert LICENSE_URL in text


@pytest.mark.parametrize("ending", [".jsonld", ".csv", ".xlsx"])
@pytest.mark.parametrize(
    ("kind", "max_queries"),
    [("learnings", 2), ("experiments", 2), ("calls", 4), ("needs", 3)],
)
def test_export_queries_do_not_grow_with_the_items(
    client, city, django_assert_max_num_queries, kind, max_queries, ending
):
    approved_reports(city, 30)
    with django_assert_max_num_queries(max_queries):
        get_ok(client, f"{API}/{kind}{ending}")
