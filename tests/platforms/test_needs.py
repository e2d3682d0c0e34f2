import pytest
from django.urls import reverse

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.platforms import services
from kokeilu.platforms.models import DevelopmentNeed, NeedStatus
from tests.factories import DevelopmentNeedFactory, ThemeFactory


@pytest.mark.django_db
def test_need_status_follows_the_allowed_transitions(programme_manager, platform):
    need = services.need_create(created_by=programme_manager, platform=platform, title_fi="Opasteet")
    assert need.status == NeedStatus.DRAFT
    with pytest.raises(ApplicationError):
        services.need_set_status(need=need, status=NeedStatus.ADDRESSED, changed_by=programme_manager)
    services.need_set_status(need=need, status=NeedStatus.PUBLISHED, changed_by=programme_manager)
    services.need_set_status(need=need, status=NeedStatus.ADDRESSED, changed_by=programme_manager)
    need.refresh_from_db()
    assert need.status == NeedStatus.ADDRESSED


@pytest.mark.django_db
def test_other_city_cannot_touch_needs(other_city_manager, platform):
    need = DevelopmentNeedFactory(platform=platform, status=NeedStatus.DRAFT)
    with pytest.raises(PermissionDeniedError):
        services.need_create(created_by=other_city_manager, platform=platform, title_fi="X")
    with pytest.raises(PermissionDeniedError):
        services.need_set_status(need=need, status=NeedStatus.PUBLISHED, changed_by=other_city_manager)
    need.refresh_from_db()
    assert need.status == NeedStatus.DRAFT
    assert DevelopmentNeed.objects.count() == 1


@pytest.mark.django_db
def test_manager_adds_a_published_need_through_the_form(client_for, programme_manager, platform, city_unit):
    theme = ThemeFactory(slug="robotiikka", name_fi="Robotiikka")
    response = client_for(programme_manager).post(
        reverse("platforms:need_add", kwargs={"slug": platform.slug}),
        {
            "title_fi": "Robotiikka asiakaspalvelussa",
            "title_sv": "Robotik i kundtjänsten",
            "title_en": "Robotics in customer service",
            "owning_unit": city_unit.pk,
            "themes": [theme.pk],
            "status": NeedStatus.PUBLISHED,
        },
    )
    assert response.status_code == 302
    need = DevelopmentNeed.objects.get()
    assert need.status == NeedStatus.PUBLISHED
    assert list(need.themes.all()) == [theme]
    assert need.owning_unit == city_unit


@pytest.mark.django_db
def test_platform_page_shows_drafts_only_to_managers(
    client_for, resident_client, programme_manager, other_city_manager, platform
):
    DevelopmentNeedFactory(platform=platform, title_fi="Julkaistu tarve")
    DevelopmentNeedFactory(platform=platform, title_fi="Keskeneräinen tarve", status=NeedStatus.DRAFT)
    url = reverse("platforms:detail", kwargs={"slug": platform.slug})
    public_html = resident_client.get(url).content.decode()
    other_html = client_for(other_city_manager).get(url).content.decode()
    manager_html = client_for(programme_manager).get(url).content.decode()
    assert "Julkaistu tarve" in public_html and "Keskeneräinen tarve" not in public_html
    assert "Keskeneräinen tarve" not in other_html
    assert "Keskeneräinen tarve" in manager_html


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["applicant", "reviewer", "other_city_manager"])
def test_need_form_is_not_found_for_others(request, client_for, platform, persona):
    client = client_for(request.getfixturevalue(persona))
    response = client.post(
        reverse("platforms:need_add", kwargs={"slug": platform.slug}), {"title_fi": "X", "status": "draft"}
    )
    assert response.status_code == 404
    assert DevelopmentNeed.objects.count() == 0


@pytest.mark.django_db
def test_a_refused_status_leaves_no_stray_draft(client_for, programme_manager, platform):
    response = client_for(programme_manager).post(
        reverse("platforms:need_add", kwargs={"slug": platform.slug}),
        {"title_fi": "Opasteet", "status": NeedStatus.ADDRESSED},
    )
    assert response.status_code == 200
    assert 'id="id_status_error"' in response.content.decode()
    assert DevelopmentNeed.objects.count() == 0


@pytest.mark.django_db
def test_a_unit_of_another_city_cannot_own_a_need(programme_manager, platform, other_city):
    from tests.factories import OrganisationFactory

    foreign_unit = OrganisationFactory(kind="city_unit", city=other_city)
    with pytest.raises(ApplicationError) as error:
        services.need_create(
            created_by=programme_manager, platform=platform, title_fi="X", owning_unit=foreign_unit
        )
    assert error.value.field == "owning_unit"
    assert DevelopmentNeed.objects.count() == 0
