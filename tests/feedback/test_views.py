"""The web form without signing in, the public page of an item, handling, "you said, we did" and the
uniform metrics with their CSV."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokeilu.feedback import services
from kokeilu.feedback.models import Feedback

from .test_photos import synthetic_jpeg

pytestmark = pytest.mark.django_db


def give_url(code: str) -> str:
    return f"{reverse('feedback:give')}?service={code}"


FORM = {"kind": "complaint", "description": "Ovi on raskas rattaiden kanssa.", "satisfaction": "2"}


def test_finding_the_service_to_give_feedback_on(client, catalogue):
    page = client.get(reverse("feedback:give"), {"q": "perhekahvila"}).content.decode()
    assert (
        give_url("perhekahvila-perhekerho").replace("&", "&amp;") in page
        or give_url("perhekahvila-perhekerho") in page
    )
    assert "neuvola-testila" not in page


def test_the_form_needs_no_account_and_routes_the_feedback(client, catalogue):
    page = client.get(give_url("neuvola-testila"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="kind"' in html and 'name="location"' in html and 'type="file"' in html
    response = client.post(
        give_url("neuvola-testila"),
        {
            **FORM,
            "location": catalogue.unit_location.pk,
            "email": "anni@example.test",
            "service": "neuvola-testila",
        },
    )
    feedback = Feedback.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "feedback:detail", kwargs={"pk": feedback.pk}
    )
    assert (feedback.producer, feedback.kind, feedback.satisfaction) == (catalogue.unit, "complaint", 2)
    assert (feedback.channel, feedback.email, feedback.language) == ("web", "anni@example.test", "fi")
    assert feedback.address_string == "Piispansilta 11, 02230 Espoo"


def test_the_photo_is_type_checked_and_stripped(client, catalogue):
    photo = SimpleUploadedFile("kuva.jpg", synthetic_jpeg(), content_type="image/jpeg")
    client.post(give_url("neuvola-testila"), {**FORM, "photo": photo})
    feedback = Feedback.objects.get()
    with default_storage.open(feedback.photo.name, "rb") as stored:
        assert b"Exif" not in stored.read()
    default_storage.delete(feedback.photo.name)
    disguised = SimpleUploadedFile("kuva.jpg", b"GIF89a\x01\x00\x01\x00", content_type="image/jpeg")
    response = client.post(give_url("neuvola-testila"), {**FORM, "photo": disguised})
    assert response.status_code == 200
    assert 'id="id_photo_error"' in response.content.decode()
    assert Feedback.objects.count() == 1


def test_missing_text_is_explained_next_to_the_field(client, catalogue):
    response = client.post(give_url("neuvola-testila"), {"kind": "praise", "description": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'id="id_description_error"' in html
    assert not Feedback.objects.exists()


def test_anonymous_feedback_is_rate_limited_per_client(catalogue, settings):
    settings.KOKEILU_FEEDBACK_RATE_LIMITS = {"web": (2, 600)}
    resident = Client(REMOTE_ADDR="198.51.100.7")
    neighbour = Client(REMOTE_ADDR="198.51.100.8")
    statuses = [resident.post(give_url("neuvola-testila"), FORM).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert neighbour.post(give_url("neuvola-testila"), FORM).status_code == 302
    assert Feedback.objects.count() == 3


@pytest.fixture
def answered(catalogue, unit_member):
    feedback = services.feedback_submit(
        service=catalogue.unit_service,
        kind="idea",
        channel="web",
        description="Iltavastaanotto olisi hyvä.",
        giver=services.Giver(email="anni@example.test"),
    )
    return services.feedback_handle(
        feedback=feedback,
        handled_by=unit_member,
        public_answer="Avaamme iltavastaanoton torstaisin.",
        state="resolved",
    )


def test_the_public_page_shows_the_answer_but_not_the_giver(client, answered):
    html = client.get(reverse("feedback:detail", kwargs={"pk": answered.pk})).content.decode()
    assert "Iltavastaanotto olisi hyvä." in html
    assert "Avaamme iltavastaanoton torstaisin." in html
    assert "anni@example.test" not in html
    assert reverse("feedback:handle_detail", kwargs={"pk": answered.pk}) not in html


def test_you_said_we_did_on_the_service_page(client, catalogue, answered):
    services.feedback_submit(
        service=catalogue.unit_service, kind="question", channel="web", description="Ei vastausta"
    )
    html = client.get(reverse("catalogue:detail", kwargs={"code": "neuvola-testila"})).content.decode()
    section = html[html.index('id="you-said-we-did"') :]
    assert "Iltavastaanotto olisi hyvä." in section and "Avaamme iltavastaanoton torstaisin." in section
    assert "Ei vastausta" not in section


def test_hidden_text_stays_hidden_but_the_answer_shows(client, answered, unit_member):
    services.feedback_handle(feedback=answered, handled_by=unit_member, description_hidden=True)
    html = client.get(reverse("feedback:detail", kwargs={"pk": answered.pk})).content.decode()
    assert "Iltavastaanotto olisi hyvä." not in html
    assert "Avaamme iltavastaanoton torstaisin." in html


def test_the_unit_answers_on_the_handling_page(
    client_for, catalogue, unit_member, django_capture_on_commit_callbacks
):
    feedback = services.feedback_submit(
        service=catalogue.unit_service, kind="complaint", channel="web", description="Jonot!",
        giver=services.Giver(email="anni@example.test"), photo=synthetic_jpeg(),
    )  # fmt: skip
    client = client_for(unit_member)
    listing = client.get(reverse("feedback:handle")).content.decode()
    assert reverse("feedback:handle_detail", kwargs={"pk": feedback.pk}) in listing
    page = client.get(reverse("feedback:handle_detail", kwargs={"pk": feedback.pk})).content.decode()
    assert "anni@example.test" in page  # the handler sees who to answer
    photo = client.get(reverse("feedback:photo", kwargs={"pk": feedback.pk}))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert b"Exif" not in b"".join(photo.streaming_content)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback:handle_detail", kwargs={"pk": feedback.pk}),
            {"state": "resolved", "public_answer": "Lisäsimme vuoron.", "internal_note": "Soitettu."},
        )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.state, feedback.public_answer, feedback.internal_note) == (
        "resolved",
        "Lisäsimme vuoron.",
        "Soitettu.",
    )
    from django.core import mail

    assert [message.to for message in mail.outbox] == [["anni@example.test"]]
    default_storage.delete(feedback.photo.name)


def test_metrics_are_the_same_for_every_producer_and_downloadable(
    client, catalogue, unit_member, company_member
):
    now = timezone.now()

    def item(service, satisfaction, answered_after_days=None, handler=None):  # type: ignore[no-untyped-def]
        feedback = services.feedback_submit(
            service=service, kind="praise", channel="web", description="x", satisfaction=satisfaction
        )
        Feedback.objects.filter(pk=feedback.pk).update(requested_at=now - timedelta(days=3))
        if answered_after_days is not None:
            feedback.refresh_from_db()
            services.feedback_handle(feedback=feedback, handled_by=handler, public_answer="Kiitos")
            Feedback.objects.filter(pk=feedback.pk).update(response_seconds=int(answered_after_days * 86400))

    item(catalogue.unit_service, 2, 1, unit_member)
    item(catalogue.unit_service, 4, 24, unit_member)  # later than the unit's 10-day target
    item(catalogue.unit_service, None)
    item(catalogue.company_service, 5, 2, company_member)

    rows = list(csv.DictReader(io.StringIO(client.get(reverse("feedback:metrics_csv")).content.decode())))
    month = timezone.localtime(now - timedelta(days=3)).strftime("%Y-%m")
    by_producer = {row["producer"]: row for row in rows if row["month"] == month}
    assert set(by_producer) == {"Testilän neuvola", "Vauvavalo Oy", "Perhekerho ry"}
    unit = by_producer["Testilän neuvola"]
    assert (unit["sector"], unit["received"], unit["rated"], unit["mean_satisfaction"]) == (
        "public",
        "3",
        "2",
        "3.00",
    )
    assert (unit["answered"], unit["mean_days_to_answer"], unit["answered_within_target"]) == (
        "2",
        "12.50",
        "1",
    )
    company = by_producer["Vauvavalo Oy"]
    assert (company["sector"], company["mean_satisfaction"], company["answered_within_target"]) == (
        "private",
        "5.00",
        "1",
    )
    association = by_producer["Perhekerho ry"]
    assert (association["sector"], association["received"], association["mean_satisfaction"]) == (
        "third",
        "0",
        "",
    )
    assert len(rows) == 3 * 12  # every producer, every month of the year

    html = client.get(reverse("feedback:metrics")).content.decode()
    assert html.count('<svg class="chart"') == 6  # two charts for each of the three producers
    assert html.count("chart__bar--late") == 1  # the unit's mean, 12.5 days, is over its 10-day target
    assert 'href="/fi/feedback/metrics.csv"' in html
    svg = html[html.index('<svg class="chart"') : html.index("</svg>")]
    assert re.search(r'role="img" aria-labelledby="chart-\d+-satisfaction-title', svg)
