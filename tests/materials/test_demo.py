import datetime

import pytest
from django.utils import timezone

from kokeilu.demo.experiments_context import DemoExperiment
from kokeilu.experiments.models import ExperimentMember
from kokeilu.materials import demo
from kokeilu.materials.models import Material
from tests.factories import ParticipantGroupFactory

pytestmark = pytest.mark.django_db


def build(experiment, kind, index, programme_manager, experiment_lead, team_member, tester, testers_group):
    staff = ParticipantGroupFactory(experiment=experiment, name_fi="Henkilöstö")
    staff.members.add(ExperimentMember.objects.get(user=team_member))
    return DemoExperiment(
        experiment=experiment,
        kind=kind,
        index=index,
        manager=programme_manager,
        lead=experiment_lead,
        team=[team_member],
        testers=[tester],
        groups={"testers": testers_group, "staff": staff},
        now=datetime.datetime(2026, 3, 2, 10, tzinfo=timezone.get_default_timezone()),
    )


def test_koestamo_demo_has_a_brief_a_valid_pdf_links_and_a_testers_material(
    experiment, programme_manager, experiment_lead, team_member, tester, testers_group, _private_media
):
    demo.seed(
        build(
            experiment, "koestamo", 0, programme_manager, experiment_lead, team_member, tester, testers_group
        )
    )
    materials = {m.title: m for m in Material.objects.filter(experiment=experiment)}
    assert len(materials) == 4
    plan = materials["Testaussuunnitelma"]
    assert plan.content_type == "application/pdf"
    with plan.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    # The xref offsets point at the objects (a valid PDF).
    xref_at = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert data[xref_at:].startswith(b"xref")
    assert materials["Ohjeet testaajille"].group == testers_group
    assert materials["Suostumuslomakkeen malli"].url.startswith("https://")


@pytest.mark.parametrize("index", [0, 4, 8])
def test_staff_demo_has_two_materials(
    experiment, programme_manager, experiment_lead, team_member, tester, testers_group, index
):
    demo.seed(
        build(
            experiment, "staff", index, programme_manager, experiment_lead, team_member, tester, testers_group
        )
    )
    assert Material.objects.filter(experiment=experiment).count() == 2
