import pytest
from django.urls import reverse

from kokeilu.accounts import selectors, services
from kokeilu.accounts.models import OrganisationKind, Role, User
from tests.factories import CityFactory, MembershipFactory, OrganisationFactory, UserFactory


@pytest.mark.django_db
def test_a_manager_of_a_city_unit_manages_the_city(city):
    unit = OrganisationFactory(kind=OrganisationKind.CITY_UNIT, city=city)
    person = UserFactory()
    MembershipFactory(user=person, organisation=unit, role=Role.PROGRAMME_MANAGER)
    assert selectors.user_managed_city_ids(person) == {city.pk}
    assert selectors.user_can_manage_city(person, city.pk)
    assert not selectors.user_can_manage_city(person, CityFactory().pk)


@pytest.mark.django_db
def test_site_admin_manages_every_city(site_admin, city, other_city):
    assert selectors.user_managed_city_ids(site_admin) == {city.pk, other_city.pk}


@pytest.mark.django_db
def test_reviewer_candidates_are_the_citys_reviewers_and_managers(
    city, reviewer, programme_manager, other_city_manager, applicant
):
    assert set(selectors.reviewer_candidates_for_city(city_id=city.pk)) == {reviewer, programme_manager}


@pytest.mark.django_db
def test_signup_creates_an_applicant_and_signs_them_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "uusi", "email": "uusi@example.test", "password": "pitka-salasana-42"},
    )
    assert response.status_code == 302
    user = User.objects.get(username="uusi")
    assert user.preferred_language == "fi"
    assert client.get(reverse("proposals:mine")).status_code == 200


@pytest.mark.django_db
def test_signup_refuses_a_weak_password_next_to_the_field_and_keeps_the_rest(client):
    response = client.post(
        reverse("accounts:signup"), {"username": "uusi", "email": "uusi@example.test", "password": "12345"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.filter(username="uusi").exists()
    assert 'id="id_password_error"' in html
    assert 'value="uusi@example.test"' in html


@pytest.mark.django_db
def test_external_identity_seam_finds_or_creates_the_same_person():
    first = services.user_get_or_create_external(
        issuer="https://idp.example.test", subject="abc", email="a@example.test"
    )
    again = services.user_get_or_create_external(
        issuer="https://idp.example.test", subject="abc", email="a@example.test"
    )
    other = services.user_get_or_create_external(
        issuer="https://idp.example.test", subject="xyz", email="a@example.test"
    )
    assert first == again
    assert other != first
    assert not first.has_usable_password()


@pytest.mark.django_db
def test_login_page_signs_in(client, applicant):
    response = client.post(
        reverse("accounts:login"), {"username": "applicant", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
