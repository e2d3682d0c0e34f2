"""The pages every visitor meets first render in each language."""

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_home_and_call_pages_render_in_each_language(call, resident_client, language):
    with translation.override(language):
        home = resident_client.get(reverse("core:home"))
        call_page = resident_client.get(reverse("calls:detail", kwargs={"slug": call.slug}))
    assert home.status_code == 200
    assert f'<html lang="{language}">' in home.content.decode()
    assert call_page.status_code == 200
    expected_title = {"fi": call.title_fi, "sv": call.title_sv, "en": call.title_en}[language]
    assert expected_title in call_page.content.decode()


@pytest.mark.django_db
def test_draft_call_is_hidden_from_the_public_but_shown_to_its_manager(
    call, resident_client, client_for, programme_manager, other_city_manager
):
    call.published_at = None
    call.save()
    url = reverse("calls:detail", kwargs={"slug": call.slug})
    assert resident_client.get(url).status_code == 404
    assert client_for(other_city_manager).get(url).status_code == 404
    assert client_for(programme_manager).get(url).status_code == 200


@pytest.mark.django_db
def test_healthz_is_trivial(resident_client):
    response = resident_client.get("/fi/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_language_links_point_to_the_same_page_in_each_language(call, resident_client):
    html = resident_client.get(f"/sv/calls/{call.slug}/?page=1").content.decode()
    for code in ("fi", "sv", "en"):
        assert f'href="/{code}/calls/{call.slug}/?page=1" lang="{code}"' in html
    assert 'aria-current="page">Svenska<' in html
