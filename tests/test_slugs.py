import pytest

from kokeilu.accounts.models import Organisation, User
from kokeilu.core.slugs import unique_slug
from tests.factories import CityFactory, UserFactory


@pytest.mark.django_db
def test_taken_slugs_get_a_number_and_empty_text_a_fallback():
    CityFactory(name="Espoo", slug="espoo")
    CityFactory(name="Espoo 2", slug="espoo-2")
    assert unique_slug(Organisation.objects.all(), "slug", "Espoo") == "espoo-3"
    assert unique_slug(Organisation.objects.all(), "slug", "Vantaa") == "vantaa"
    assert unique_slug(Organisation.objects.all(), "slug", "!!!", fallback="organisation") == "organisation"
    UserFactory(username="maija")
    assert unique_slug(User.objects.all(), "username", "Maija", separator="") == "maija2"
