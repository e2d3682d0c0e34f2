"""The references pages: the team's list, drafting, approving, consent, the PDF and the public page."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, override

from kokeilu.experiments.models import Experiment, ExperimentPartner
from kokeilu.experiments.selectors import experiment_access
from kokeilu.references import services
from kokeilu.references.models import Reference, ReferenceState
from kokeilu.references.overview import overview_context

from .conftest import TEXT_FI, pdf_text

pytestmark = pytest.mark.django_db


def _(text: str) -> str:
    with override("fi"):
        return gettext(text)


def url(name, **kwargs):
    return reverse(f"references:{name}", kwargs={"slug": "koestamo", **kwargs})


def test_the_list_page_keeps_its_queries_flat(
    client_for, completed, experiment_lead, programme_manager, django_assert_max_num_queries
):
    for number in range(12):
        partner = ExperimentPartner.objects.create(experiment=completed, name=f"Yritys {number} Oy")
        reference = services.reference_create(
            experiment=completed, partner=partner, drafted_by=experiment_lead, text_fi="Teksti."
        )
        if number % 2:
            services.reference_approve(reference=reference, approved_by=programme_manager)
    client = client_for(programme_manager)
    with django_assert_max_num_queries(16):
        response = client.get(url("experiment"))
    assert response.status_code == 200
    assert response.content.decode().count(url("detail", pk=reference.pk)) == 1


def test_a_lead_drafts_and_edits_and_errors_keep_what_was_typed(
    client_for, completed, partner_company, experiment_lead
):
    client = client_for(experiment_lead)
    page = client.get(url("experiment")).content.decode()
    assert "Testiyritys Oy" in page and url("create") in page
    response = client.post(url("create"), {"partner": partner_company.pk, "text_fi": "", "text_sv": "  "})
    assert response.status_code == 400
    assert _("Write the reference in at least one language.") in response.content.decode()
    response = client.post(url("create"), {"partner": partner_company.pk, "text_fi": TEXT_FI})
    reference = Reference.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", pk=reference.pk)
    response = client.post(url("edit", pk=reference.pk), {"text_en": "Fine company."})
    assert response.status_code == 302
    reference.refresh_from_db()
    assert reference.text_en == "Fine company." and reference.text_fi == ""


def test_no_draft_form_before_completion(client_for, experiment, partner_company, experiment_lead):
    page = client_for(experiment_lead).get(url("experiment")).content.decode()
    assert url("create") not in page


def test_only_the_citys_programme_manager_sees_the_approve_button(
    client_for, draft, programme_manager, experiment_lead
):
    approve = url("approve", pk=draft.pk)
    assert approve not in client_for(experiment_lead).get(url("detail", pk=draft.pk)).content.decode()
    assert approve in client_for(programme_manager).get(url("detail", pk=draft.pk)).content.decode()
    response = client_for(programme_manager).post(approve)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == ReferenceState.APPROVED


def test_an_approved_reference_cannot_be_edited_from_the_page(client_for, approved, programme_manager):
    client = client_for(programme_manager)
    assert client.get(url("edit", pk=approved.pk)).status_code == 302
    assert client.post(url("edit", pk=approved.pk), {"text_fi": "Muutettu"}).status_code == 400
    approved.refresh_from_db()
    assert approved.text_fi == TEXT_FI
    # Approving twice is refused with a message, not a change.
    client.post(url("approve", pk=approved.pk))
    approved.refresh_from_db()
    assert approved.state == ReferenceState.APPROVED


def test_the_partner_consents_and_the_pdf_downloads(client_for, approved, partner_member):
    client = client_for(partner_member)
    detail = client.get(url("detail", pk=approved.pk)).content.decode()
    assert url("publication", pk=approved.pk) in detail and url("pdf", pk=approved.pk) in detail
    client.post(url("publication", pk=approved.pk), {"publication_agreed": "yes"})
    approved.refresh_from_db()
    assert approved.is_public
    response = client.get(url("pdf", pk=approved.pk))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="reference-testiyritys-oy-koestamo.pdf"' in response["Content-Disposition"]
    assert "Testiyritys Oy" in pdf_text(response.content)


def test_the_public_page_of_a_public_experiment(client_for, approved, partner_member, completed):
    Experiment.objects.filter(pk=completed.pk).update(is_public=True)
    assert "Testiyritys Oy" not in client_for(None).get(url("public")).content.decode()
    services.reference_set_publication(reference=approved, recorded_by=partner_member, agreed=True)
    content = client_for(None).get(url("public")).content.decode()
    assert "Testiyritys Oy" in content and url("pdf", pk=approved.pk) in content


def test_the_overview_section(completed, approved, programme_manager, tester, applicant, partner_member):
    def section(user):
        completed.__dict__.pop("_access_cache", None)
        return overview_context(
            experiment=completed, access=experiment_access(user=user, experiment=completed), user=user
        )

    team = section(programme_manager)
    assert team["is_team"] and team["count"] == 1 and team["approved"] == 1
    assert section(tester) is None and section(applicant) is None
    services.reference_set_publication(reference=approved, recorded_by=partner_member, agreed=True)
    assert section(tester)["public_count"] == 1
    html = render_to_string("references/_overview.html", {"section": team})
    assert 'aria-labelledby="references-overview-heading"' in html and url("experiment") in html
    html = render_to_string("references/_overview.html", {"section": section(tester)})
    assert url("public") in html
