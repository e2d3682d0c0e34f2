from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kokeilu.calls.models import Call
from tests.factories import CallFactory


def _form_data(platform, **overrides) -> dict:
    opens = timezone.localtime(timezone.now() + timedelta(days=1))
    data = {
        "platform": platform.pk,
        "title_fi": "Koulut kehitysalustoina",
        "title_sv": "Skolor som utvecklingsplattformar",
        "title_en": "Schools as development platforms",
        "description_fi": "Kuvaus",
        "eligibility": ["company", "school"],
        "proposal_mode": "full",
        "funding_per_pilot": "10000",
        "duration_min_months": "1",
        "duration_max_months": "3",
        "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (opens + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "review_ends_at": (opens + timedelta(days=40)).strftime("%Y-%m-%dT%H:%M"),
        "decision_ends_at": (opens + timedelta(days=50)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_manager_creates_a_call_through_the_form(client_for, programme_manager, platform):
    response = client_for(programme_manager).post(reverse("calls:create"), _form_data(platform))
    call = Call.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("calls:edit", kwargs={"slug": call.slug})
    assert call.eligibility == ["company", "school"]
    assert call.published_at is None


@pytest.mark.django_db
def test_invalid_form_keeps_what_was_typed_and_shows_the_error_by_its_field(
    client_for, programme_manager, platform
):
    data = _form_data(platform, duration_min_months="5", duration_max_months="2")
    response = client_for(programme_manager).post(reverse("calls:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert Call.objects.count() == 0
    assert 'value="Schools as development platforms"' in html
    assert 'id="id_duration_max_months_error"' in html
    assert 'aria-describedby="id_duration_max_months_error"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["resident", "applicant", "reviewer", "other_city_manager"])
def test_only_the_citys_managers_reach_call_management(request, client_for, call, persona):
    user = None if persona == "resident" else request.getfixturevalue(persona)
    client = client_for(user)
    edit = client.get(reverse("calls:edit", kwargs={"slug": call.slug}))
    publish = client.post(reverse("calls:publish", kwargs={"slug": call.slug}))
    create = client.post(reverse("calls:create"), _form_data(call.platform))
    if user is None:
        assert edit.status_code == 302 and "/accounts/login/" in edit.url
        assert create.status_code == 302
    else:
        assert edit.status_code == 404
        assert publish.status_code == 404
        assert create.status_code == 404
    assert Call.objects.count() == 1


@pytest.mark.django_db
def test_manager_publishes_after_adding_a_criterion(client_for, programme_manager, platform):
    call = CallFactory(platform=platform, published_at=None)
    client = client_for(programme_manager)
    client.post(reverse("calls:publish", kwargs={"slug": call.slug}))
    call.refresh_from_db()
    assert call.published_at is None
    client.post(
        reverse("calls:criterion_add", kwargs={"slug": call.slug}),
        {"criterion-name_fi": "Vaikuttavuus", "criterion-weight": "3", "criterion-position": "1"},
    )
    assert call.criteria.get().weight == 3
    client.post(reverse("calls:publish", kwargs={"slug": call.slug}))
    call.refresh_from_db()
    assert call.published_at is not None


@pytest.mark.django_db
def test_public_call_list_hides_drafts_and_filters_open_calls(
    resident_client, platform, django_assert_max_num_queries
):
    open_call = CallFactory(platform=platform, title_fi="Avoin haku")
    CallFactory(platform=platform, title_fi="Luonnos", published_at=None)
    CallFactory(
        platform=platform,
        title_fi="Mennyt haku",
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() - timedelta(days=10),
    )
    with django_assert_max_num_queries(6):
        html = resident_client.get(reverse("calls:list")).content.decode()
    assert "Avoin haku" in html and "Mennyt haku" in html and "Luonnos" not in html
    html = resident_client.get(reverse("calls:list"), {"phase": "open"}).content.decode()
    assert open_call.title_fi in html and "Mennyt haku" not in html


@pytest.mark.django_db
def test_closed_call_page_tells_why_proposals_cannot_be_sent(resident_client, platform):
    call = CallFactory(
        platform=platform,
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() - timedelta(days=10),
    )
    html = resident_client.get(reverse("calls:detail", kwargs={"slug": call.slug})).content.decode()
    assert reverse("proposals:create", kwargs={"slug": call.slug}) not in html
    assert "can no longer be sent" in html or "ei voi enää lähettää" in html
