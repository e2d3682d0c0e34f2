"""Renaming an organisation reaches the catalogue at once: its services are found by the new name and
cached pages that showed the old one are no longer read."""

import pytest

from kokeilu.accounts.models import Organisation
from kokeilu.catalogue.models import Service
from kokeilu.catalogue.selectors import CATALOGUE, cache_versions

pytestmark = pytest.mark.django_db


def _form(organisation: Organisation, *, name: str) -> dict:
    return {
        "kind": organisation.kind,
        "name": name,
        "business_id": organisation.business_id,
        "city": organisation.city_id,
        "slug": organisation.slug,
    }


def test_renaming_in_the_admin_refreshes_search_text_and_the_cache(client, catalogue, catalogue_admin):
    organisation = catalogue.unit.organisation
    before = cache_versions(CATALOGUE)[0]
    client.force_login(catalogue_admin)
    url = f"/fi/admin/accounts/organisation/{organisation.pk}/change/"
    data = _form(organisation, name="Uusilan perhekeskus")
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]

    assert Organisation.objects.get(pk=organisation.pk).name == "Uusilan perhekeskus"
    text = Service.objects.get(pk=catalogue.unit_service.pk).search_text
    assert "uusilan perhekeskus" in text
    assert "testilän neuvola" not in text
    assert cache_versions(CATALOGUE)[0] > before


def test_saving_without_a_new_name_changes_nothing_in_the_catalogue(client, catalogue, catalogue_admin):
    organisation = catalogue.unit.organisation
    before = cache_versions(CATALOGUE)[0]
    client.force_login(catalogue_admin)
    url = f"/fi/admin/accounts/organisation/{organisation.pk}/change/"
    data = _form(organisation, name=organisation.name)
    assert client.post(url, data).status_code == 302
    assert cache_versions(CATALOGUE)[0] == before
