import pytest
from django.urls import reverse

from kokeilu.agreements import services
from kokeilu.agreements.models import Agreement, AgreementAcceptance, AgreementVersion
from kokeilu.experiments.models import ExperimentPartner

pytestmark = pytest.mark.django_db


def _url(name, experiment, **kwargs):
    return reverse(f"agreements:{name}", kwargs={"slug": experiment.slug, **kwargs})


def test_full_journey_on_the_pages(
    experiment, kyky, programme_manager, partner_member, partner_company, tester, client_for
):
    manager = client_for(programme_manager)
    response = manager.post(_url("draw", experiment), {"template": kyky.pk, "language": "fi"})
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert manager.get(_url("draft", experiment)).status_code == 200
    response = manager.post(
        _url("draft", experiment), {"title": "Koestamon sopimus", "text": "Sopimusteksti 1"}
    )
    assert response.status_code == 302
    assert manager.post(_url("publish", experiment)).status_code == 302
    version = AgreementVersion.objects.get(agreement=agreement)
    page = client_for(tester).get(_url("agreement", experiment)).content.decode()
    assert "Sopimusteksti 1" in page and "Testiyritys Oy" in page
    assert "odottaa" in page.lower() or "waiting" in page.lower()
    # The tester sees the text but has nothing to accept.
    assert _url("accept", experiment, number=1) not in page
    partner_page = client_for(partner_member).get(_url("agreement", experiment)).content.decode()
    assert _url("accept", experiment, number=1) in partner_page
    response = client_for(partner_member).post(
        _url("accept", experiment, number=1),
        {"party": partner_company.pk, "text_sha256": version.text_sha256},
    )
    assert response.status_code == 302
    manager.post(_url("accept", experiment, number=1), {"party": "city", "text_sha256": version.text_sha256})
    assert AgreementAcceptance.objects.count() == 2
    page = client_for(tester).get(_url("agreement", experiment)).content.decode()
    assert "hds-notification--success" in page
    detail = client_for(tester).get(_url("version", experiment, number=1))
    assert detail.status_code == 200 and version.text_sha256 in detail.content.decode()
    overview = client_for(tester).get(reverse("experiments:detail", kwargs={"slug": experiment.slug}))
    assert 'id="agreement-overview-heading"' in overview.content.decode()


def test_stale_hash_is_refused_on_the_page(experiment, kyky, programme_manager, client_for):
    agreement = services.agreement_draw(experiment=experiment, template=kyky, drawn_by=programme_manager)
    services.agreement_publish(agreement=agreement, published_by=programme_manager)
    response = client_for(programme_manager).post(
        _url("accept", experiment, number=1), {"party": "city", "text_sha256": "0" * 64}, follow=True
    )
    assert response.status_code == 200
    assert not AgreementAcceptance.objects.exists()


def test_partners_are_added_edited_and_removed_by_managers(experiment, experiment_lead, client_for):
    client = client_for(experiment_lead)
    response = client.post(_url("partner_add", experiment), {"name": "Uusi Oy", "role": "partner"})
    assert response.status_code == 302
    partner = ExperimentPartner.objects.get(name="Uusi Oy")
    assert client.get(_url("partner_edit", experiment, pk=partner.pk)).status_code == 200
    response = client.post(
        _url("partner_edit", experiment, pk=partner.pk), {"name": "Uudempi Oy", "role": "test_site"}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.role) == ("Uudempi Oy", "test_site")
    assert client.post(_url("partner_remove", experiment, pk=partner.pk)).status_code == 302
    assert not ExperimentPartner.objects.filter(pk=partner.pk).exists()


def test_duplicate_partner_keeps_the_typed_values(experiment, experiment_lead, partner_company, client_for):
    response = client_for(experiment_lead).post(
        _url("partner_add", experiment),
        {"name": "Testiyritys Oy", "role": "partner", "contact_email": "a@example.test"},
    )
    assert response.status_code == 400
    assert "a@example.test" in response.content.decode()


def test_a_partner_who_accepted_stays(
    experiment, kyky, programme_manager, partner_member, partner_company, client_for
):
    agreement = services.agreement_draw(experiment=experiment, template=kyky, drawn_by=programme_manager)
    version = services.agreement_publish(agreement=agreement, published_by=programme_manager)
    services.agreement_accept(
        version=version,
        accepted_by=partner_member,
        party_kind="partner",
        partner=partner_company,
        text_sha256_seen=version.text_sha256,
    )
    response = client_for(programme_manager).post(_url("partner_remove", experiment, pk=partner_company.pk))
    assert response.status_code == 302
    assert ExperimentPartner.objects.filter(pk=partner_company.pk).exists()


def test_city_manager_creates_a_template_and_uses_it(experiment, programme_manager, client_for):
    client = client_for(programme_manager)
    response = client.post(
        _url("templates", experiment), {"name_fi": "Espoon malli", "body_fi": "Kokeilu {{experiment}}"}
    )
    assert response.status_code == 302
    from kokeilu.agreements.models import AgreementTemplate

    template = AgreementTemplate.objects.get(name_fi="Espoon malli")
    client.post(_url("draw", experiment), {"template": template.pk, "language": "fi"})
    assert Agreement.objects.get().draft_text == "Kokeilu Koestamo"


def test_lead_cannot_create_city_templates(experiment, experiment_lead, kyky, client_for):
    client = client_for(experiment_lead)
    assert client.get(_url("templates", experiment)).status_code == 200
    assert client.post(_url("templates", experiment), {"name_fi": "x", "body_fi": "y"}).status_code == 403
    assert client.get(_url("template", experiment, pk=kyky.pk)).status_code == 200


def test_agreement_page_query_count(
    experiment,
    kyky,
    programme_manager,
    partner_member,
    partner_company,
    client_for,
    django_assert_max_num_queries,
):
    for number in range(5):
        ExperimentPartner.objects.create(experiment=experiment, name=f"Kumppani {number}")
    agreement = services.agreement_draw(experiment=experiment, template=kyky, drawn_by=programme_manager)
    for number in range(3):
        services.agreement_draft_update(
            agreement=agreement, updated_by=programme_manager, title="S", text=f"Teksti {number}"
        )
        services.agreement_publish(agreement=agreement, published_by=programme_manager)
    client = client_for(partner_member)
    with django_assert_max_num_queries(20):
        assert client.get(_url("agreement", experiment)).status_code == 200
