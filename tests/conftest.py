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
    ExperimentFactory,
    ExperimentMemberFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantGroupFactory,
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


# --- The experiment workspace ---------------------------------------------------------------------------
# `experiment` is a running staff experiment of `city` that `programme_manager` manages. Its people:
# `experiment_lead`, `team_member`, `partner_member`, `tester` (in `testers_group`) and `other_tester`
# (in no group). `applicant` has no role in it (an outsider); `other_city_manager` manages another city.


@pytest.fixture
def experiment(city):
    return ExperimentFactory(
        city=city, slug="koestamo", title_fi="Koestamo", title_en="Koestamo test lab", is_public=False
    )


@pytest.fixture
def experiment_lead(experiment):
    user = _person("experiment_lead", last_name="Vetäjä")
    ExperimentMemberFactory(experiment=experiment, user=user, role="lead")
    return user


@pytest.fixture
def team_member(experiment):
    user = _person("team_member", last_name="Tiimiläinen")
    ExperimentMemberFactory(experiment=experiment, user=user, role="team")
    return user


@pytest.fixture
def partner_member(experiment):
    user = _person("partner_member", last_name="Kumppani")
    ExperimentMemberFactory(experiment=experiment, user=user, role="partner")
    return user


@pytest.fixture
def testers_group(experiment):
    return ParticipantGroupFactory(experiment=experiment, name_fi="Testaajat", name_en="Testers")


@pytest.fixture
def tester(experiment, testers_group):
    user = _person("tester", last_name="Testaaja")
    member = ExperimentMemberFactory(experiment=experiment, user=user, role="tester")
    testers_group.members.add(member)
    return user


@pytest.fixture
def other_tester(experiment):
    user = _person("other_tester", last_name="Toinen-Testaaja")
    ExperimentMemberFactory(experiment=experiment, user=user, role="tester")
    return user


# Every persona a workspace permission matrix covers, by name (use with request.getfixturevalue).
WORKSPACE_PERSONAS = (
    "anonymous",
    "applicant",
    "other_city_manager",
    "other_tester",
    "tester",
    "partner_member",
    "team_member",
    "experiment_lead",
    "programme_manager",
    "site_admin",
)


@pytest.fixture
def workspace_persona(request):
    """`workspace_persona("tester")` returns that persona's user (None for "anonymous")."""

    def get(name: str):
        return None if name == "anonymous" else request.getfixturevalue(name)

    return get
