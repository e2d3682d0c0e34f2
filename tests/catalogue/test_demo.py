"""The catalogue demo: a city's family services from all three sectors in three languages, with answered
feedback, loaded through the services and safe to load twice."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kokeilu.catalogue.demo import load_catalogue_demo
from kokeilu.catalogue.models import Producer, Sector, Service
from kokeilu.feedback.models import Feedback

pytestmark = pytest.mark.django_db


def test_demo_covers_all_sectors_languages_and_answered_feedback(city, code_lists):
    personas = load_catalogue_demo(city=city, password="demo-password-for-tests")

    producers = Producer.objects.filter(city=city)
    assert set(producers.values_list("sector", flat=True)) == {Sector.PUBLIC, Sector.PRIVATE, Sector.THIRD}
    services = Service.objects.filter(producer__city=city, is_published=True)
    assert services.count() == 7
    assert all(service.name_fi and service.name_sv and service.name_en for service in services)
    assert services.filter(life_situations__code="child-is-born").count() == 6
    answered = Feedback.objects.filter(producer__city=city).exclude(public_answer="")
    assert answered.count() >= 10
    assert set(answered.values_list("producer__sector", flat=True)) == {
        Sector.PUBLIC,
        Sector.PRIVATE,
        Sector.THIRD,
    }
    assert Feedback.objects.filter(producer__city=city, public_answer="").exists()  # some still wait
    assert len(personas) == 5
    assert Client().login(username=personas[0].username, password="demo-password-for-tests")


def test_loading_the_demo_twice_changes_nothing(city, code_lists):
    load_catalogue_demo(city=city)
    counts = (Producer.objects.count(), Service.objects.count(), Feedback.objects.count())
    personas = load_catalogue_demo(city=city, password="second-run-password")
    assert (Producer.objects.count(), Service.objects.count(), Feedback.objects.count()) == counts
    assert Client().login(username=personas[2].username, password="second-run-password")


def test_demo_pages_render_in_every_language(city, code_lists):
    load_catalogue_demo(city=city)
    client = Client()
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            urls = [
                reverse("catalogue:home") + "?life_situation=child-is-born",
                reverse("catalogue:detail", kwargs={"code": "aitiysneuvola-iso-omena"}),
                reverse("catalogue:compare")
                + "?service=aitiysneuvola-iso-omena&service=perhevalmennus-perhevalo",
                reverse("catalogue:map") + "?life_situation=child-is-born",
                reverse("feedback:home"),
                reverse("feedback:metrics"),
            ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
