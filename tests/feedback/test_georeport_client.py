"""An existing Open311 client library from PyPI, `georeport` (0.3.1, requests + xmltodict), reads Kokeilu's
GeoReport v2 server over HTTP, unchanged, in both formats.

georeport has no call for service discovery (nor for posting); discovery is therefore read with the same
two libraries georeport itself uses, requests and xmltodict, the way a client locates the endpoint before
handing it to georeport.
"""

import pytest
import requests
import xmltodict
from georeport import GeoReport

from kokeilu.feedback import services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def feedback_items(catalogue, unit_member):
    answered = services.feedback_submit(
        service=catalogue.unit_service,
        kind="complaint",
        channel="web",
        description="Ajanvarauksessa oli jonoa.",
        place=services.Place(location=catalogue.unit_location),
    )
    services.feedback_handle(
        feedback=answered, handled_by=unit_member, public_answer="Lisäsimme vuoron.", state="resolved"
    )
    waiting = services.feedback_submit(
        service=catalogue.company_service, kind="idea", channel="web", description="Ilta?"
    )
    return answered, waiting


def test_discovery_locates_the_endpoint(live_server, catalogue):
    json_document = requests.get(f"{live_server.url}/open311/v2/discovery.json", timeout=10).json()
    (endpoint,) = json_document["endpoints"]
    assert endpoint["url"] == f"{live_server.url}/open311/v2"
    assert "application/json" in endpoint["formats"]
    xml_document = xmltodict.parse(
        requests.get(f"{live_server.url}/open311/v2/discovery.xml", timeout=10).content
    )
    assert xml_document["discovery"]["endpoints"]["endpoint"]["url"] == endpoint["url"]
    assert xml_document["discovery"]["endpoints"]["endpoint"]["formats"]["format"] == [
        "text/xml",
        "application/json",
    ]


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_reads_services_definitions_and_requests(live_server, feedback_items, output_format):
    answered, waiting = feedback_items
    discovery = requests.get(f"{live_server.url}/open311/v2/discovery.json", timeout=10).json()
    client = GeoReport(discovery["endpoints"][0]["url"], jurisdiction="espoo", output_format=output_format)

    service_list = client.get_service_list()
    assert [service["service_code"] for service in service_list] == [
        "neuvola-testila",
        "perhekahvila-perhekerho",
        "perhevalmennus-vauvavalo",
    ]
    assert service_list[0]["service_name"] == "Äitiysneuvola"
    assert str(service_list[0]["metadata"]).lower() == "true"

    definition = client.get_service_definition("neuvola-testila")
    assert definition["service_code"] == "neuvola-testila"
    attributes = (
        definition["attributes"] if output_format == "json" else definition["attributes"]["attribute"]
    )
    assert [attribute["code"] for attribute in attributes] == ["KIND", "SATISFACTION"]

    listed = client.get_service_requests()
    assert [str(item["service_request_id"]) for item in listed] == [str(waiting.pk), str(answered.pk)]
    closed_only = client.get_service_requests(status="closed")
    closed_only = closed_only if isinstance(closed_only, list) else [closed_only]  # xmltodict: one element
    assert [str(item["service_request_id"]) for item in closed_only] == [str(answered.pk)]
    by_code = client.get_service_requests(service_code="perhevalmennus-vauvavalo")
    by_code = by_code if isinstance(by_code, list) else [by_code]
    assert [str(item["service_request_id"]) for item in by_code] == [str(waiting.pk)]

    one = client.get_service_request(str(answered.pk))
    assert str(one["service_request_id"]) == str(answered.pk)
    assert (one["status"], one["status_notes"], one["agency_responsible"]) == (
        "closed",
        "Lisäsimme vuoron.",
        "Testilän neuvola",
    )
