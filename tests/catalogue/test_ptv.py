"""Import and export in the shape of the national service catalogue (PTV), from and to a file."""

import copy
import io
import json
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from kokeilu.catalogue.models import MIDNIGHT, ContactChannel, Producer, Service, ServiceLocation
from kokeilu.catalogue.ptv import ptv_export, ptv_import, services_for_export
from kokeilu.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "data" / "ptv_sample.json"


def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def counts() -> tuple[int, ...]:
    return (
        Producer.objects.count(),
        Service.objects.count(),
        ServiceLocation.objects.count(),
        ContactChannel.objects.count(),
    )


def test_a_ptv_file_becomes_producers_services_locations_hours_and_channels(
    city, code_lists, programme_manager
):
    result = ptv_import(city=city, data=sample(), imported_by=programme_manager)

    assert dict(result.created) == {"producer": 1, "service": 1, "location": 1, "channel": 2}
    producer = Producer.objects.get(organisation__name="Kotikätilöt Oy")
    assert (producer.sector, producer.city, producer.organisation.business_id) == (
        "private",
        city,
        "0000003-5",
    )
    service = Service.objects.get(code="kotikatilo-synnytyksen-jalkeen")
    assert service.producer == producer
    assert (service.name_fi, service.name_sv, service.name_en) == (
        "Kätilön kotikäynti synnytyksen jälkeen",
        "Barnmorskans hembesök efter förlossningen",
        "Midwife home visit after the birth",
    )
    assert service.summary_fi == "Kätilö tulee kotiin ensimmäisellä viikolla."
    assert (service.price_type, service.price_amount, service.price_info_fi) == (
        "fee",
        Decimal("35.50"),
        "35,50 € / käynti",
    )
    assert service.language_codes == ["fi", "sv"]  # "xx" is no language
    assert [item.code for item in service.life_situations.all()] == ["child-is-born"]
    assert [item.code for item in service.target_groups.all()] == [
        "families-with-children"
    ]  # by its Finnish name
    assert [item.code for item in service.service_classes.all()] == ["family-services"]
    assert service.is_published
    assert any("Tuntematon elämäntilanne" in warning for warning in result.warnings)
    assert any("PrintableForm" in warning for warning in result.warnings)

    location = ServiceLocation.objects.get()
    assert (location.street_address_fi, location.street_address_sv, location.postal_code) == (
        "Leppävaarankatu 3",
        "Alberga gata 3",
        "02600",
    )
    assert (location.latitude, location.longitude) == (Decimal("60.219000"), Decimal("24.813000"))
    assert list(location.services.all()) == [service]
    hours = sorted(location.opening_hours.values_list("weekday", "opens", "closes"))
    assert hours == [
        *[(day, time(8), time(16)) for day in range(5)],
        (5, time(22), MIDNIGHT),  # Saturday 22–02 is split at midnight
        (6, MIDNIGHT, time(2)),
    ]
    exceptions = sorted(
        location.opening_exceptions.values_list("date_from", "date_to", "is_closed", "opens", "closes")
    )
    assert exceptions == [
        (date(2026, 12, 24), date(2026, 12, 26), True, None, None),
        (date(2026, 12, 31), date(2026, 12, 31), False, time(10), time(14)),
    ]
    channels = {channel.kind: channel for channel in service.channels.all()}
    assert channels["phone"].phone_number == "+358 50 000 3003"
    assert (channels["phone"].phone_charge, channels["phone"].hours_fi) == ("chargeable", "ma–pe 9–15")
    assert channels["e_service"].url == "https://kotikatilot.example.test/varaa"


def test_importing_the_same_file_again_updates_instead_of_duplicating(city, code_lists, programme_manager):
    ptv_import(city=city, data=sample(), imported_by=programme_manager)
    before = counts()
    changed = sample()
    changed["services"][0]["serviceNames"][0]["value"] = "Kätilön kotikäynti"
    result = ptv_import(city=city, data=changed, imported_by=programme_manager)
    assert counts() == before
    assert dict(result.created) == {}
    assert (
        result.updated["service"] == 1 and result.updated["location"] == 1 and result.updated["channel"] == 2
    )
    assert Service.objects.get(code="kotikatilo-synnytyksen-jalkeen").name_fi == "Kätilön kotikäynti"


def _normalised(document: dict) -> dict:
    """The export without what differs between two loads of the same content: identifiers and times."""
    document = copy.deepcopy(document)
    text = json.dumps(document, sort_keys=True)
    for key in ("id", "sourceId", "organizationId", "modified"):
        text = text.replace(f'"{key}": ', f'"{key}_": ')
    cleaned = json.loads(text)

    def strip(value):  # type: ignore[no-untyped-def]
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if not k.endswith("_")}
        if isinstance(value, list):
            return sorted((strip(v) for v in value), key=lambda item: json.dumps(item, sort_keys=True))
        return value

    return strip(cleaned)


def test_export_then_import_reproduces_the_catalogue(catalogue, catalogue_admin, programme_manager):
    from kokeilu.catalogue import services

    services.channel_save(
        service=catalogue.company_service, saved_by=catalogue_admin, kind="phone", name_fi="Puhelin",
        phone_number="+358 50 000 1234", phone_charge="free", hours_fi="ma–pe 9–12",
    )  # fmt: skip
    services.opening_exception_add(
        location=catalogue.unit_location,
        added_by=catalogue_admin,
        date_from=date(2026, 12, 24),
        description_fi="Aatto",
    )
    exported = ptv_export(services=services_for_export(Service.objects.filter(producer__city=catalogue.city)))
    # Exporting and importing into the same installation updates every row and creates none.
    before = counts()
    result = ptv_import(city=catalogue.city, data=exported, imported_by=programme_manager)
    assert counts() == before and dict(result.created) == {}
    # From an empty catalogue, the file brings back the same content.
    ContactChannel.objects.all().delete()
    ServiceLocation.objects.all().delete()
    Service.objects.all().delete()
    ptv_import(city=catalogue.city, data=exported, imported_by=programme_manager)
    assert counts() == before
    again = ptv_export(services=services_for_export(Service.objects.filter(producer__city=catalogue.city)))
    assert _normalised(again) == _normalised(exported)
    company_service = Service.objects.get(code="perhevalmennus-vauvavalo")
    assert company_service.price_amount == Decimal("120.00")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data["services"][0].update(serviceNames=[]), "services[0].serviceNames"),
        (lambda data: data["services"][0].update(organizations=[]), "services[0].organizations"),
        (
            lambda data: data["serviceChannels"][0]["addresses"][0]["streetAddress"].update(latitude="north"),
            "latitude",
        ),
        (
            lambda data: data["serviceChannels"][0]["serviceHours"][0]["openingHour"][0].update(
                dayFrom="Maanantai"
            ),
            "dayFrom",
        ),
        (
            lambda data: data["serviceChannels"][0]["serviceHours"][0]["openingHour"][0].update(to="25:00"),
            "25:00",
        ),
        (lambda data: data.update(services="many"), "services"),
    ],
)
def test_an_error_names_its_place_and_nothing_is_saved(city, code_lists, programme_manager, change, message):
    data = sample()
    change(data)
    before = counts()
    with pytest.raises(ApplicationError) as refused:
        ptv_import(city=city, data=data, imported_by=programme_manager)
    assert message in str(refused.value.message)
    assert counts() == before


def test_the_commands_write_and_read_a_file(catalogue, programme_manager, tmp_path):
    target = tmp_path / "catalogue.json"
    call_command(
        "catalogue_export_ptv", "--city", catalogue.city.slug, "--output", str(target), stdout=io.StringIO()
    )
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(service["sourceId"] for service in exported["services"]) == [
        "neuvola-testila",
        "perhekahvila-perhekerho",
        "perhevalmennus-vauvavalo",
    ]
    output = io.StringIO()
    with translation.override("en"):
        call_command(
            "catalogue_import_ptv",
            *(str(target), "--city", catalogue.city.slug, "--as", programme_manager.username),
            stdout=output,
        )
    assert "services: 0 new, 3 updated" in output.getvalue()


def test_managers_upload_and_download_on_the_manage_page(client_for, city, code_lists, programme_manager):
    client = client_for(programme_manager)
    upload = SimpleUploadedFile("ptv.json", SAMPLE.read_bytes(), content_type="application/json")
    response = client.post(reverse("catalogue:import"), {"city": city.pk, "file": upload})
    assert response.status_code == 302
    assert Service.objects.filter(code="kotikatilo-synnytyksen-jalkeen").exists()
    download = client.get(reverse("catalogue:export"))
    assert download["Content-Type"] == "application/json; charset=utf-8"
    assert [service["sourceId"] for service in json.loads(download.content)["services"]] == [
        "kotikatilo-synnytyksen-jalkeen"
    ]
    broken = SimpleUploadedFile("ptv.json", b"{not json", content_type="application/json")
    response = client.post("/en/services/manage/import/", {"city": city.pk, "file": broken})
    assert response.status_code == 200
    assert "The file is not JSON" in response.content.decode()


def test_the_published_catalogue_is_open_data(client, catalogue, catalogue_admin):
    from kokeilu.catalogue import services

    services.service_update(service=catalogue.unit_service, updated_by=catalogue_admin, is_published=False)
    response = client.get(reverse("catalogue:open_data", kwargs={"city_slug": catalogue.city.slug}))
    assert response.status_code == 200
    codes = sorted(service["sourceId"] for service in json.loads(response.content)["services"])
    assert codes == ["perhekahvila-perhekerho", "perhevalmennus-vauvavalo"]
