"""Taking feedback in, routing it, handling it through its states, answering it and telling the giver."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.utils import timezone

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.feedback import services
from kokeilu.feedback.models import ApiClient, Feedback, FeedbackState
from kokeilu.feedback.tasks import feedback_answer_notify

from .test_photos import synthetic_jpeg

pytestmark = pytest.mark.django_db


def give(service, **fields):  # type: ignore[no-untyped-def]
    return services.feedback_submit(
        service=service, kind=fields.pop("kind", "complaint"), channel="web", **fields
    )


def test_feedback_is_routed_to_the_producer_of_the_service(catalogue):
    for target in ("unit", "company", "association"):
        feedback = give(getattr(catalogue, f"{target}_service"), description="Palaute")
        assert feedback.producer == getattr(catalogue, target)
        assert feedback.state == FeedbackState.RECEIVED and feedback.is_open
        assert len(feedback.token) == 16


def test_a_location_of_the_service_gives_the_address_and_coordinates(catalogue):
    feedback = give(catalogue.unit_service, place=services.Place(location=catalogue.unit_location))
    assert feedback.address_string == "Piispansilta 11, 02230 Espoo"
    assert (feedback.latitude, feedback.longitude, feedback.zipcode) == (
        Decimal("60.161300"),
        Decimal("24.738500"),
        "02230",
    )
    with pytest.raises(ApplicationError) as refused:
        give(catalogue.unit_service, place=services.Place(location=catalogue.company_location))
    assert refused.value.field == "location"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"description": "x" * 4001}, "description"),
        ({"kind": "rant"}, "kind"),
        ({"satisfaction": 6}, "satisfaction"),
        ({"giver": services.Giver(email="ei-osoite")}, "email"),
        ({"place": services.Place(latitude=Decimal("60.1"))}, "lat"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"photo": b"GIF89a"}, "photo"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(catalogue, fields, field):
    with pytest.raises(ApplicationError) as refused:
        give(catalogue.unit_service, **fields)
    assert refused.value.field == field
    assert not Feedback.objects.exists()


def test_unpublished_services_take_no_feedback(catalogue, catalogue_admin):
    from kokeilu.catalogue.services import service_update

    service_update(service=catalogue.unit_service, updated_by=catalogue_admin, is_published=False)
    with pytest.raises(ApplicationError):
        give(catalogue.unit_service, description="Hei")


def test_a_photo_is_stored_without_its_metadata(catalogue):
    feedback = give(catalogue.unit_service, description="Kuva ovesta", photo=synthetic_jpeg())
    assert feedback.photo_content_type == "image/jpeg"
    assert feedback.photo.name.startswith("feedback/") and feedback.photo.name.endswith(".jpg")
    with default_storage.open(feedback.photo.name, "rb") as stored:
        content = stored.read()
    assert content.startswith(b"\xff\xd8") and b"Exif" not in content and b"GPS" not in content
    default_storage.delete(feedback.photo.name)


@pytest.fixture
def received(catalogue):
    return give(
        catalogue.unit_service,
        description="Vaunuille ei ole tilaa.",
        giver=services.Giver(email="anni.asukas@example.test"),
        language="sv",
    )


def test_closing_needs_a_public_answer(received, unit_member):
    with pytest.raises(ApplicationError) as refused:
        services.feedback_handle(feedback=received, handled_by=unit_member, state="resolved")
    assert refused.value.field == "public_answer"
    received.refresh_from_db()
    assert received.state == "received" and received.closed_at is None


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        (["in_progress", "waiting", "in_progress", "resolved"], True),
        (["dismissed", "in_progress", "resolved"], True),
        (["resolved", "waiting"], False),  # a closed item is reopened into handling first
        (["waiting", "received"], False),  # nothing goes back to received
    ],
)
def test_states_follow_the_allowed_transitions(received, unit_member, path, allowed):
    services.feedback_handle(feedback=received, handled_by=unit_member, public_answer="Selvitämme asian.")
    *steps, last = path
    for state in steps:
        services.feedback_handle(feedback=received, handled_by=unit_member, state=state)
    if allowed:
        services.feedback_handle(feedback=received, handled_by=unit_member, state=last)
        received.refresh_from_db()
        assert received.state == last
    else:
        with pytest.raises(ApplicationError) as refused:
            services.feedback_handle(feedback=received, handled_by=unit_member, state=last)
        assert refused.value.field == "state"


def test_closing_and_reopening_keep_their_times(received, unit_member):
    services.feedback_handle(
        feedback=received, handled_by=unit_member, public_answer="Korjattu.", state="resolved"
    )
    received.refresh_from_db()
    assert received.closed_at is not None and received.open311_status == "closed"
    services.feedback_handle(feedback=received, handled_by=unit_member, state="in_progress")
    received.refresh_from_db()
    assert received.closed_at is None and received.open311_status == "open"


def test_response_time_counts_to_the_first_answer_only(received, unit_member):
    Feedback.objects.filter(pk=received.pk).update(requested_at=timezone.now() - timedelta(days=2))
    services.feedback_handle(feedback=received, handled_by=unit_member, public_answer="Ensimmäinen vastaus.")
    received.refresh_from_db()
    first = received.response_seconds
    assert 2 * 86400 - 60 <= first <= 2 * 86400 + 60
    services.feedback_handle(feedback=received, handled_by=unit_member, public_answer="Tarkennettu vastaus.")
    received.refresh_from_db()
    assert received.response_seconds == first
    assert received.public_answer == "Tarkennettu vastaus." and received.answered_by == unit_member


def test_the_giver_gets_each_answer_once_in_their_language(
    received, unit_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_handle(feedback=received, handled_by=unit_member, public_answer="Tilaa on lisätty.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anni.asukas@example.test"]
    assert "Mödrarådgivning" in message.subject  # Swedish, the language the feedback was given in
    assert "Tilaa on lisätty." in message.body and f"/sv/feedback/{received.pk}/" in message.body
    feedback_answer_notify(feedback_id=received.pk)  # a second run of the task sends nothing
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_handle(
            feedback=received, handled_by=unit_member, state="in_progress"
        )  # no new answer
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_handle(
            feedback=received, handled_by=unit_member, public_answer="Lisää tilaa tulossa."
        )
    assert len(mail.outbox) == 2


def test_no_address_no_mail(catalogue, unit_member, django_capture_on_commit_callbacks):
    feedback = give(catalogue.unit_service, description="Ilman osoitetta")
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_handle(feedback=feedback, handled_by=unit_member, public_answer="Kiitos.")
    assert mail.outbox == []


def test_others_cannot_handle_the_feedback(received, company_member):
    with pytest.raises(PermissionDeniedError):
        services.feedback_handle(feedback=received, handled_by=company_member, public_answer="Ei meidän.")
    received.refresh_from_db()
    assert received.public_answer == "" and mail.outbox == []


def test_api_keys_are_stored_as_hashes_and_can_be_replaced(db):
    client, raw_key = services.api_client_create(name="Sovellus")
    assert raw_key.startswith(client.key_prefix + ".")
    assert raw_key not in str(ApiClient.objects.values_list("key_prefix", "key_hash").get())
    assert services.api_client_authenticate(raw_key=raw_key) == client
    assert services.api_client_authenticate(raw_key=raw_key + "x") is None
    assert services.api_client_authenticate(raw_key="") is None
    new_key = services.api_client_rotate_key(client=client)
    assert services.api_client_authenticate(raw_key=raw_key) is None
    assert services.api_client_authenticate(raw_key=new_key) == client
