import pytest

from tests.catalogue.fixtures import (  # noqa: F401
    api_key,
    association_member,
    catalogue,
    catalogue_admin,
    code_lists,
    company_member,
    company_reviewer,
    unit_member,
)


@pytest.fixture(autouse=True)
def _catalogue_urls(settings):
    settings.ROOT_URLCONF = "tests.catalogue.urls"
