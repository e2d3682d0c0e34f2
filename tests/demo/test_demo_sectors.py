"""Every demo experiment is given a service sector (toimiala), so the library's sector filter has something
to show in the demo."""

from kokeilu.demo.experiments import KOESTAMO_TEXTS, STAFF_SECTORS, STAFF_TRANSLATIONS
from kokeilu.experiments.models import ServiceSector


def test_each_demo_experiment_has_a_sector():
    assert KOESTAMO_TEXTS["sector"] in ServiceSector.values
    assert set(STAFF_SECTORS) == set(STAFF_TRANSLATIONS)
    assert set(STAFF_SECTORS.values()) <= set(ServiceSector.values)
    # The demo shows more than one sector, so filtering by one narrows the library.
    assert len(set(STAFF_SECTORS.values())) >= 4
