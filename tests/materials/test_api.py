import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kokeilu.materials.models import Material

from .conftest import PDF, png_bytes

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def base(experiment):
    return f"/api/v1/experiments/{experiment.slug}/materials/"


def test_list_is_filtered_by_audience(experiment, shared_material, group_material, tester, other_tester):
    titles = {row["title"] for row in api(tester).get(base(experiment)).json()}
    assert titles == {"Yhteinen linkki", "Vain testaajille"}
    titles = {row["title"] for row in api(other_tester).get(base(experiment)).json()}
    assert titles == {"Yhteinen linkki"}


def test_upload_by_multipart_and_download(experiment, team_member, tester):
    response = api(team_member).post(
        base(experiment),
        {"title": "Kuva", "audience": "experiment", "file": SimpleUploadedFile("kuva.png", png_bytes())},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["kind"], data["file_name"], data["content_type"]) == ("file", "kuva.png", "image/png")
    assert data["download_url"].endswith(f"/materials/{data['id']}/download/")
    download = api(tester).get(f"{base(experiment)}{data['id']}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="kuva.png"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == png_bytes()


def test_fake_pdf_is_refused(experiment, team_member):
    response = api(team_member).post(
        base(experiment),
        {"title": "Ohje", "file": SimpleUploadedFile("ohje.pdf", b"<html></html>")},
        format="multipart",
    )
    assert response.status_code == 400
    assert "file" in response.json()
    assert Material.objects.count() == 0


def test_link_by_json_and_scheme_check(experiment, team_member):
    response = api(team_member).post(
        base(experiment), {"title": "Linkki", "url": "https://example.test/"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["download_url"] is None
    response = api(team_member).post(
        base(experiment), {"title": "Paha", "url": "javascript:alert(1)"}, format="json"
    )
    assert response.status_code == 400 and "url" in response.json()
    assert Material.objects.count() == 1


def test_group_audience_with_a_foreign_group_is_refused(experiment, team_member):
    response = api(team_member).post(
        base(experiment),
        {"title": "x", "url": "https://example.test/", "audience": "group", "group": 999999},
        format="json",
    )
    assert response.status_code == 400 and "group" in response.json()


def test_detail_update_delete(experiment, shared_material, team_member, testers_group):
    client = api(team_member)
    detail = f"{base(experiment)}{shared_material.pk}/"
    assert client.get(detail).json()["title"] == "Yhteinen linkki"
    response = client.patch(detail, {"title": "Uusi", "audience": "public"}, format="json")
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["audience"]) == ("Uusi", "public")
    response = client.patch(detail, {"audience": "group", "group": testers_group.pk}, format="json")
    assert response.status_code == 200 and response.json()["group"] == testers_group.pk
    # The team member is not in the group, so the material is now out of their sight.
    assert client.get(detail).status_code == 404
    shared_material.refresh_from_db()
    assert shared_material.group == testers_group


def test_replace_file_through_the_api(experiment, team_member):
    client = api(team_member)
    created = client.post(
        base(experiment),
        {"title": "Suunnitelma", "file": SimpleUploadedFile("a.pdf", PDF)},
        format="multipart",
    ).json()
    response = client.patch(
        f"{base(experiment)}{created['id']}/",
        {"file": SimpleUploadedFile("b.png", png_bytes())},
        format="multipart",
    )
    assert response.status_code == 200
    assert response.json()["file_name"] == "b.png"
    assert client.delete(f"{base(experiment)}{created['id']}/").status_code == 204
    assert Material.objects.count() == 0


def test_group_material_is_invisible_to_non_members_in_the_api(
    experiment, group_material, other_tester, partner_member
):
    for user in (other_tester, partner_member):
        client = api(user)
        assert client.get(f"{base(experiment)}{group_material.pk}/").status_code == 404
        assert client.get(f"{base(experiment)}{group_material.pk}/download/").status_code == 404
