"""The catalogue's rules: producers and their sectors, services with their price and languages, contact
channels, and the search text kept up to date."""

from decimal import Decimal

import pytest

from kokeilu.accounts.models import OrganisationKind
from kokeilu.catalogue import services
from kokeilu.catalogue.models import Sector, Service
from kokeilu.core.exceptions import ApplicationError
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "sector"),
    [
        (OrganisationKind.CITY_UNIT, Sector.PUBLIC),
        (OrganisationKind.COMPANY, Sector.PRIVATE),
        (OrganisationKind.ASSOCIATION, Sector.THIRD),
    ],
)
def test_a_new_producer_gets_the_sector_of_its_kind(city, programme_manager, kind, sector):
    producer = services.producer_create(created_by=programme_manager, city=city, name="Tuottaja", kind=kind)
    assert producer.sector == sector
    assert producer.organisation.kind == kind
    assert producer.organisation.city == (city if kind == OrganisationKind.CITY_UNIT else None)


def test_a_unit_of_another_city_cannot_produce_in_this_catalogue(city, other_city, programme_manager):
    unit = OrganisationFactory(kind=OrganisationKind.CITY_UNIT, city=other_city, name="Helsingin yksikkö")
    with pytest.raises(ApplicationError) as refused:
        services.producer_create(created_by=programme_manager, city=city, organisation=unit)
    assert refused.value.code == "other_city"


def test_an_organisation_is_a_producer_once(catalogue, programme_manager):
    with pytest.raises(ApplicationError) as refused:
        services.producer_create(
            created_by=programme_manager, city=catalogue.city, organisation=catalogue.company.organisation
        )
    assert refused.value.code == "already_producer"


def test_a_fee_needs_an_amount_and_free_clears_it(catalogue, company_member):
    service = catalogue.company_service
    with pytest.raises(ApplicationError) as refused:
        services.service_update(service=service, updated_by=company_member, price_amount=None)
    assert refused.value.field == "price_amount"
    with pytest.raises(ApplicationError):
        services.service_update(service=service, updated_by=company_member, price_amount=Decimal("-1"))
    services.service_update(service=service, updated_by=company_member, price_type="free")
    service.refresh_from_db()
    assert (service.price_type, service.price_amount) == ("free", None)


def test_languages_are_known_codes_and_at_least_one(catalogue, unit_member):
    with pytest.raises(ApplicationError) as unknown:
        services.service_update(service=catalogue.unit_service, updated_by=unit_member, languages=["xx"])
    assert unknown.value.field == "languages"
    with pytest.raises(ApplicationError):
        services.service_update(service=catalogue.unit_service, updated_by=unit_member, languages=[])
    services.service_update(
        service=catalogue.unit_service, updated_by=unit_member, languages=["sv", "fi", "sv"]
    )
    catalogue.unit_service.refresh_from_db()
    assert catalogue.unit_service.languages == ",sv,fi,"
    assert catalogue.unit_service.language_codes == ["sv", "fi"]


def test_descriptions_are_limited_like_in_the_national_catalogue(catalogue, unit_member):
    with pytest.raises(ApplicationError) as refused:
        services.service_update(
            service=catalogue.unit_service, updated_by=unit_member, description_sv="x" * 2501
        )
    assert refused.value.field == "description_sv"


def test_codes_are_unique_and_never_a_page_name(catalogue, unit_member):
    first = services.service_create(created_by=unit_member, producer=catalogue.unit, name_fi="Compare")
    second = services.service_create(created_by=unit_member, producer=catalogue.unit, name_fi="Compare")
    assert (first.code, second.code) == ("compare-service", "compare-service-2")
    with pytest.raises(ApplicationError):
        services.service_create(created_by=unit_member, producer=catalogue.unit, name_fi="X", code="manage")


def test_search_text_covers_every_language_and_the_producer(catalogue, unit_member):
    services.service_update(
        service=catalogue.unit_service, updated_by=unit_member, description_sv="Gravida VÅRD"
    )
    text = Service.objects.get(pk=catalogue.unit_service.pk).search_text
    assert "äitiysneuvola" in text
    assert "mödrarådgivning" in text
    assert "maternity clinic" in text
    assert "gravida vård" in text
    assert "testilän neuvola" in text


def test_a_location_gives_only_its_own_producers_services(catalogue, company_member):
    with pytest.raises(ApplicationError) as refused:
        services.location_update(
            location=catalogue.company_location, updated_by=company_member, services=[catalogue.unit_service]
        )
    assert refused.value.field == "services"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "phone", "name_fi": "Puhelin", "phone_number": ""}, "phone_number"),
        ({"kind": "phone", "name_fi": "Puhelin", "phone_number": "soita meille"}, "phone_number"),
        ({"kind": "e_service", "name_fi": "Asiointi", "url": ""}, "url"),
        ({"kind": "web_page", "name_fi": "", "url": "https://example.test/"}, "name_fi"),
    ],
)
def test_contact_channels_need_their_address(catalogue, company_member, fields, field):
    with pytest.raises(ApplicationError) as refused:
        services.channel_save(service=catalogue.company_service, saved_by=company_member, **fields)
    assert refused.value.field == field
    assert not catalogue.company_service.channels.exists()


def test_a_service_with_feedback_is_kept_and_one_without_is_removed(
    catalogue, company_member, association_member
):
    from kokeilu.feedback.services import feedback_submit

    feedback_submit(service=catalogue.company_service, kind="praise", channel="web", description="Hyvä")
    with pytest.raises(ApplicationError) as refused:
        services.service_delete(service=catalogue.company_service, deleted_by=company_member)
    assert refused.value.code == "has_feedback"
    assert Service.objects.filter(pk=catalogue.company_service.pk).exists()
    services.service_delete(service=catalogue.association_service, deleted_by=association_member)
    assert not Service.objects.filter(pk=catalogue.association_service.pk).exists()
