import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.experiments.models import Audience
from kokeilu.experiments.selectors import experiment_access
from kokeilu.materials import services
from kokeilu.materials.models import Material, MaterialKind
from kokeilu.materials.selectors import material_list_visible
from tests.factories import ExperimentFactory, ParticipantGroupFactory

from .conftest import PDF

pytestmark = pytest.mark.django_db


def _create(experiment, user, **kwargs):
    kwargs.setdefault("title", "Aineisto")
    return services.material_create(experiment=experiment, created_by=user, **kwargs)


def test_team_uploads_a_pdf_stored_privately_under_a_random_name(experiment, team_member, pdf_file):
    material = _create(experiment, team_member, file=pdf_file)
    assert material.kind == MaterialKind.FILE
    assert material.content_type == "application/pdf"
    assert material.original_name == "Testaus suunnitelma.pdf"
    assert material.size == len(PDF)
    assert "Testaus" not in material.file.name and not material.file.name.endswith(".pdf")
    assert material.file.name.startswith(f"materials/{experiment.pk}/")
    with material.file.open("rb") as handle:
        assert handle.read() == PDF


def test_png_is_accepted(experiment, partner_member, png_file):
    assert _create(experiment, partner_member, file=png_file).content_type == "image/png"


@pytest.mark.parametrize(
    "name,content",
    [
        ("ohje.pdf", b"<html><script>alert(1)</script></html>"),
        ("kuva.png", b"%PDF-1.4 not a picture"),
        ("ohjelma.exe", b"MZ\x90\x00"),
        ("sivu.html", b"<html></html>"),
        ("tyhja.pdf", b""),
    ],
)
def test_files_of_the_wrong_type_or_content_are_refused(
    experiment, team_member, _private_media, name, content
):
    with pytest.raises(ApplicationError) as error:
        _create(experiment, team_member, file=SimpleUploadedFile(name, content))
    assert error.value.field == "file"
    assert Material.objects.count() == 0
    assert not _private_media.exists() or not any(path.is_file() for path in _private_media.rglob("*"))


def test_too_large_file_is_refused(experiment, team_member, pdf_file, monkeypatch):
    monkeypatch.setattr(services, "MATERIAL_MAX_BYTES", 100)
    with pytest.raises(ApplicationError) as error:
        _create(experiment, team_member, file=pdf_file)
    assert error.value.field == "file"
    assert Material.objects.count() == 0


@pytest.mark.parametrize("url", ["https://example.test/a", "http://example.test/b?c=d"])
def test_http_links_are_accepted(experiment, team_member, url):
    material = _create(experiment, team_member, url=url)
    assert (material.kind, material.url) == (MaterialKind.LINK, url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://example.test/x",
        "file:///etc/passwd",
        "//example.test/x",
        "example.test",
        "https://",
    ],
)
def test_other_schemes_and_broken_links_are_refused(experiment, team_member, url):
    with pytest.raises(ApplicationError) as error:
        _create(experiment, team_member, url=url)
    assert error.value.field == "url"
    assert Material.objects.count() == 0


def test_exactly_one_of_file_and_link(experiment, team_member, pdf_file):
    with pytest.raises(ApplicationError):
        _create(experiment, team_member)
    with pytest.raises(ApplicationError):
        _create(experiment, team_member, file=pdf_file, url="https://example.test/")
    assert Material.objects.count() == 0


@pytest.mark.parametrize("persona", ["tester", "other_tester", "applicant", "other_city_manager"])
def test_only_the_team_adds_materials(experiment, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        _create(experiment, user, url="https://example.test/")
    assert Material.objects.count() == 0


def test_group_must_be_of_the_experiment_and_given_for_group_audience(experiment, team_member, testers_group):
    foreign = ParticipantGroupFactory(experiment=ExperimentFactory(city=experiment.city))
    with pytest.raises(ApplicationError) as error:
        _create(experiment, team_member, url="https://example.test/", audience=Audience.GROUP, group=foreign)
    assert error.value.field == "group"
    with pytest.raises(ApplicationError):
        _create(experiment, team_member, url="https://example.test/", audience=Audience.GROUP)
    # A group given with another audience is dropped, not kept.
    material = _create(
        experiment,
        team_member,
        url="https://example.test/",
        audience=Audience.EXPERIMENT,
        group=testers_group,
    )
    assert material.group is None


def test_group_material_is_seen_by_the_group_and_managers_only(
    experiment,
    group_material,
    shared_material,
    tester,
    other_tester,
    team_member,
    partner_member,
    experiment_lead,
    programme_manager,
    applicant,
):
    def visible(user):
        access = experiment_access(user=user, experiment=experiment)
        return set(
            material_list_visible(experiment=experiment, access=access).values_list("title", flat=True)
        )

    both = {"Yhteinen linkki", "Vain testaajille"}
    assert visible(tester) == both
    assert visible(experiment_lead) == both
    assert visible(programme_manager) == both
    assert visible(other_tester) == {"Yhteinen linkki"}
    assert visible(team_member) == {"Yhteinen linkki"}
    assert visible(partner_member) == {"Yhteinen linkki"}
    assert visible(applicant) == set()


def test_public_materials_of_a_public_experiment_are_seen_by_outsiders(experiment, team_member, applicant):
    _create(
        experiment,
        team_member,
        url="https://example.test/julkinen",
        audience=Audience.PUBLIC,
        title="Julkinen",
    )
    _create(experiment, team_member, url="https://example.test/sisainen", title="Sisäinen")
    access = experiment_access(user=applicant, experiment=experiment)
    assert list(material_list_visible(experiment=experiment, access=access)) == []
    experiment.is_public = True
    experiment.save()
    experiment.__dict__.pop("_access_cache", None)
    access = experiment_access(user=applicant, experiment=experiment)
    assert [m.title for m in material_list_visible(experiment=experiment, access=access)] == ["Julkinen"]


def test_update_changes_text_audience_and_link(experiment, team_member, shared_material, testers_group):
    services.material_update(
        material=shared_material,
        updated_by=team_member,
        title="Uusi otsikko",
        description="Kuvaus",
        audience=Audience.PUBLIC,
        url="https://example.test/uusi",
    )
    shared_material.refresh_from_db()
    assert (shared_material.title, shared_material.audience, shared_material.url) == (
        "Uusi otsikko",
        Audience.PUBLIC,
        "https://example.test/uusi",
    )
    with pytest.raises(ApplicationError):
        services.material_update(
            material=shared_material, updated_by=team_member, title="x", url="javascript:alert(1)"
        )
    shared_material.refresh_from_db()
    assert shared_material.url == "https://example.test/uusi"


def test_replacing_a_file_removes_the_old_one_after_commit(
    experiment, team_member, pdf_file, png_file, django_capture_on_commit_callbacks
):
    material = _create(experiment, team_member, file=pdf_file)
    old_name = material.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.material_update(material=material, updated_by=team_member, title="Kuva", file=png_file)
    material.refresh_from_db()
    assert material.original_name == "kuva.png" and material.content_type == "image/png"
    assert not default_storage.exists(old_name)
    assert default_storage.exists(material.file.name)


def test_a_file_cannot_become_a_link(experiment, team_member, pdf_file):
    material = _create(experiment, team_member, file=pdf_file)
    with pytest.raises(ApplicationError):
        services.material_update(
            material=material, updated_by=team_member, title="x", url="https://example.test/"
        )


def test_delete_removes_the_stored_file(
    experiment, team_member, pdf_file, django_capture_on_commit_callbacks
):
    material = _create(experiment, team_member, file=pdf_file)
    name = material.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.material_delete(material=material, deleted_by=team_member)
    assert Material.objects.count() == 0
    assert not default_storage.exists(name)


def test_team_member_outside_the_group_cannot_change_its_material(group_material, team_member, tester):
    with pytest.raises(PermissionDeniedError):
        services.material_update(
            material=group_material, updated_by=team_member, title="x", audience=Audience.EXPERIMENT
        )
    with pytest.raises(PermissionDeniedError):
        services.material_delete(material=group_material, deleted_by=tester)
    with pytest.raises(PermissionDeniedError):
        services.material_delete(material=group_material, deleted_by=team_member)
    group_material.refresh_from_db()
    assert group_material.title == "Vain testaajille"
