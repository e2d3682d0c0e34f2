import datetime

import pytest
from django.utils import timezone

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import ExperimentPartner
from kokeilu.references import demo
from kokeilu.references.models import Reference, ReferenceState
from kokeilu.references.pdf import reference_pdf
from tests.factories import ExperimentFactory

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def _demo(experiment, kind, index, manager, lead, group):
    return DemoExperiment(
        experiment=experiment,
        kind=kind,
        index=index,
        manager=manager,
        lead=lead,
        team=[],
        testers=[],
        groups={"testers": group, "staff": group},
        now=timezone.make_aware(datetime.datetime(2026, 4, 1, 12)),
    )


def test_completed_staff_experiments_with_a_partner_get_an_approved_reference(
    city, experiment, programme_manager, experiment_lead, testers_group
):
    def staff(index, *, partner=True, status="completed"):
        target = ExperimentFactory(city=city, status=status, title_fi=f"Henkilöstökokeilu {index}")
        if partner:
            ExperimentPartner.objects.create(
                experiment=target, name=f"Yritys {index} Oy", role="lead_partner"
            )
        seed = _demo(target, "staff", index, programme_manager, experiment_lead, testers_group)
        demo.seed(seed)
        demo.seed(seed)  # a second run adds nothing
        return target

    first = staff(0)
    reference = Reference.objects.get(experiment=first)
    assert reference.state == ReferenceState.APPROVED and reference.approved_by == programme_manager
    assert reference.is_public
    assert all(getattr(reference, f"text_{code}") for code in ("fi", "sv", "en"))
    assert "Henkilöstökokeilu 0" in " ".join(pdf_text(reference_pdf(reference)).split())
    second = staff(2)
    assert Reference.objects.get(experiment=second).state == ReferenceState.APPROVED
    assert not Reference.objects.get(experiment=second).is_public
    staff(1, partner=False)
    staff(3)
    demo.seed(_demo(experiment, "koestamo", 0, programme_manager, experiment_lead, testers_group))
    assert Reference.objects.count() == 2
