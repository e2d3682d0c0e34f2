"""A small catalogue for the catalogue and feedback tests: Espoo with a city unit, a company and an
association producing services for "a child is born", and the people who work for each."""

import importlib
from dataclasses import dataclass
from datetime import time
from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from kokeilu.accounts.models import Organisation, OrganisationKind, Role, User
from kokeilu.catalogue import services as catalogue_services
from kokeilu.catalogue.models import (
    LifeSituation,
    Producer,
    Service,
    ServiceClass,
    ServiceLocation,
    TargetGroup,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

WEEKDAYS_8_TO_16 = {day: [(time(8), time(16))] for day in range(5)}


def seed_code_lists() -> None:
    """The data migration's rows (transactional tests flush them between tests)."""
    migration = importlib.import_module("kokeilu.catalogue.migrations.0002_seed_code_lists")
    migration.seed(django_apps, None)
    national = importlib.import_module(
        "kokeilu.catalogue.migrations.0005_life_situation_national_uri_backfill"
    )
    national.fill(django_apps, None)


@pytest.fixture
def code_lists(db):
    seed_code_lists()
    return {
        "child_is_born": LifeSituation.objects.get(code="child-is-born"),
        "moving": LifeSituation.objects.get(code="moving"),
        "families": TargetGroup.objects.get(code="families-with-children"),
        "family_services": ServiceClass.objects.get(code="family-services"),
    }


@dataclass
class Catalogue:
    city: Organisation
    unit: Producer
    company: Producer
    association: Producer
    unit_service: Service
    company_service: Service
    association_service: Service
    unit_location: ServiceLocation
    company_location: ServiceLocation
    association_location: ServiceLocation


def _member(username: str, organisation: Organisation, role: str = Role.MEMBER) -> User:
    user = UserFactory(username=username, first_name="Testi", last_name=username.replace("_", "-").title())
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def catalogue_admin(db) -> User:
    return UserFactory(username="catalogue_admin", is_superuser=True, is_staff=True)


@pytest.fixture
def catalogue(city, code_lists, catalogue_admin) -> Catalogue:
    """Three producers of Espoo, one service each for "a child is born", each at its own location open
    Monday to Friday 8–16. The company's service costs 120 €; the others are free."""
    unit_org = OrganisationFactory(
        kind=OrganisationKind.CITY_UNIT, name="Testilän neuvola", city=city, slug="testila-neuvola"
    )
    company_org = OrganisationFactory(kind=OrganisationKind.COMPANY, name="Vauvavalo Oy", slug="vauvavalo")
    association_org = OrganisationFactory(
        kind=OrganisationKind.ASSOCIATION, name="Perhekerho ry", slug="perhekerho"
    )
    producers = [
        catalogue_services.producer_create(created_by=catalogue_admin, city=city, organisation=org)
        for org in (unit_org, company_org, association_org)
    ]
    specs = [
        ("neuvola-testila", "Äitiysneuvola", "Mödrarådgivning", "Maternity clinic", None, ("fi", "sv", "en")),
        (
            "perhevalmennus-vauvavalo",
            "Perhevalmennus",
            "Familjeförberedelse",
            "Antenatal class",
            Decimal("120.00"),
            ("fi", "en"),
        ),
        ("perhekahvila-perhekerho", "Perhekahvila", "Familjekafé", "Family café", None, ("fi", "ru")),
    ]
    points = [
        ("Piispansilta 11", "60.161300", "24.738500"),
        ("Tapiontori 3", "60.175400", "24.805800"),
        ("Kivenlahdenkatu 1", "60.151000", "24.637000"),
    ]
    created_services, locations = [], []
    for producer, (code, fi, sv, en, price, languages), (street, latitude, longitude) in zip(
        producers, specs, points, strict=True
    ):
        service = catalogue_services.service_create(
            created_by=catalogue_admin,
            producer=producer,
            code=code,
            name_fi=fi,
            name_sv=sv,
            name_en=en,
            summary_fi=f"{fi} vauvaperheille.",
            summary_en=f"{en} for families with babies.",
            languages=languages,
            life_situations=[code_lists["child_is_born"]],
            target_groups=[code_lists["families"]],
            service_classes=[code_lists["family_services"]],
            price_type="fee" if price is not None else "free",
            price_amount=price,
            is_published=True,
        )
        location = catalogue_services.location_create(
            created_by=catalogue_admin,
            producer=producer,
            services=[service],
            name_fi=f"{producer.name} – {street}",
            street_address_fi=street,
            postal_code="02230",
            post_office_fi="Espoo",
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
        )
        catalogue_services.location_set_weekly_hours(
            location=location, updated_by=catalogue_admin, intervals=WEEKDAYS_8_TO_16
        )
        created_services.append(service)
        locations.append(location)
    return Catalogue(city, *producers, *created_services, *locations)


@pytest.fixture
def unit_member(catalogue) -> User:
    """Works at the city unit (the maternity clinic)."""
    return _member("unit_member", catalogue.unit.organisation)


@pytest.fixture
def company_member(catalogue) -> User:
    return _member("company_member", catalogue.company.organisation)


@pytest.fixture
def association_member(catalogue) -> User:
    return _member("association_member", catalogue.association.organisation)


@pytest.fixture
def company_reviewer(catalogue) -> User:
    """Has a role in the company that gives no catalogue rights."""
    return _member("company_reviewer", catalogue.company.organisation, role=Role.REVIEWER)


@pytest.fixture
def api_key(db) -> str:
    """The key of a registered Open311 client (a resident app)."""
    from kokeilu.feedback.services import api_client_create

    _client, raw_key = api_client_create(name="Palauteappi", contact_email="apps@example.test")
    return raw_key
