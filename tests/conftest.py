"""Named personas shared by every test.

`city` is the programme's city (Espoo-like); `other_city` is a second tenant on the same installation.
Personas are people in fixed roles; tests ask for them by name.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from kokeilu.accounts.models import OrganisationKind, Role

from .factories import (
    CallFactory,
    CityFactory,
    CriterionFactory,
    MembershipFactory,
    OrganisationFactory,
    PlatformFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Finnish) with an empty cache, whatever ran before."""
    translation.activate("fi")
    cache.clear()
    yield
    translation.deactivate()


@pytest.fixture
def city(db):
    return CityFactory(name="Espoo", slug="espoo")


@pytest.fixture
def other_city(db):
    return CityFactory(name="Helsinki", slug="helsinki")


@pytest.fixture
def city_unit(city):
    return OrganisationFactory(kind=OrganisationKind.CITY_UNIT, name="Iso Omenan palvelutori", city=city)


@pytest.fixture
def platform(city):
    return PlatformFactory(city=city, name_fi="Iso Omenan palvelutori", slug="iso-omena")


@pytest.fixture
def call(platform):
    """An open call with two weighted criteria."""
    call = CallFactory(platform=platform)
    CriterionFactory(call=call, weight=2, name_fi="Vaikuttavuus", name_en="Impact", position=1)
    CriterionFactory(call=call, weight=1, name_fi="Toteutettavuus", name_en="Feasibility", position=2)
    return call


def _person(username: str, **kwargs):
    return UserFactory(username=username, first_name=kwargs.pop("first_name", "Testi"), **kwargs)


@pytest.fixture
def programme_manager(city):
    user = _person("programme_manager", last_name="Ohjelmapäällikkö")
    MembershipFactory(user=user, organisation=city, role=Role.PROGRAMME_MANAGER)
    return user


@pytest.fixture
def reviewer(city):
    user = _person("reviewer", last_name="Arvioija")
    MembershipFactory(user=user, organisation=city, role=Role.REVIEWER)
    return user


@pytest.fixture
def second_reviewer(city):
    user = _person("second_reviewer", last_name="Toinen-Arvioija")
    MembershipFactory(user=user, organisation=city, role=Role.REVIEWER)
    return user


@pytest.fixture
def applicant(db):
    return _person("applicant", last_name="Hakija")


@pytest.fixture
def other_applicant(db):
    return _person("other_applicant", last_name="Muu-Hakija")


@pytest.fixture
def other_city_manager(other_city):
    user = _person("other_city_manager", last_name="Helsinkiläinen")
    MembershipFactory(user=user, organisation=other_city, role=Role.PROGRAMME_MANAGER)
    return user


@pytest.fixture
def site_admin(db):
    return _person("site_admin", last_name="Ylläpitäjä", is_superuser=True, is_staff=True)


@pytest.fixture
def resident_client() -> Client:
    """An anonymous visitor."""
    return Client()


@pytest.fixture
def client_for():
    """Log a persona in: `client_for(applicant)` returns a Django test client with their session."""

    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
