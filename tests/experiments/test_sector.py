"""An experiment's service sector (toimiala): set where its details are edited, on the page and the API,
by its leads and the city's managers; only the sectors on the list are accepted."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from kokeilu.core.exceptions import PermissionDeniedError
from kokeilu.experiments import services
from kokeilu.experiments.models import ServiceSector

pytestmark = pytest.mark.django_db


def test_a_new_experiment_has_no_sector_until_one_is_chosen(city, programme_manager):
    today = timezone.localdate()
    experiment = services.experiment_create(
        city=city, created_by=programme_manager, title_fi="Uusi", starts_on=today, ends_on=today
    )
    assert experiment.sector == ""
    chosen = services.experiment_create(
        city=city,
        created_by=programme_manager,
        title_fi="Toinen",
        starts_on=today,
        ends_on=today,
        sector=ServiceSector.CULTURE_LEISURE,
    )
    chosen.refresh_from_db()
    assert chosen.sector == "culture_leisure"


def test_leads_and_managers_set_the_sector_others_cannot(
    experiment, experiment_lead, programme_manager, tester
):
    services.experiment_update(
        experiment=experiment, updated_by=experiment_lead, sector=ServiceSector.EDUCATION
    )
    experiment.refresh_from_db()
    assert experiment.sector == "education"
    services.experiment_update(experiment=experiment, updated_by=programme_manager, sector="")
    experiment.refresh_from_db()
    assert experiment.sector == ""
    with pytest.raises(PermissionDeniedError):
        services.experiment_update(experiment=experiment, updated_by=tester, sector=ServiceSector.EDUCATION)
    experiment.refresh_from_db()
    assert experiment.sector == ""


def test_an_unknown_sector_is_refused(experiment, programme_manager):
    with pytest.raises(ValidationError):
        services.experiment_update(experiment=experiment, updated_by=programme_manager, sector="space")
    experiment.refresh_from_db()
    assert experiment.sector == ""


def test_the_edit_page_offers_and_saves_the_sector(experiment, experiment_lead, client_for):
    client = client_for(experiment_lead)
    url = reverse("experiments:edit", kwargs={"slug": experiment.slug})
    page = client.get(url).content.decode()
    assert '<select name="sector"' in page
    for value in ServiceSector.values:
        assert f'<option value="{value}"' in page
    response = client.post(
        url,
        {
            "title_fi": experiment.title_fi,
            "sector": "social_health",
            "starts_on": experiment.starts_on.isoformat(),
            "ends_on": experiment.ends_on.isoformat(),
        },
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.sector == "social_health"
    assert 'value="social_health" selected' in client.get(url).content.decode()


def test_the_edit_page_refuses_an_unknown_sector(experiment, experiment_lead, client_for):
    response = client_for(experiment_lead).post(
        reverse("experiments:edit", kwargs={"slug": experiment.slug}),
        {
            "title_fi": experiment.title_fi,
            "sector": "space",
            "starts_on": experiment.starts_on.isoformat(),
            "ends_on": experiment.ends_on.isoformat(),
        },
    )
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    experiment.refresh_from_db()
    assert experiment.sector == ""


def _patch(client, experiment, data):
    return client.patch(
        reverse("api-experiment-detail", kwargs={"slug": experiment.slug}),
        data=json.dumps(data),
        content_type="application/json",
    )


def test_the_api_sets_and_shows_the_sector(experiment, experiment_lead, client_for):
    response = _patch(client_for(experiment_lead), experiment, {"sector": "urban_environment"})
    assert response.status_code == 200, response.content
    assert response.json()["sector"] == "urban_environment"
    experiment.refresh_from_db()
    assert experiment.sector == "urban_environment"


def test_the_api_refuses_an_unknown_sector_and_outsiders(experiment, experiment_lead, tester, client_for):
    response = _patch(client_for(experiment_lead), experiment, {"sector": "space"})
    assert response.status_code == 400 and list(response.json()) == ["sector"]
    assert _patch(client_for(tester), experiment, {"sector": "education"}).status_code == 403
    experiment.refresh_from_db()
    assert experiment.sector == ""


def test_the_workspace_header_names_the_sector(experiment, tester, client_for):
    url = reverse("experiments:detail", args=[experiment.slug])
    with translation.override("fi"):
        label = str(ServiceSector.SOCIAL_HEALTH.label)
    assert label not in client_for(tester).get(url).content.decode()
    experiment.sector = ServiceSector.SOCIAL_HEALTH
    experiment.save(update_fields=["sector"])
    assert label in client_for(tester).get(url).content.decode()
