import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kokeilu.experiments.models import Audience
from kokeilu.materials.models import Material
from kokeilu.materials.services import material_create

from .conftest import PDF, png_bytes

pytestmark = pytest.mark.django_db


def url(name, experiment, **kwargs):
    return reverse(f"materials:{name}", kwargs={"slug": experiment.slug, **kwargs})


def test_list_shows_group_materials_to_the_group_only(
    experiment,
    shared_material,
    group_material,
    tester,
    other_tester,
    client_for,
    django_assert_max_num_queries,
):
    client = client_for(tester)
    with django_assert_max_num_queries(12):
        page = client.get(url("list", experiment))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Yhteinen linkki" in body and "Vain testaajille" in body
    assert "Share a file or a link" not in body and 'action="' + url("create", experiment) not in body
    body = client_for(other_tester).get(url("list", experiment)).content.decode()
    assert "Yhteinen linkki" in body and "Vain testaajille" not in body


def test_list_query_count_does_not_grow_with_materials(
    experiment, experiment_lead, client_for, django_assert_max_num_queries
):
    for number in range(15):
        material_create(
            experiment=experiment,
            created_by=experiment_lead,
            title=f"Linkki {number}",
            url=f"https://example.test/{number}",
        )
    client = client_for(experiment_lead)
    with django_assert_max_num_queries(14):
        page = client.get(url("list", experiment))
    assert page.content.decode().count("Linkki ") >= 15


def test_team_uploads_a_pdf_through_the_page(experiment, team_member, client_for):
    response = client_for(team_member).post(
        url("create", experiment),
        {
            "title": "Suunnitelma",
            "description": "",
            "audience": "experiment",
            "file": SimpleUploadedFile("suunnitelma.pdf", PDF),
        },
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert (material.title, material.original_name, material.created_by) == (
        "Suunnitelma",
        "suunnitelma.pdf",
        team_member,
    )


def test_fake_extension_is_refused_on_the_page_with_the_error_by_the_field(
    experiment, team_member, client_for
):
    response = client_for(team_member).post(
        url("create", experiment),
        {
            "title": "Kuva",
            "audience": "experiment",
            "file": SimpleUploadedFile("kuva.png", b"<svg onload=x>"),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_file_error"' in body
    assert 'value="Kuva"' in body  # what the user typed is kept
    assert Material.objects.count() == 0


def test_javascript_link_is_refused_on_the_page(experiment, team_member, client_for):
    response = client_for(team_member).post(
        url("create", experiment), {"title": "Linkki", "audience": "experiment", "url": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    assert 'id="id_url_error"' in response.content.decode()
    assert Material.objects.count() == 0


def test_download_is_an_attachment_with_the_clean_name_and_nosniff(
    experiment, team_member, tester, client_for
):
    material = material_create(
        experiment=experiment,
        created_by=team_member,
        title="Kuva",
        file=SimpleUploadedFile("../../etc/kuva\x07.png", png_bytes()),
    )
    response = client_for(tester).get(url("download", experiment, pk=material.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="kuva.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == png_bytes()


def test_group_material_download_is_refused_outside_the_group(
    experiment, group_material, other_tester, team_member, tester, client_for
):
    target = url("download", experiment, pk=group_material.pk)
    assert client_for(other_tester).get(target).status_code == 404
    assert client_for(team_member).get(target).status_code == 404
    assert client_for(None).get(target).status_code == 404
    assert client_for(tester).get(target).status_code == 200


def test_public_material_of_a_public_experiment_is_downloadable_by_anyone(
    experiment, team_member, client_for
):
    experiment.is_public = True
    experiment.save()
    public = material_create(
        experiment=experiment,
        created_by=team_member,
        title="Esite",
        audience=Audience.PUBLIC,
        file=SimpleUploadedFile("esite.pdf", PDF),
    )
    internal = material_create(
        experiment=experiment,
        created_by=team_member,
        title="Sisäinen",
        file=SimpleUploadedFile("sisainen.pdf", PDF),
    )
    anonymous = client_for(None)
    assert anonymous.get(url("download", experiment, pk=public.pk)).status_code == 200
    assert anonymous.get(url("detail", experiment, pk=public.pk)).status_code == 200
    assert anonymous.get(url("download", experiment, pk=internal.pk)).status_code == 404
    # The overview shows outsiders the public material only.
    overview = anonymous.get(reverse("experiments:detail", kwargs={"slug": experiment.slug})).content.decode()
    assert "Esite" in overview and "Sisäinen" not in overview


def test_link_material_has_no_download(experiment, shared_material, tester, client_for):
    assert client_for(tester).get(url("download", experiment, pk=shared_material.pk)).status_code == 404


def test_team_edits_and_deletes(experiment, shared_material, team_member, client_for):
    client = client_for(team_member)
    assert client.get(url("edit", experiment, pk=shared_material.pk)).status_code == 200
    response = client.post(
        url("edit", experiment, pk=shared_material.pk),
        {"title": "Muutettu", "description": "", "audience": "experiment", "url": "https://example.test/m"},
    )
    assert response.status_code == 302
    shared_material.refresh_from_db()
    assert (shared_material.title, shared_material.url) == ("Muutettu", "https://example.test/m")
    assert client.post(url("delete", experiment, pk=shared_material.pk)).status_code == 302
    assert Material.objects.count() == 0


def test_detail_escapes_text_and_links(experiment, team_member, tester, client_for):
    material = material_create(
        experiment=experiment,
        created_by=team_member,
        title="<script>x</script>",
        description="<b>lihava</b>",
        url="https://example.test/?q=<x>",
    )
    body = client_for(tester).get(url("detail", experiment, pk=material.pk)).content.decode()
    assert "<script>x</script>" not in body and "&lt;script&gt;" in body
    assert "<b>lihava</b>" not in body


def test_overview_section_counts_visible_materials(
    experiment, shared_material, group_material, tester, other_tester, client_for
):
    overview_url = reverse("experiments:detail", kwargs={"slug": experiment.slug})
    body = client_for(tester).get(overview_url).content.decode()
    assert "materials-overview-heading" in body and "Vain testaajille" in body
    body = client_for(other_tester).get(overview_url).content.decode()
    assert "Yhteinen linkki" in body and "Vain testaajille" not in body
