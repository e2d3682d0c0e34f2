import io

import pytest
from pypdf import PdfReader

from kokeilu.experiments.models import Experiment, ExperimentMember, ExperimentPartner
from kokeilu.references import services

TEXT_FI = "Yritys toimi esimerkillisesti: nopea, avoin ja luotettava kumppani. Äänekäs kiitos Åbolle!"
TEXT_SV = "Företaget var en snabb och öppen partner – vi rekommenderar det varmt. Ärligt och pålitligt."


@pytest.fixture
def completed(experiment):
    """The `experiment`, completed (the only state in which references are issued)."""
    Experiment.objects.filter(pk=experiment.pk).update(status="completed")
    experiment.refresh_from_db()
    return experiment


@pytest.fixture
def partner_company(experiment, partner_member):
    """The company in the experiment; `partner_member` represents it."""
    company = ExperimentPartner.objects.create(
        experiment=experiment, name="Testiyritys Oy", role="lead_partner"
    )
    ExperimentMember.objects.filter(experiment=experiment, user=partner_member).update(partner=company)
    return company


@pytest.fixture
def second_company(experiment):
    return ExperimentPartner.objects.create(experiment=experiment, name="Toinen Yritys Ab", role="partner")


@pytest.fixture
def draft(completed, partner_company, experiment_lead):
    return services.reference_create(
        experiment=completed,
        partner=partner_company,
        drafted_by=experiment_lead,
        text_fi=TEXT_FI,
        text_sv=TEXT_SV,
    )


@pytest.fixture
def approved(draft, programme_manager):
    return services.reference_approve(reference=draft, approved_by=programme_manager)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)
