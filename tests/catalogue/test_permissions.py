"""Who may change the catalogue: every persona × every producer, through the services and through the pages.

A producer's own people (members and programme managers of its organisation) change only its services;
the city's programme managers and site administrators change every producer's services in the city. A
role that is not about the catalogue (a reviewer, even of the company) gives nothing. Denied attempts leave
every row as it was.
"""

from datetime import time
from decimal import Decimal

import pytest
from django.urls import reverse

from kokeilu.catalogue import services
from kokeilu.catalogue.models import ContactChannel, OpeningHours, Producer, Service, ServiceLocation
from kokeilu.catalogue.ptv import ptv_import
from kokeilu.core.exceptions import PermissionDeniedError

pytestmark = pytest.mark.django_db

PERSONAS = [
    "applicant",  # signed in, no roles
    "reviewer",  # reviewer of the city
    "company_reviewer",  # reviewer role in the company: not a catalogue role
    "unit_member",
    "company_member",
    "association_member",
    "programme_manager",
    "other_city_manager",
    "site_admin",
]
PRODUCERS = ["unit", "company", "association"]
MAY_EDIT = {
    "unit_member": {"unit"},
    "company_member": {"company"},
    "association_member": {"association"},
    "programme_manager": set(PRODUCERS),
    "site_admin": set(PRODUCERS),
}
CITY_MANAGERS = {"programme_manager", "site_admin"}


def snapshot() -> tuple:
    return (
        sorted(
            Service.objects.values_list(
                "id", "name_fi", "is_published", "price_type", "price_amount", "languages"
            )
        ),
        sorted(ServiceLocation.objects.values_list("id", "name_fi", "latitude", "longitude")),
        sorted(OpeningHours.objects.values_list("location_id", "weekday", "opens", "closes")),
        sorted(ContactChannel.objects.values_list("id", "service_id", "kind", "url")),
        sorted(Producer.objects.values_list("id", "sector", "response_target_days")),
    )


@pytest.fixture
def people(request, catalogue):
    return {persona: request.getfixturevalue(persona) for persona in PERSONAS}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", PRODUCERS)
def test_service_writes_follow_the_producer_rule(people, catalogue, persona, target):
    user = people[persona]
    producer = getattr(catalogue, target)
    service = getattr(catalogue, f"{target}_service")
    location = getattr(catalogue, f"{target}_location")
    allowed = target in MAY_EDIT.get(persona, set())
    before = snapshot()
    attempts = [
        lambda: services.service_update(service=service, updated_by=user, name_fi="Uusi nimi"),
        lambda: services.service_create(created_by=user, producer=producer, name_fi="Uusi palvelu"),
        lambda: services.location_set_weekly_hours(
            location=location, updated_by=user, intervals={6: [(time(10), time(12))]}
        ),
        lambda: services.channel_save(
            service=service, saved_by=user, kind="web_page", name_fi="Sivut", url="https://example.test/"
        ),
        lambda: services.location_create(
            created_by=user,
            producer=producer,
            name_fi="Uusi paikka",
            street_address_fi="Katu 1",
            postal_code="02100",
            post_office_fi="Espoo",
            latitude=Decimal("60.2"),
            longitude=Decimal("24.8"),
        ),
    ]
    for attempt in attempts:
        if allowed:
            attempt()
        else:
            with pytest.raises(PermissionDeniedError):
                attempt()
    if allowed:
        service.refresh_from_db()
        assert service.name_fi == "Uusi nimi"
        assert Service.objects.filter(producer=producer, name_fi="Uusi palvelu").exists()
        assert location.opening_hours.filter(weekday=6).exists()
    else:
        assert snapshot() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_city_managers_add_producers_change_targets_and_import(people, catalogue, persona):
    user = people[persona]
    before = snapshot()
    may = persona in CITY_MANAGERS
    attempts = [
        lambda: services.producer_create(
            created_by=user, city=catalogue.city, name="Uusi Oy", kind="company"
        ),
        lambda: services.producer_update(
            producer=catalogue.company, updated_by=user, response_target_days=30
        ),
        lambda: ptv_import(city=catalogue.city, data={"services": []}, imported_by=user),
    ]
    for attempt in attempts:
        if may:
            attempt()
        else:
            with pytest.raises(PermissionDeniedError):
                attempt()
    if not may:
        assert snapshot() == before
    else:
        assert Producer.objects.filter(organisation__name="Uusi Oy", sector="private").exists()


def test_a_company_member_edits_its_description_but_not_its_answer_target(catalogue, company_member):
    services.producer_update(
        producer=catalogue.company, updated_by=company_member, description_fi="Uusi kuvaus"
    )
    with pytest.raises(PermissionDeniedError):
        services.producer_update(producer=catalogue.company, updated_by=company_member, sector="third")
    catalogue.company.refresh_from_db()
    assert (catalogue.company.description_fi, catalogue.company.sector) == ("Uusi kuvaus", "private")


LOGIN = "login"


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
@pytest.mark.parametrize("target", PRODUCERS)
def test_edit_pages_follow_the_same_rule(client_for, people, catalogue, persona, target):
    user = None if persona == "anonymous" else people[persona]
    client = client_for(user)
    service = getattr(catalogue, f"{target}_service")
    edit_url = reverse("catalogue:service_edit", kwargs={"code": service.code})
    before = snapshot()
    page = client.get(edit_url)
    response = client.post(
        edit_url,
        {
            "name_fi": "Muutettu",
            "languages": ["fi"],
            "price_type": "free",
            "is_published": "on",
        },
    )
    if persona == "anonymous":
        assert page.status_code == 302 and reverse("accounts:login") in page["Location"]
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
        assert snapshot() == before
    elif target in MAY_EDIT.get(persona, set()):
        assert page.status_code == 200
        assert response.status_code == 302, response.content.decode()[:2000]
        service.refresh_from_db()
        assert service.name_fi == "Muutettu"
    else:
        assert (page.status_code, response.status_code) == (404, 404)
        assert snapshot() == before


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
def test_unpublished_services_are_seen_only_by_their_editors(
    client_for, people, catalogue, catalogue_admin, persona
):
    services.service_update(service=catalogue.company_service, updated_by=catalogue_admin, is_published=False)
    user = None if persona == "anonymous" else people[persona]
    response = client_for(user).get(
        reverse("catalogue:detail", kwargs={"code": catalogue.company_service.code})
    )
    visible = "company" in MAY_EDIT.get(persona, set())
    assert response.status_code == (200 if visible else 404)
