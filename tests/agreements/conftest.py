import pytest

from kokeilu.agreements.models import AgreementTemplate
from kokeilu.experiments.models import ExperimentMember, ExperimentPartner


@pytest.fixture
def partner_company(experiment, partner_member):
    """The company in the experiment; `partner_member` represents it."""
    company = ExperimentPartner.objects.create(
        experiment=experiment, name="Testiyritys Oy", role="lead_partner"
    )
    ExperimentMember.objects.filter(experiment=experiment, user=partner_member).update(partner=company)
    return company


@pytest.fixture
def kyky():
    return AgreementTemplate.objects.get(key="kyky", city__isnull=True)
