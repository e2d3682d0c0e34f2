"""The permission matrix: every persona against every proposal page and API endpoint.

The rule under test (selectors.py): a proposal is visible to its creator, its accepted co-applicants,
reviewers assigned to it, and — unless it is a draft — the programme managers of the call's city and site
administrators. Only the creator and accepted co-applicants edit; only the creator withdraws, reopens and
manages co-applicants. Not visible → 404; visible but not allowed → 403; anonymous → login (pages) or 403
(API). A denied attempt changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kokeilu.proposals import services
from kokeilu.proposals.forms import proposal_form_data
from kokeilu.proposals.models import CoApplicant, CoApplicantStatus, Proposal, ProposalStatus
from tests.factories import ReviewAssignmentFactory, SubmittedProposalFactory

from .helpers import make_accepted_co_applicant, pdf_bytes, snapshot, upload

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "owner",
    "other_applicant",
    "co_applicant",
    "assigned_reviewer",
    "unassigned_reviewer",
    "programme_manager",
    "other_city_manager",
    "site_admin",
]
EDITORS = {"owner", "co_applicant"}
TITLE = "Matriisin ehdotus"


@pytest.fixture
def world(
    call,
    applicant,
    other_applicant,
    co_applicant,
    reviewer,
    second_reviewer,
    programme_manager,
    other_city_manager,
    site_admin,
):
    proposal = SubmittedProposalFactory(
        call=call,
        created_by=applicant,
        title=TITLE,
        organisation_name="Robotiikka Oy",
        solution="Robotti opastaa.",
        team="Kaksi insinööriä.",
        budget=5000,
        duration_months=2,
        schedule="Syksy.",
    )
    make_accepted_co_applicant(proposal, co_applicant)
    ReviewAssignmentFactory(proposal=proposal, reviewer=reviewer)
    attachment = services.attachment_upload(
        proposal=proposal, uploaded_by=applicant, file=upload("liite.pdf", pdf_bytes())
    )
    pending = CoApplicant.objects.create(
        proposal=proposal, email="pending@example.test", invited_by=applicant
    )
    people = {
        "anonymous": None,
        "owner": applicant,
        "other_applicant": other_applicant,
        "co_applicant": co_applicant,
        "assigned_reviewer": reviewer,
        "unassigned_reviewer": second_reviewer,
        "programme_manager": programme_manager,
        "other_city_manager": other_city_manager,
        "site_admin": site_admin,
    }
    return SimpleNamespace(proposal=proposal, attachment=attachment, pending=pending, people=people)


def put_in_state(proposal: Proposal, state: str) -> None:
    if state == "draft":
        Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.DRAFT, submitted_at=None)
    elif state == "withdrawn":
        Proposal.objects.filter(pk=proposal.pk).update(
            status=ProposalStatus.WITHDRAWN, withdrawn_at=timezone.now()
        )


def page(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(f"proposals:{name}", kwargs=kwargs)


API = "/api/v1/me/proposals"


@dataclass(frozen=True)
class Endpoint:
    name: str
    face: str  # "page" or "api"
    method: str
    path: Callable[[SimpleNamespace], str]
    rule: str  # "read", "edit" or "owner"
    success: int
    state: str = "submitted"
    data: Callable[[SimpleNamespace], dict] | None = None
    json: bool = False
    effect: Callable[[SimpleNamespace], bool] | None = field(default=None)


def _pk(world: SimpleNamespace) -> int:
    return world.proposal.pk


def _edited(world: SimpleNamespace) -> bool:
    return Proposal.objects.get(pk=_pk(world)).title == "Muutettu"


def _status_is(status: str) -> Callable[[SimpleNamespace], bool]:
    return lambda world: Proposal.objects.get(pk=_pk(world)).status == status


def _attachment_added(world: SimpleNamespace) -> bool:
    return world.proposal.attachments.count() == 2


def _attachment_removed(world: SimpleNamespace) -> bool:
    return not world.proposal.attachments.exists()


def _invited(world: SimpleNamespace) -> bool:
    return world.proposal.co_applicants.filter(email="uusi@example.test", status="invited").exists()


def _revoked(world: SimpleNamespace) -> bool:
    return CoApplicant.objects.get(pk=world.pending.pk).status == CoApplicantStatus.REVOKED


def _form(world: SimpleNamespace) -> dict:
    return proposal_form_data(Proposal.objects.get(pk=_pk(world)), {}) | {"title": "Muutettu", "save": "1"}


def _file(world: SimpleNamespace) -> dict:
    return {"file": upload("toinen.pdf", pdf_bytes())}


ENDPOINTS = [
    Endpoint("page detail", "page", "get", lambda w: page("detail", pk=_pk(w)), "read", 200),
    Endpoint("page edit form", "page", "get", lambda w: page("edit", pk=_pk(w)), "edit", 200),
    Endpoint(
        "page edit save",
        "page",
        "post",
        lambda w: page("edit", pk=_pk(w)),
        "edit",
        302,
        data=_form,
        effect=_edited,
    ),
    Endpoint(
        "page submit",
        "page",
        "post",
        lambda w: page("submit", pk=_pk(w)),
        "edit",
        302,
        state="draft",
        effect=_status_is("submitted"),
    ),
    Endpoint("page withdraw confirm", "page", "get", lambda w: page("withdraw", pk=_pk(w)), "owner", 200),
    Endpoint(
        "page withdraw",
        "page",
        "post",
        lambda w: page("withdraw", pk=_pk(w)),
        "owner",
        302,
        effect=_status_is("withdrawn"),
    ),
    Endpoint(
        "page reopen",
        "page",
        "post",
        lambda w: page("reopen", pk=_pk(w)),
        "owner",
        302,
        state="withdrawn",
        effect=_status_is("draft"),
    ),
    Endpoint(
        "page attachment upload",
        "page",
        "post",
        lambda w: page("attachment_upload", pk=_pk(w)),
        "edit",
        302,
        data=_file,
        effect=_attachment_added,
    ),
    Endpoint(
        "page attachment download",
        "page",
        "get",
        lambda w: page("attachment_download", pk=_pk(w), attachment_pk=w.attachment.pk),
        "read",
        200,
    ),
    Endpoint(
        "page attachment delete",
        "page",
        "post",
        lambda w: page("attachment_delete", pk=_pk(w), attachment_pk=w.attachment.pk),
        "edit",
        302,
        effect=_attachment_removed,
    ),
    Endpoint(
        "page co-applicant invite",
        "page",
        "post",
        lambda w: page("coapplicant_invite", pk=_pk(w)),
        "owner",
        302,
        data=lambda w: {"email": "uusi@example.test"},
        effect=_invited,
    ),
    Endpoint(
        "page co-applicant revoke",
        "page",
        "post",
        lambda w: page("coapplicant_revoke", pk=_pk(w), coapplicant_pk=w.pending.pk),
        "owner",
        302,
        effect=_revoked,
    ),
    Endpoint("api detail", "api", "get", lambda w: f"{API}/{_pk(w)}/", "read", 200),
    Endpoint(
        "api patch",
        "api",
        "patch",
        lambda w: f"{API}/{_pk(w)}/",
        "edit",
        200,
        data=lambda w: {"title": "Muutettu"},
        json=True,
        effect=_edited,
    ),
    Endpoint(
        "api submit",
        "api",
        "post",
        lambda w: f"{API}/{_pk(w)}/submit/",
        "edit",
        200,
        state="draft",
        json=True,
        effect=_status_is("submitted"),
    ),
    Endpoint(
        "api withdraw",
        "api",
        "post",
        lambda w: f"{API}/{_pk(w)}/withdraw/",
        "owner",
        200,
        json=True,
        effect=_status_is("withdrawn"),
    ),
    Endpoint(
        "api reopen",
        "api",
        "post",
        lambda w: f"{API}/{_pk(w)}/reopen/",
        "owner",
        200,
        state="withdrawn",
        json=True,
        effect=_status_is("draft"),
    ),
    Endpoint("api attachment list", "api", "get", lambda w: f"{API}/{_pk(w)}/attachments/", "read", 200),
    Endpoint(
        "api attachment upload",
        "api",
        "post",
        lambda w: f"{API}/{_pk(w)}/attachments/",
        "edit",
        201,
        data=_file,
        effect=_attachment_added,
    ),
    Endpoint(
        "api attachment download",
        "api",
        "get",
        lambda w: f"{API}/{_pk(w)}/attachments/{w.attachment.pk}/download/",
        "read",
        200,
    ),
    Endpoint(
        "api attachment delete",
        "api",
        "delete",
        lambda w: f"{API}/{_pk(w)}/attachments/{w.attachment.pk}/",
        "edit",
        204,
        effect=_attachment_removed,
    ),
    Endpoint(
        "api co-applicant invite",
        "api",
        "post",
        lambda w: f"{API}/{_pk(w)}/co-applicants/",
        "owner",
        201,
        data=lambda w: {"email": "uusi@example.test"},
        json=True,
        effect=_invited,
    ),
    Endpoint(
        "api co-applicant revoke",
        "api",
        "post",
        lambda w: f"{API}/{_pk(w)}/co-applicants/{w.pending.pk}/revoke/",
        "owner",
        200,
        json=True,
        effect=_revoked,
    ),
]


def expected_outcome(endpoint: Endpoint, persona: str) -> tuple[int, bool]:
    """(status code, whether the action is permitted) for a persona at an endpoint."""
    if persona == "anonymous":
        return (302 if endpoint.face == "page" else 403), False
    visible = {"owner", "co_applicant", "assigned_reviewer"}
    if endpoint.state != "draft":
        visible |= {"programme_manager", "site_admin"}
    allowed = {"read": visible, "edit": EDITORS, "owner": {"owner"}}[endpoint.rule]
    if persona in allowed:
        return endpoint.success, True
    return (403 if persona in visible else 404), False


def send(client: Client, endpoint: Endpoint, world: SimpleNamespace):
    path = endpoint.path(world)
    data = endpoint.data(world) if endpoint.data else {}
    request = getattr(client, endpoint.method)
    if endpoint.method == "get":
        return request(path)
    if endpoint.json or endpoint.method in ("patch", "delete"):
        return request(path, data, content_type="application/json")
    return request(path, data)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
def test_permission_matrix(world, client_for, endpoint, persona):
    put_in_state(world.proposal, endpoint.state)
    before = snapshot(world.proposal)
    pending_before = CoApplicant.objects.get(pk=world.pending.pk).status
    client = client_for(world.people[persona])

    response = send(client, endpoint, world)

    expected, permitted = expected_outcome(endpoint, persona)
    assert response.status_code == expected
    if persona == "anonymous" and endpoint.face == "page":
        assert response["Location"].startswith("/en/accounts/login/?next=/en/proposals/")
    if permitted and endpoint.effect is not None:
        assert endpoint.effect(world)
        return
    # Reads and every refused write leave everything as it was.
    assert snapshot(world.proposal) == before
    assert CoApplicant.objects.get(pk=world.pending.pk).status == pending_before
    if not permitted:
        return
    # What a permitted reader sees.
    if endpoint.name == "page detail":
        content = response.content.decode()
        assert f"<h1>{TITLE}</h1>" in content
        # Invitations and co-applicants' addresses are for the people writing the proposal only.
        assert ("pending@example.test" in content) is (persona in EDITORS)
    elif endpoint.name == "page edit form":
        assert f'value="{TITLE}"' in response.content.decode()
    elif endpoint.name == "api detail":
        body = response.json()
        assert (body["id"], body["title"], body["status"]) == (world.proposal.pk, TITLE, "submitted")
        assert body["can_edit"] is (persona in EDITORS)
        assert body["can_withdraw"] is (persona == "owner")
        assert bool(body["co_applicants"]) is (persona in EDITORS)
    elif endpoint.name == "api attachment list":
        assert [item["original_name"] for item in response.json()] == ["liite.pdf"]
    elif "download" in endpoint.name:
        assert b"".join(response.streaming_content) == pdf_bytes()
        assert response["Content-Disposition"] == 'attachment; filename="liite.pdf"'


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_show_only_own_and_co_applied_proposals(world, client_for, persona):
    client = client_for(world.people[persona])
    mine = client.get(page("mine"))
    api_list = client.get(f"{API}/")
    create = client.get(page("create", slug=world.proposal.call.slug))
    if persona == "anonymous":
        assert (mine.status_code, api_list.status_code, create.status_code) == (302, 403, 302)
        return
    assert (mine.status_code, api_list.status_code, create.status_code) == (200, 200, 200)
    expected_ids = [world.proposal.pk] if persona in EDITORS else []
    assert [item["id"] for item in api_list.json()["results"]] == expected_ids
    assert (TITLE in mine.content.decode()) is (persona in EDITORS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_unknown_proposal_is_not_found_for_everyone(world, client_for, persona):
    client = client_for(world.people[persona])
    missing = world.proposal.pk + 1000
    expected_page = 302 if persona == "anonymous" else 404
    expected_api = 403 if persona == "anonymous" else 404
    assert client.get(page("detail", pk=missing)).status_code == expected_page
    assert client.get(f"{API}/{missing}/").status_code == expected_api
    # An attachment is found only through its own proposal.
    other = SubmittedProposalFactory(call=world.proposal.call, created_by=world.people["owner"])
    wrong_pair = page("attachment_download", pk=other.pk, attachment_pk=world.attachment.pk)
    assert client.get(wrong_pair).status_code == expected_page
