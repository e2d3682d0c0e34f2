"""A producer keeps its part of the catalogue up to date through the pages: a new service, a location with
weekly hours and a holiday exception, a phone line; a city manager adds a producer."""

from datetime import date, time

import pytest
from django.urls import reverse

from kokeilu.catalogue.models import MIDNIGHT, Producer, Service, ServiceLocation

pytestmark = pytest.mark.django_db


def test_a_company_builds_a_service_with_location_hours_and_phone(client_for, catalogue, company_member):
    client = client_for(company_member)
    home = client.get(reverse("catalogue:manage"))
    assert home.status_code == 200
    assert "Vauvavalo Oy" in home.content.decode() and "Testilän neuvola" not in home.content.decode()
    assert 'action="/fi/services/manage/import/"' not in home.content.decode()  # import is for city managers

    response = client.post(
        reverse("catalogue:service_create"),
        {
            "producer": catalogue.company.pk,
            "name_fi": "Imetysohjaus",
            "name_sv": "Amningsrådgivning",
            "name_en": "Breastfeeding advice",
            "summary_fi": "Kotikäynti.",
            "life_situations": [catalogue.company_service.life_situations.get().pk],
            "languages": ["fi", "sv"],
            "price_type": "fee",
            "price_amount": "95,00",
            "is_published": "on",
        },
    )
    service = Service.objects.get(name_fi="Imetysohjaus")
    assert response.status_code == 302 and response["Location"] == reverse(
        "catalogue:service_edit", kwargs={"code": service.code}
    )
    assert (service.producer, str(service.price_amount), service.language_codes) == (
        catalogue.company,
        "95.00",
        ["fi", "sv"],
    )

    response = client.post(
        reverse("catalogue:location_create", kwargs={"producer_pk": catalogue.company.pk}),
        {
            "name_fi": "Vauvavalo Leppävaara",
            "street_address_fi": "Leppävaarankatu 3",
            "postal_code": "02600",
            "post_office_fi": "Espoo",
            "latitude": "60,219",
            "longitude": "24,813",
            "closed_on_public_holidays": "on",
            "services": [service.pk],
        },
    )
    location = ServiceLocation.objects.get(name_fi="Vauvavalo Leppävaara")
    assert response["Location"] == reverse("catalogue:location_edit", kwargs={"pk": location.pk})
    assert list(location.services.all()) == [service]

    edit_url = reverse("catalogue:location_edit", kwargs={"pk": location.pk})
    hours = {f"hours-weekday_{day}": "08:00–12:00, 13:00-16.30" for day in range(5)}
    response = client.post(edit_url, {"action": "hours", **hours, "hours-weekday_5": "20:00–24:00"})
    assert response.status_code == 302
    assert sorted(location.opening_hours.values_list("weekday", "opens", "closes"))[:2] == [
        (0, time(8), time(12)),
        (0, time(13), time(16, 30)),
    ]
    assert location.opening_hours.get(weekday=5).closes == MIDNIGHT
    bad = client.post(edit_url, {"action": "hours", "hours-weekday_0": "kahdeksasta neljään"})
    assert bad.status_code == 200 and 'id="id_hours-weekday_0_error"' in bad.content.decode()
    assert location.opening_hours.filter(weekday=0).count() == 2  # unchanged

    response = client.post(
        edit_url,
        {
            "action": "exception",
            "exception-date_from": "2026-12-24",
            "exception-date_to": "2026-12-26",
            "exception-is_closed": "on",
        },
    )
    assert response.status_code == 302
    exception = location.opening_exceptions.get()
    assert (exception.date_from, exception.date_to, exception.is_closed) == (
        date(2026, 12, 24),
        date(2026, 12, 26),
        True,
    )
    client.post(reverse("catalogue:exception_delete", kwargs={"pk": exception.pk}))
    assert not location.opening_exceptions.exists()

    response = client.post(
        reverse("catalogue:channel_add", kwargs={"code": service.code}),
        {
            "channel-kind": "phone",
            "channel-name_fi": "Ajanvaraus",
            "channel-phone_number": "+358 50 000 4004",
            "channel-position": "0",
        },
    )
    assert response.status_code == 302
    assert service.channels.get().phone_number == "+358 50 000 4004"

    page = client.get(reverse("catalogue:detail", kwargs={"code": service.code})).content.decode()
    assert "Vauvavalo Leppävaara" in page and "13:00–16:30" in page and "+358 50 000 4004" in page


def test_a_city_manager_adds_a_producer(client_for, city, code_lists, programme_manager):
    client = client_for(programme_manager)
    response = client.post(
        reverse("catalogue:producer_create"),
        {"city": city.pk, "name": "Kaksosperheet ry", "kind": "association", "response_target_days": "14"},
    )
    producer = Producer.objects.get(organisation__name="Kaksosperheet ry")
    assert response["Location"] == reverse("catalogue:producer_edit", kwargs={"pk": producer.pk})
    assert (producer.sector, producer.response_target_days, producer.city) == ("third", 14, city)
    assert client.get(reverse("catalogue:manage")).status_code == 200


def test_people_without_a_producer_have_no_manage_pages(client_for, catalogue, applicant, reviewer):
    for user in (applicant, reviewer):
        client = client_for(user)
        for name in (
            "catalogue:manage",
            "catalogue:service_create",
            "catalogue:export",
            "catalogue:producer_create",
        ):
            assert client.get(reverse(name)).status_code == 404, (user, name)
