"""Life situations mapped to the national life-event classification of PTV (ptvl KE1 … KE14)."""

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction

from kokeilu.catalogue.models import LifeSituation, Service
from kokeilu.catalogue.national import (
    broader_life_event_uri,
    life_event_code,
    life_event_uri,
    normalise_life_event_uri,
)
from kokeilu.catalogue.ptv import ptv_export, ptv_import, services_for_export

SAMPLE = Path(__file__).parent / "data" / "ptv_sample.json"
KE = "http://urn.fi/URN:NBN:fi:au:ptvl:"


def test_codes_and_uris_are_read_in_every_written_form():
    assert life_event_uri("KE4.1") == KE + "KE4.1"
    assert life_event_code(KE + "KE10") == "KE10"
    assert life_event_code("https://urn.fi/URN:NBN:fi:au:ptvl:KE4.2") == "KE4.2"
    assert life_event_code(" ke7 ") == "KE7"
    assert life_event_code("child-is-born") == ""
    assert life_event_code(KE + "KR1") == ""
    assert normalise_life_event_uri("https://urn.fi/URN:NBN:fi:au:ptvl:KE4.2") == KE + "KE4.2"
    assert broader_life_event_uri(KE + "KE4.2") == KE + "KE4"
    assert broader_life_event_uri(KE + "KE4") == ""
    with pytest.raises(ValueError):
        life_event_uri("KE100")


@pytest.mark.django_db
def test_every_seeded_life_situation_names_its_own_national_item(code_lists):
    uris = dict(LifeSituation.objects.values_list("code", "uri"))
    assert len(uris) == 17
    # Disability has no item of its own in the national list (KE12 is rehabilitation).
    assert uris.pop("disability") == ""
    assert all(uri.startswith(KE + "KE") for uri in uris.values())
    assert len(set(uris.values())) == len(uris)
    assert uris["moving"] == KE + "KE4"
    assert uris["military-service"] == KE + "KE2"
    assert uris["rehabilitation"] == KE + "KE12"
    assert LifeSituation.objects.get(code="moving-to-finland").national_code == "KE4.1"


@pytest.mark.django_db
def test_the_backfill_keeps_a_uri_a_city_recorded_and_reverses_only_its_own(code_lists):
    migration = importlib.import_module(
        "kokeilu.catalogue.migrations.0005_life_situation_national_uri_backfill"
    )
    LifeSituation.objects.filter(code="youth").update(uri=KE + "KE4.2")
    migration.empty(django_apps, None)
    assert dict(LifeSituation.objects.exclude(uri="").values_list("code", "uri")) == {
        "youth": KE + "KE4.2",
        "military-service": KE + "KE2",  # written by 0008, not by 0005
        "rehabilitation": KE + "KE12",
    }
    migration.fill(django_apps, None)
    assert LifeSituation.objects.get(code="youth").uri == KE + "KE4.2"
    assert LifeSituation.objects.get(code="moving").uri == KE + "KE4"
    # KE12 is taken by rehabilitation, so the old pairing does not come back.
    assert LifeSituation.objects.get(code="disability").uri == ""


@pytest.mark.django_db
def test_the_correction_moves_ke12_to_rehabilitation_and_keeps_a_citys_choice(code_lists):
    migration = importlib.import_module(
        "kokeilu.catalogue.migrations.0008_life_situations_checked_national_items"
    )
    migration.restore(django_apps, None)
    assert not LifeSituation.objects.filter(code__in=["military-service", "rehabilitation"]).exists()
    assert LifeSituation.objects.get(code="disability").uri == KE + "KE12"

    migration.correct(django_apps, None)
    assert LifeSituation.objects.get(code="disability").uri == ""
    assert LifeSituation.objects.get(code="rehabilitation").uri == KE + "KE12"
    assert LifeSituation.objects.get(code="military-service").name_sv == "Värnplikt"

    # A city that already made a "rehabilitation" situation keeps its own names.
    LifeSituation.objects.filter(code="rehabilitation").update(name_fi="Kuntoutuspalvelut")
    migration.correct(django_apps, None)
    assert LifeSituation.objects.get(code="rehabilitation").name_fi == "Kuntoutuspalvelut"
    assert LifeSituation.objects.filter(uri=KE + "KE12").count() == 1


@pytest.mark.django_db
def test_the_database_refuses_other_uris_and_a_uri_named_twice(code_lists):
    with pytest.raises(IntegrityError), transaction.atomic():
        LifeSituation.objects.filter(code="moving").update(uri="http://example.test/moving")
    with pytest.raises(IntegrityError), transaction.atomic():
        LifeSituation.objects.filter(code="moving").update(uri=KE + "KE1")


def _with_life_events(items: list[dict]) -> dict:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["services"][0]["lifeEvents"] = items
    return data


@pytest.mark.django_db
def test_import_accepts_national_uris_codes_and_sub_items(city, code_lists, programme_manager):
    data = _with_life_events(
        [
            {"uri": "https://urn.fi/URN:NBN:fi:au:ptvl:KE1", "code": "KE1"},
            {"code": "KE14"},
            # An item without a situation of its own finds the one recorded for the item it belongs to.
            {"uri": KE + "KE4.3"},
            {"uri": KE + "KE2", "name": [{"language": "fi", "value": "Asevelvollisuus"}]},
            # An item no situation names is reported, not dropped silently.
            {"uri": KE + "KE99", "name": [{"language": "fi", "value": "Tuntematon tilanne"}]},
        ]
    )
    result = ptv_import(city=city, data=data, imported_by=programme_manager)
    service = Service.objects.get(code="kotikatilo-synnytyksen-jalkeen")
    assert sorted(service.life_situations.values_list("code", flat=True)) == [
        "child-is-born",
        "death-of-a-close-one",
        "military-service",
        "moving",
    ]
    assert [warning for warning in result.warnings if "Tuntematon tilanne" in warning]
    assert not [warning for warning in result.warnings if "Asevelvollisuus" in warning]


@pytest.mark.django_db
def test_export_names_life_events_nationally_and_reads_back(catalogue, programme_manager, city):
    exported = ptv_export(services=services_for_export(Service.objects.filter(pk=catalogue.unit_service.pk)))
    [service] = exported["services"]
    assert service["lifeEvents"] == [
        {
            "code": "KE1",
            "uri": KE + "KE1",
            "kokeiluCode": "child-is-born",
            "name": [
                {"language": "fi", "value": "Lapsi syntyy"},
                {"language": "sv", "value": "Ett barn föds"},
                {"language": "en", "value": "A child is born"},
            ],
        }
    ]
