import pytest
from django.urls import reverse

from kokeilu.agreements.models import AgreementAcceptance, AgreementVersion

pytestmark = pytest.mark.django_db


def _url(name, experiment, **kwargs):
    return reverse(f"api-agreements-{name}", kwargs={"slug": experiment.slug, **kwargs})


def test_the_api_journey(
    experiment, kyky, programme_manager, partner_member, partner_company, tester, client_for
):
    manager = client_for(programme_manager)
    created = manager.post(
        _url("draft", experiment), {"template": kyky.pk, "language": "sv"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert "Testiyritys Oy" in created.json()["text"]
    updated = manager.put(
        _url("draft", experiment), {"title": "Avtal", "text": "Avtalstext"}, content_type="application/json"
    )
    assert updated.status_code == 200
    published = manager.post(_url("publish", experiment))
    assert published.status_code == 201
    body = published.json()
    assert body["number"] == 1 and body["text"] == "Avtalstext"
    again = manager.post(_url("publish", experiment))
    assert again.status_code == 400 and again.json()["code"] == "unchanged"

    status = client_for(tester).get(_url("status", experiment)).json()
    assert status["in_force"] is False and status["waiting_count"] == 2
    assert [party["can_accept"] for party in status["parties"]] == [False, False]
    partner_status = client_for(partner_member).get(_url("status", experiment)).json()
    assert [party["can_accept"] for party in partner_status["parties"]] == [False, True]

    wrong = client_for(partner_member).post(
        _url("accept", experiment, number=1),
        {"party": str(partner_company.pk), "text_sha256": "0" * 64},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    for client, party in ((client_for(partner_member), str(partner_company.pk)), (manager, "city")):
        response = client.post(
            _url("accept", experiment, number=1),
            {"party": party, "text_sha256": body["text_sha256"]},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
    status = client_for(tester).get(_url("status", experiment)).json()
    assert status["in_force"] is True and status["waiting_count"] == 0
    versions = client_for(tester).get(_url("versions", experiment)).json()
    assert [item["number"] for item in versions] == [1]
    assert len(versions[0]["acceptances"]) == 2
    detail = client_for(tester).get(_url("version", experiment, number=1)).json()
    assert detail["text"] == "Avtalstext"
    partners = client_for(tester).get(_url("partners", experiment)).json()
    assert partners[0]["name"] == "Testiyritys Oy"
    assert partners[0]["representatives"][0]["member_role"] == "partner"


def test_tester_cannot_accept_or_publish(
    experiment, kyky, programme_manager, tester, partner_company, client_for
):
    manager = client_for(programme_manager)
    manager.post(_url("draft", experiment), {"template": kyky.pk}, content_type="application/json")
    manager.post(_url("publish", experiment))
    version = AgreementVersion.objects.get()
    client = client_for(tester)
    for party in ("city", str(partner_company.pk)):
        response = client.post(
            _url("accept", experiment, number=1),
            {"party": party, "text_sha256": version.text_sha256},
            content_type="application/json",
        )
        assert response.status_code == 403
    assert client.post(_url("publish", experiment)).status_code == 403
    assert not AgreementAcceptance.objects.exists()


def test_draft_of_another_citys_template_is_refused(
    experiment, programme_manager, other_city, other_city_manager, client_for
):
    from kokeilu.agreements import services

    foreign = services.template_create(
        city=other_city, created_by=other_city_manager, name_fi="H", body_fi="x"
    )
    response = client_for(programme_manager).post(
        _url("draft", experiment), {"template": foreign.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "template" in response.json()
