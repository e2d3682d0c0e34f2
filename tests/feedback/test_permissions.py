"""Who may handle feedback: every persona × feedback routed to each producer, through the handling pages,
the photo and the service. The rule is the catalogue's: the producer's own people and the city's programme
managers. Denied attempts change nothing and send no e-mail; anyone may read an item's public page."""

import pytest
from django.core import mail
from django.urls import reverse

from kokeilu.core.exceptions import PermissionDeniedError
from kokeilu.feedback import services
from kokeilu.feedback.models import Feedback

from .test_photos import synthetic_jpeg

pytestmark = pytest.mark.django_db

PERSONAS = [
    "applicant",
    "reviewer",
    "company_reviewer",
    "unit_member",
    "company_member",
    "association_member",
    "programme_manager",
    "other_city_manager",
    "site_admin",
]
PRODUCERS = ["unit", "company", "association"]
MAY_HANDLE = {
    "unit_member": {"unit"},
    "company_member": {"company"},
    "association_member": {"association"},
    "programme_manager": set(PRODUCERS),
    "site_admin": set(PRODUCERS),
}


def snapshot() -> list:
    return sorted(
        Feedback.objects.values_list(
            "id",
            "state",
            "public_answer",
            "internal_note",
            "description_hidden",
            "closed_at",
            "answered_by_id",
        )
    )


def _feedback_for_each_producer(catalogue, *, photo: bool) -> dict[str, Feedback]:  # type: ignore[no-untyped-def]
    return {
        target: services.feedback_submit(
            service=getattr(catalogue, f"{target}_service"),
            kind="complaint",
            channel="web",
            description=f"Palaute: {target}",
            giver=services.Giver(email=f"{target}@example.test"),
            photo=synthetic_jpeg() if photo else None,
        )
        for target in PRODUCERS
    }


@pytest.fixture
def items(catalogue):
    return _feedback_for_each_producer(catalogue, photo=False)


@pytest.fixture
def items_with_photos(catalogue):
    created = _feedback_for_each_producer(catalogue, photo=True)
    yield created
    from django.core.files.storage import default_storage

    for feedback in created.values():
        default_storage.delete(feedback.photo.name)


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
@pytest.mark.parametrize("target", PRODUCERS)
def test_handling_pages(
    client_for, request, items_with_photos, persona, target, django_capture_on_commit_callbacks
):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user)
    feedback = items_with_photos[target]
    page_url = reverse("feedback:handle_detail", kwargs={"pk": feedback.pk})
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(page_url)
        photo = client.get(reverse("feedback:photo", kwargs={"pk": feedback.pk}))
        response = client.post(
            page_url, {"state": "resolved", "public_answer": "Korjattu.", "internal_note": ""}
        )
    public = client.get(reverse("feedback:detail", kwargs={"pk": feedback.pk}))
    assert public.status_code == 200  # the public face is for everyone
    if persona == "anonymous":
        assert {page.status_code, photo.status_code, response.status_code} == {302}
        assert snapshot() == before and mail.outbox == []
    elif target in MAY_HANDLE.get(persona, set()):
        assert (page.status_code, photo.status_code, response.status_code) == (200, 200, 302)
        feedback.refresh_from_db()
        assert (feedback.state, feedback.public_answer) == ("resolved", "Korjattu.")
        assert [message.to for message in mail.outbox] == [[f"{target}@example.test"]]
    else:
        assert (page.status_code, photo.status_code, response.status_code) == (404, 404, 404)
        assert snapshot() == before and mail.outbox == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_queue_lists_only_what_the_person_handles(client_for, request, items, persona):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(reverse("feedback:handle"))
    may = MAY_HANDLE.get(persona, set())
    if not may:
        assert response.status_code == 404
        return
    html = response.content.decode()
    for target, feedback in items.items():
        link = reverse("feedback:handle_detail", kwargs={"pk": feedback.pk})
        assert (link in html) is (target in may)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", PRODUCERS)
def test_the_service_refuses_the_same_people(request, items, persona, target):
    user = request.getfixturevalue(persona)
    feedback = items[target]
    before = snapshot()
    if target in MAY_HANDLE.get(persona, set()):
        services.feedback_handle(feedback=feedback, handled_by=user, state="in_progress")
        feedback.refresh_from_db()
        assert feedback.state == "in_progress"
    else:
        with pytest.raises(PermissionDeniedError):
            services.feedback_handle(feedback=feedback, handled_by=user, state="in_progress")
        assert snapshot() == before
