"""The references API: listing, drafting, editing, approving, consent and the PDF."""

import pytest
from django.urls import reverse

from kokeilu.references.models import Reference

from .conftest import TEXT_FI, pdf_text

pytestmark = pytest.mark.django_db


def api(name, **kwargs):
    return reverse(f"api-references-{name}", kwargs={"slug": "koestamo", **kwargs})


def test_the_whole_flow_through_the_api(
    client_for, completed, partner_company, experiment_lead, programme_manager, partner_member
):
    lead = client_for(experiment_lead)
    response = lead.post(
        api("list"), {"partner": partner_company.pk, "text_fi": TEXT_FI}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (
        body["state"] == "draft" and body["partner_name"] == "Testiyritys Oy" and body["approved_by"] is None
    )
    pk = body["id"]
    assert lead.get(api("pdf", pk=pk)).status_code == 404  # not approved yet
    response = lead.put(api("detail", pk=pk), {"text_sv": "Bra."}, content_type="application/json")
    assert (
        response.status_code == 200
        and response.json()["text_sv"] == "Bra."
        and response.json()["text_fi"] == ""
    )
    response = client_for(programme_manager).post(api("approve", pk=pk))
    assert response.status_code == 200
    assert (
        response.json()["state"] == "approved"
        and response.json()["approved_by"]["name"] == "Testi Ohjelmapäällikkö"
    )
    response = lead.put(api("detail", pk=pk), {"text_sv": "Ändrat."}, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "approved"
    response = client_for(partner_member).put(
        api("publication", pk=pk), {"publication_agreed": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["public"] is True
    pdf = lead.get(api("pdf", pk=pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Bra." in pdf_text(pdf.content)
    assert Reference.objects.get().text_sv == "Bra."


def test_refusals_answer_400(client_for, experiment, completed, partner_company, experiment_lead, draft):
    lead = client_for(experiment_lead)
    response = lead.post(
        api("list"), {"partner": partner_company.pk, "text_fi": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and "partner" in response.json()
    response = lead.post(api("list"), {"partner": 999999, "text_fi": "x"}, content_type="application/json")
    assert response.status_code == 400 and "partner" in response.json()
    response = lead.put(api("detail", pk=draft.pk), {}, content_type="application/json")
    assert response.status_code == 400 and "text_fi" in response.json()
    assert client_for(experiment_lead).get(api("detail", pk=999999)).status_code == 404
    assert Reference.objects.count() == 1
