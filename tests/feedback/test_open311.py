"""Every Open311 GeoReport v2 endpoint, in XML and JSON, against the examples of the specification
(http://wiki.open311.org/GeoReport_v2): the same elements in the same order, the same types, the same
status codes and error lists."""

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from kokeilu.feedback import services
from kokeilu.feedback.models import Feedback

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"
FORMATS = ["json", "xml"]

# Field names in the order the specification's examples give them.
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
ATTRIBUTE_FIELDS = [
    "variable", "code", "datatype", "required", "datatype_description", "order", "description", "values",
]  # fmt: skip
REQUEST_FIELDS = [
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
]  # fmt: skip
# The specification's example POST, with our service code, attribute and example.test addresses.
EXAMPLE_POST = {
    "lat": "37.76524078",
    "long": "-122.4212043",
    "address_string": "1234 5th street",
    "email": "smit333@example.test",
    "device_id": "tt222111",
    "account_id": "123456",
    "first_name": "john",
    "last_name": "smith",
    "phone": "111111111",
    "description": "A large sinkhole is destroying the street",
    "media_url": "http://media.example.test/2212426634_5ed477a060.jpg",
    "attribute[KIND]": "complaint",
    "attribute[SATISFACTION]": "2",
}


def parse(response, fmt):  # type: ignore[no-untyped-def]
    """The body as the Spark convention maps it: XML → (root tag, children)."""
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        return json.loads(response.content)
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def xml_children(element: ET.Element) -> list[str]:
    return [child.tag for child in element]


def errors_of(response, fmt):  # type: ignore[no-untyped-def]
    body = parse(response, fmt)
    if fmt == "json":
        assert all(list(item) == ["code", "description"] for item in body)
        return [(item["code"], item["description"]) for item in body]
    assert body.tag == "errors"
    assert all(xml_children(error) == ["code", "description"] for error in body)
    return [(int(error.findtext("code")), error.findtext("description")) for error in body]


def post(fmt: str, **fields: str):  # type: ignore[no-untyped-def]
    return Client().post(f"{BASE}/requests.{fmt}", fields)


@pytest.fixture
def answered(catalogue, unit_member):
    """One closed item with an answer, one open item; both on the unit's service."""
    closed = services.feedback_submit(
        service=catalogue.unit_service, kind="complaint", channel="web", description="Jono oli pitkä.",
        place=services.Place(location=catalogue.unit_location),
    )  # fmt: skip
    services.feedback_handle(
        feedback=closed, handled_by=unit_member, public_answer="Lisäsimme vuoron.", state="resolved"
    )
    open_item = services.feedback_submit(
        service=catalogue.company_service, kind="idea", channel="web", description="Iltaryhmä?"
    )
    return closed, open_item


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery(client, catalogue, fmt):
    response = client.get(f"{BASE}/discovery.{fmt}")
    assert response.status_code == 200
    body = parse(response, fmt)
    if fmt == "xml":
        assert body.tag == "discovery"
        assert xml_children(body) == ["changeset", "contact", "key_service", "endpoints"]
        endpoint = body.find("endpoints/endpoint")
        assert xml_children(endpoint) == ["specification", "url", "changeset", "type", "formats"]
        assert [item.text for item in endpoint.findall("formats/format")] == ["text/xml", "application/json"]
        assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint.findtext("url") == "http://testserver/open311/v2"
        changeset = body.findtext("changeset")
    else:
        assert list(body) == ["changeset", "contact", "key_service", "endpoints"]
        (endpoint,) = body["endpoints"]
        assert endpoint == {
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": "http://testserver/open311/v2",
            "changeset": body["changeset"],
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }
        changeset = body["changeset"]
    # w3 format with the offset; the latest change of a published service.
    assert datetime.fromisoformat(changeset) == catalogue.association_service.updated_at.replace(
        microsecond=0
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_list(client, catalogue, fmt):
    response = client.get(f"{BASE}/services.{fmt}")
    assert response.status_code == 200
    body = parse(response, fmt)
    if fmt == "xml":
        assert body.tag == "services"
        entries = [{child.tag: child.text for child in service} for service in body.findall("service")]
        assert all(xml_children(service) == SERVICE_FIELDS for service in body)
        assert {entry["metadata"] for entry in entries} == {"true"}
    else:
        entries = body
        assert all(list(entry) == SERVICE_FIELDS for entry in entries)
        assert {entry["metadata"] for entry in entries} == {True}
    assert [entry["service_code"] for entry in entries] == [
        "neuvola-testila",
        "perhekahvila-perhekerho",
        "perhevalmennus-vauvavalo",
    ]
    first = entries[0]
    assert (first["service_name"], first["type"], first["group"]) == (
        "Äitiysneuvola",
        "realtime",
        "Perheiden palvelut",
    )
    assert first["description"] == "Äitiysneuvola vauvaperheille."
    assert first["keywords"] == "Lapsi syntyy"


def test_service_list_speaks_the_requested_language_and_filters_by_jurisdiction(
    client, catalogue, other_city
):
    english = json.loads(client.get(f"{BASE}/services.json", {"locale": "en"}).content)
    assert english[0]["service_name"] == "Maternity clinic"
    assert json.loads(client.get(f"{BASE}/services.json", {"jurisdiction_id": "helsinki"}).content) == []
    assert len(json.loads(client.get(f"{BASE}/services.json", {"jurisdiction_id": "espoo"}).content)) == 3
    # "Optional" means an empty parameter is the same as none.
    assert len(json.loads(client.get(f"{BASE}/services.json", {"jurisdiction_id": ""}).content)) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition(client, catalogue, fmt):
    response = client.get(f"{BASE}/services/neuvola-testila.{fmt}")
    assert response.status_code == 200
    body = parse(response, fmt)
    if fmt == "xml":
        assert body.tag == "service_definition"
        assert xml_children(body) == ["service_code", "attributes"]
        attributes = body.findall("attributes/attribute")
        assert all(xml_children(attribute) == ATTRIBUTE_FIELDS for attribute in attributes)
        kind = attributes[0]
        assert (kind.findtext("code"), kind.findtext("datatype"), kind.findtext("required")) == (
            "KIND",
            "singlevaluelist",
            "true",
        )
        assert kind.find("datatype_description").text is None  # an empty element, null in JSON
        assert [xml_children(value) for value in kind.findall("values/value")] == [["key", "name"]] * 4
        assert [value.findtext("key") for value in attributes[1].findall("values/value")] == [
            "1",
            "2",
            "3",
            "4",
            "5",
        ]
    else:
        assert list(body) == ["service_code", "attributes"]
        assert body["service_code"] == "neuvola-testila"
        kind, satisfaction = body["attributes"]
        assert list(kind) == ATTRIBUTE_FIELDS
        assert kind["variable"] is True and kind["required"] is True and kind["order"] == 1
        assert kind["datatype_description"] is None
        assert [value["key"] for value in kind["values"]] == ["praise", "complaint", "idea", "question"]
        assert satisfaction["required"] is False and satisfaction["order"] == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_of_an_unknown_code_is_404(client, catalogue, catalogue_admin, fmt):
    response = client.get(f"{BASE}/services/no-such-service.{fmt}")
    assert response.status_code == 404
    ((code, description),) = errors_of(response, fmt)
    assert code == 404 and "service_code" in description


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_service_request_as_in_the_specification(catalogue, api_key, fmt):
    response = post(
        fmt, api_key=api_key, jurisdiction_id="espoo", service_code="neuvola-testila", **EXAMPLE_POST
    )
    assert response.status_code == 200
    feedback = Feedback.objects.get()
    body = parse(response, fmt)
    if fmt == "xml":
        assert body.tag == "service_requests"
        (request,) = body.findall("request")
        assert xml_children(request) == ["service_request_id", "service_notice", "account_id"]
        assert request.findtext("service_request_id") == str(feedback.pk)
        assert request.findtext("account_id") == "123456"
    else:
        assert body == [
            {
                "service_request_id": feedback.pk,
                "service_notice": body[0]["service_notice"],
                "account_id": "123456",
            }
        ]
    # Stored and routed to the service's producer.
    assert feedback.producer == catalogue.unit
    assert (feedback.kind, feedback.satisfaction, feedback.channel) == ("complaint", 2, "open311")
    assert (feedback.latitude, feedback.longitude) == (Decimal("37.765241"), Decimal("-122.421204"))
    assert (feedback.email, feedback.first_name, feedback.last_name) == (
        "smit333@example.test",
        "john",
        "smith",
    )
    assert (feedback.device_id, feedback.phone, feedback.address_string) == (
        "tt222111",
        "111111111",
        "1234 5th street",
    )
    assert feedback.media_url == "http://media.example.test/2212426634_5ed477a060.jpg"
    assert feedback.api_client.name == "Palauteappi"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("change", "status", "needle"),
    [
        ({"api_key": ""}, 403, "api_key"),
        (
            {"api_key": "0000.not-a-key"},
            403,
            "Invalid api_key received -- can't proceed with create_request.",
        ),
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "no-such-service"}, 404, "service_code"),
        ({"jurisdiction_id": "atlantis"}, 404, "jurisdiction_id"),
        ({"lat": "", "long": "", "address_string": ""}, 400, "location"),
        ({"lat": "north"}, 400, "lat"),
        ({"long": ""}, 400, "lat"),
        ({"description": "x" * 4001}, 400, "4,000"),
        ({"attribute[KIND]": ""}, 400, "attribute[KIND]"),
        ({"attribute[KIND]": "rant"}, 400, "attribute[KIND]"),
        ({"attribute[SATISFACTION]": "11"}, 400, "attribute[SATISFACTION]"),
        ({"email": "not an address"}, 400, "mail"),
        ({"media_url": "ftp://media.example.test/a.jpg"}, 400, "media_url"),
    ],
)
def test_post_errors(catalogue, api_key, fmt, change, status, needle):
    fields = {"api_key": api_key, "service_code": "neuvola-testila", "locale": "en", **EXAMPLE_POST, **change}
    response = post(fmt, **fields)
    assert response.status_code == status
    problems = errors_of(response, fmt)
    assert any(needle in description for _code, description in problems), problems
    assert {code for code, _description in problems} == {status}
    assert not Feedback.objects.exists()


def test_a_description_of_exactly_4000_characters_is_accepted(catalogue, api_key):
    response = post(
        "json", api_key=api_key, service_code="neuvola-testila", **{**EXAMPLE_POST, "description": "y" * 4000}
    )
    assert response.status_code == 200
    assert len(Feedback.objects.get().description) == 4000


def test_several_problems_are_listed_together(catalogue, api_key):
    response = post(
        "json",
        api_key=api_key,
        service_code="neuvola-testila",
        description="z" * 4001,
        **{"attribute[SATISFACTION]": "9"},
    )
    assert response.status_code == 400
    assert len(errors_of(response, "json")) == 4  # location, description, KIND, SATISFACTION


def test_a_deactivated_client_is_refused(catalogue, api_key):
    from kokeilu.feedback.models import ApiClient

    ApiClient.objects.update(is_active=False)
    response = post("json", api_key=api_key, service_code="neuvola-testila", **EXAMPLE_POST)
    assert response.status_code == 403


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_service_requests_as_in_the_specification(client, answered, fmt):
    closed, open_item = answered
    response = client.get(f"{BASE}/requests.{fmt}")
    assert response.status_code == 200
    body = parse(response, fmt)
    if fmt == "xml":
        assert body.tag == "service_requests"
        requests = [{child.tag: child.text for child in request} for request in body.findall("request")]
        assert all(xml_children(request) == REQUEST_FIELDS for request in body)
    else:
        requests = body
        assert all(list(request) == REQUEST_FIELDS for request in requests)
    assert [str(request["service_request_id"]) for request in requests] == [str(open_item.pk), str(closed.pk)]
    newest, oldest = requests
    assert (oldest["status"], oldest["status_notes"], oldest["service_code"]) == (
        "closed",
        "Lisäsimme vuoron.",
        "neuvola-testila",
    )
    assert (oldest["description"], oldest["agency_responsible"]) == ("Jono oli pitkä.", "Testilän neuvola")
    assert oldest["address"] == "Piispansilta 11, 02230 Espoo"
    requested = datetime.fromisoformat(oldest["requested_datetime"])
    assert requested == closed.requested_at.replace(microsecond=0)
    assert oldest["requested_datetime"].endswith(("+02:00", "+03:00"))  # Finnish time, with its offset
    assert datetime.fromisoformat(oldest["expected_datetime"]) - requested == timedelta(days=10)
    closed.refresh_from_db()
    assert datetime.fromisoformat(oldest["updated_datetime"]) == closed.closed_at.replace(microsecond=0)
    assert newest["status"] == "open"
    if fmt == "json":
        assert newest["status_notes"] is None and newest["lat"] is None and newest["media_url"] is None
        assert oldest["lat"] == 60.1613 and oldest["long"] == 24.7385
        assert isinstance(oldest["service_request_id"], int)
    else:
        assert newest["status_notes"] is None and newest["lat"] is None
        assert oldest["lat"] == "60.1613"


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_service_requests_filters(client, answered, fmt):
    closed, open_item = answered

    def ids(**params):  # type: ignore[no-untyped-def]
        response = client.get(f"{BASE}/requests.{fmt}", params)
        assert response.status_code == 200, response.content
        body = parse(response, fmt)
        if fmt == "xml":
            return sorted(int(request.findtext("service_request_id")) for request in body.findall("request"))
        return sorted(request["service_request_id"] for request in body)

    assert ids(status="open") == [open_item.pk]
    assert ids(status="closed") == [closed.pk]
    assert ids(status="open,closed") == sorted([closed.pk, open_item.pk])
    assert ids(service_code="perhevalmennus-vauvavalo") == [open_item.pk]
    assert ids(service_code="neuvola-testila,perhevalmennus-vauvavalo") == sorted([closed.pk, open_item.pk])
    # service_request_id overrides every other argument.
    assert ids(service_request_id=f"{closed.pk},{open_item.pk}", status="open") == sorted(
        [closed.pk, open_item.pk]
    )
    Feedback.objects.filter(pk=closed.pk).update(requested_at=timezone.now() - timedelta(days=120))
    assert ids() == [open_item.pk]  # the last 90 days by default
    assert ids(start_date=(timezone.now() - timedelta(days=130)).strftime("%Y-%m-%dT%H:%M:%SZ")) == [
        closed.pk
    ]
    window = {"start_date": "2026-01-01T00:00:00+02:00", "end_date": "2026-02-01T00:00:00Z"}
    assert ids(**window) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_service_requests_pages_newest_first(client, answered, fmt):
    closed, open_item = answered
    Feedback.objects.filter(pk=closed.pk).update(requested_at=timezone.now() - timedelta(days=2))

    def ids(**params):  # type: ignore[no-untyped-def]
        response = client.get(f"{BASE}/requests.{fmt}", params)
        assert response.status_code == 200, response.content
        body = parse(response, fmt)
        if fmt == "xml":
            return [int(request.findtext("service_request_id")) for request in body.findall("request")]
        return [request["service_request_id"] for request in body]

    assert ids() == [open_item.pk, closed.pk]
    assert ids(page_size="1") == [open_item.pk]
    assert ids(page_size="1", page="2") == [closed.pk]
    assert ids(page_size="1", page="3") == []
    assert ids(page="2") == []  # the default page holds up to 1,000


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "yesterday"},
        {"end_date": "2026-01-01T00:00:00"},  # no time zone
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},  # more than 90 days
        {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"status": "pending"},
        {"service_request_id": "12,abc"},
        {"page": "0"},
        {"page_size": "1001"},
        {"page_size": "ten"},
    ],
)
def test_get_service_requests_errors(client, catalogue, fmt, params):
    response = client.get(f"{BASE}/requests.{fmt}", params)
    assert response.status_code == 400
    assert [code for code, _description in errors_of(response, fmt)] == [400]


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_one_service_request(client, answered, fmt):
    closed, _open_item = answered
    response = client.get(f"{BASE}/requests/{closed.pk}.{fmt}")
    assert response.status_code == 200
    body = parse(response, fmt)
    if fmt == "xml":
        (request,) = body.findall("request")
        assert xml_children(request) == REQUEST_FIELDS
        assert request.findtext("status") == "closed"
    else:
        (request,) = body
        assert list(request) == REQUEST_FIELDS and request["service_request_id"] == closed.pk
    missing = client.get(f"{BASE}/requests/999999.{fmt}")
    assert missing.status_code == 404
    assert errors_of(missing, fmt)[0][0] == 404
    other_city = client.get(f"{BASE}/requests/{closed.pk}.{fmt}", {"jurisdiction_id": "helsinki"})
    assert other_city.status_code == 404  # helsinki is not a city here


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_request_id_from_a_token(client, answered, fmt):
    closed, _open_item = answered
    response = client.get(f"{BASE}/tokens/{closed.token}.{fmt}")
    assert response.status_code == 200
    body = parse(response, fmt)
    if fmt == "xml":
        (request,) = body.findall("request")
        assert xml_children(request) == ["service_request_id", "token"]
        assert (request.findtext("service_request_id"), request.findtext("token")) == (
            str(closed.pk),
            closed.token,
        )
    else:
        assert body == [{"service_request_id": closed.pk, "token": closed.token}]
    missing = client.get(f"{BASE}/tokens/nosuchtoken.{fmt}")
    assert missing.status_code == 404
    assert errors_of(missing, fmt)[0][0] == 404


def test_hidden_text_and_personal_details_never_leave_through_the_api(
    client, catalogue, api_key, unit_member
):
    post("json", api_key=api_key, service_code="neuvola-testila", **EXAMPLE_POST)
    feedback = Feedback.objects.get()
    services.feedback_handle(feedback=feedback, handled_by=unit_member, description_hidden=True)
    body = client.get(f"{BASE}/requests/{feedback.pk}.xml").content.decode()
    for private in ("smit333@example.test", "john", "smith", "111111111", "tt222111", "sinkhole"):
        assert private not in body


def test_unknown_formats_and_resources(client, catalogue):
    unknown_format = client.get(f"{BASE}/services.yaml")
    assert unknown_format.status_code == 400
    assert errors_of(unknown_format, "xml")[0][0] == 400
    unknown_resource = client.get(f"{BASE}/reports.xml")
    assert unknown_resource.status_code == 404
    assert errors_of(unknown_resource, "xml")[0][0] == 404


def test_clients_are_rate_limited_with_the_standard_error(catalogue, api_key, settings):
    settings.KOKEILU_FEEDBACK_RATE_LIMITS = {"open311": (2, 600)}
    statuses = [
        post("json", api_key=api_key, service_code="neuvola-testila", **EXAMPLE_POST).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 400]
    response = post("json", api_key=api_key, service_code="neuvola-testila", **EXAMPLE_POST)
    assert errors_of(response, "json")[0][0] == 429
    assert response["Retry-After"] == "600"
    assert Feedback.objects.count() == 2


def test_control_characters_a_client_sent_do_not_break_the_xml(client, catalogue, api_key):
    post(
        "json",
        api_key=api_key,
        service_code="neuvola-testila",
        **{**EXAMPLE_POST, "description": "Ääni\x07 & <meteli>"},
    )
    body = client.get(f"{BASE}/requests.xml").content
    (request,) = ET.fromstring(body).findall("request")
    assert request.findtext("description") == "Ääni & <meteli>"


def test_a_cached_list_of_requests_shows_new_and_handled_feedback_at_once(client, answered, unit_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    closed, open_item = answered
    url = f"{BASE}/requests.json"
    assert [item["service_request_id"] for item in parse(client.get(url), "json")] == [
        open_item.pk,
        closed.pk,
    ]
    with CaptureQueriesContext(connection) as repeated:
        client.get(url)
    assert len(repeated) == 1  # only the versions are read; the list comes from the cache
    newest = services.feedback_submit(
        service=closed.service, kind="idea", channel="web", description="Lisää aamuvuoroja."
    )
    assert [item["service_request_id"] for item in parse(client.get(url), "json")] == [
        newest.pk,
        open_item.pk,
        closed.pk,
    ]
    services.feedback_handle(
        feedback=newest, handled_by=unit_member, public_answer="Lisätään.", state="resolved"
    )
    first = parse(client.get(url), "json")[0]
    assert (first["status"], first["status_notes"]) == ("closed", "Lisätään.")
