import pytest

from kokeilu.methods import services
from kokeilu.methods.models import Method


@pytest.fixture
def builtin(db):
    """The built-in methods created by the data migration, by slug."""
    return {method.slug: method for method in Method.objects.filter(city__isnull=True)}


@pytest.fixture
def city_method(city, programme_manager):
    return services.method_create(
        created_by=programme_manager,
        city=city,
        name_fi="Kävelykierros",
        name_en="Walkabout",
        description_fi="Kierretään palvelutori asiakkaan kanssa.",
    )


@pytest.fixture
def other_city_method(other_city, other_city_manager):
    return services.method_create(
        created_by=other_city_manager,
        city=other_city,
        name_fi="Kahvikeskustelu",
        description_fi="Jutellaan kahvin äärellä.",
    )
