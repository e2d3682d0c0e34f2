"""JSON-LD: parses, carries the schema.org context and the expected types, states the licence on every
top-level node; and the public report and learning pages embed it."""

import json
import re

import pytest

from kokeilu.opendata.licence import LICENSE_URL

from .channels import KINDS, get_ok, jsonld_document
from .conftest import GRANTED, PARTNER_NAME, PUBLISHED_LEARNING, SECRETS

pytestmark = pytest.mark.django_db

PROJECT_ID = "http://testserver/api/v1/open-data/experiments.jsonld#reported"
ITEM_TYPES = {
    "learnings": "Report",
    "experiments": "Project",
    "calls": "FundingScheme",
    "needs": "CreativeWork",
}


def _items(document: dict) -> list[dict]:
    return document["@graph"][1:]


@pytest.mark.parametrize("kind", KINDS)
def test_document_has_the_context_a_dataset_and_the_licence_everywhere(client, world, kind):
    document = jsonld_document(client, kind)
    assert document["@context"] == "https://schema.org"
    dataset = document["@graph"][0]
    assert dataset["@type"] == "Dataset"
    assert dataset["@id"] == f"http://testserver/api/v1/open-data/{kind}.jsonld"
    assert {download["encodingFormat"] for download in dataset["distribution"]} == {
        "application/json",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    items = _items(document)
    assert items
    assert {item["@type"] for item in items} == {ITEM_TYPES[kind]}
    assert all(node["license"] == LICENSE_URL for node in document["@graph"])


def test_learnings_are_parts_of_their_report_about_the_project(client, world):
    (report,) = _items(jsonld_document(client, "learnings"))
    assert report["@id"] == "http://testserver/fi/reports/reported/"
    assert report["publisher"] == {"@type": "Organization", "identifier": "espoo", "name": "Espoo"}
    assert report["about"]["@type"] == "Project" and report["about"]["@id"] == PROJECT_ID
    assert [part["@id"] for part in report["hasPart"]] == [
        f"http://testserver/fi/reports/learnings/{learning.pk}/"
        for learning in (world.published_learning, world.formula_learning)
    ]
    assert report["hasPart"][0]["name"] == [
        {"@value": PUBLISHED_LEARNING[f"statement_{code}"], "@language": code} for code in ("fi", "sv", "en")
    ]
    assert report["hasPart"][0]["keywords"] == ["Robotiikka", "koulu"]


def test_identifiers_do_not_depend_on_the_language(client, world):
    finnish = jsonld_document(client, "learnings")
    swedish = json.loads(
        get_ok(client, "/api/v1/open-data/learnings.jsonld", HTTP_ACCEPT_LANGUAGE="sv").content
    )
    assert _items(finnish)[0]["@id"] == _items(swedish)[0]["@id"]
    assert _items(swedish)[0]["url"] == "http://testserver/sv/reports/reported/"


def test_experiments_are_projects_with_a_grant_from_the_city(client, world):
    projects = {item["identifier"]: item for item in _items(jsonld_document(client, "experiments"))}
    assert set(projects) == {"reported", "public"}
    reported = projects["reported"]
    assert reported["@id"] == PROJECT_ID
    espoo = {"@type": "Organization", "identifier": "espoo", "name": "Espoo"}
    assert reported["funder"] == espoo
    grant = reported["funding"]
    assert grant["@type"] == "MonetaryGrant"
    assert grant["amount"] == {"@type": "MonetaryAmount", "currency": "EUR", "value": float(GRANTED)}
    assert grant["funder"][0] == espoo
    assert grant["funder"][1]["@type"] == "FundingScheme"
    assert grant["funder"][1]["@id"] == "http://testserver/fi/calls/published-call/"
    assert reported["member"] == [{"@type": "Organization", "name": PARTNER_NAME}]
    assert reported["subjectOf"]["@type"] == "Report"
    # Not public itself: no description, and its non-public platform is left out.
    assert "description" not in reported and "parentOrganization" not in reported

    public = projects["public"]
    assert public["description"][0]["@language"] == "fi"
    assert public["parentOrganization"]["identifier"] == "iso-omena"
    # Its call is a draft and it has no approved report.
    assert public["funding"]["funder"] == [espoo]
    assert "subjectOf" not in public


def _page_jsonld(html: str) -> dict:
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    return json.loads(script)


def test_public_report_page_embeds_the_report(client, world):
    node = _page_jsonld(get_ok(client, "/fi/reports/reported/").content.decode())
    assert node["@context"] == "https://schema.org"
    assert node["@type"] == "Report"
    assert node["license"] == LICENSE_URL
    assert node["about"]["@id"] == PROJECT_ID
    assert len(node["hasPart"]) == 2
    assert SECRETS["internal_learning"] not in json.dumps(node, ensure_ascii=False)


def test_learning_page_embeds_the_learning(client, world):
    html = get_ok(client, f"/en/reports/learnings/{world.published_learning.pk}/").content.decode()
    node = _page_jsonld(html)
    assert node["@context"] == "https://schema.org"
    assert node["@type"] == "CreativeWork"
    assert node["url"] == f"http://testserver/en/reports/learnings/{world.published_learning.pk}/"
    assert node["isPartOf"]["@type"] == "Report"
    assert node["isPartOf"]["@id"] == "http://testserver/fi/reports/reported/"
    assert node["about"] == {
        "@type": "Project",
        "@id": PROJECT_ID,
        "identifier": "reported",
        "name": node["isPartOf"]["name"],
    }
    assert node["license"] == LICENSE_URL


def test_embedded_json_cannot_close_the_script_element(client, world):
    world.published_learning.statement_fi = "</script><script>alert(1)</script>"
    world.published_learning.save()
    html = get_ok(client, f"/fi/reports/learnings/{world.published_learning.pk}/").content.decode()
    node = _page_jsonld(html)
    assert node["name"][0]["@value"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html.split("</head>")[0]
