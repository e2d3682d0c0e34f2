import pytest
from django.db import IntegrityError, transaction

from kokeilu.agreements import services
from kokeilu.agreements.models import (
    AgreementAcceptance,
    AgreementTemplate,
    AgreementVersion,
    PartyKind,
    text_sha256,
)
from kokeilu.agreements.selectors import agreement_status
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.experiments.models import ExperimentMember, ExperimentPartner
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db


def _published(experiment, kyky, manager):
    agreement = services.agreement_draw(experiment=experiment, template=kyky, drawn_by=manager)
    return agreement, services.agreement_publish(agreement=agreement, published_by=manager)


def _accept_city(version, user):
    return services.agreement_accept(
        version=version, accepted_by=user, party_kind=PartyKind.CITY, text_sha256_seen=version.text_sha256
    )


def _accept_partner(version, user, partner):
    return services.agreement_accept(
        version=version,
        accepted_by=user,
        party_kind=PartyKind.PARTNER,
        partner=partner,
        text_sha256_seen=version.text_sha256,
    )


def test_kyky_template_exists_in_three_languages(kyky):
    for code in ("fi", "sv", "en"):
        body = getattr(kyky, f"body_{code}")
        assert "{{experiment}}" in body and "{{partners}}" in body
    assert "referen" in kyky.body_fi.lower() and "reference" in kyky.body_en.lower()
    assert "tietosuoja" in kyky.body_fi.lower() and "privacy" in kyky.body_en.lower()


def test_drawing_fills_the_placeholders(experiment, kyky, programme_manager, partner_company):
    agreement = services.agreement_draw(
        experiment=experiment, template=kyky, drawn_by=programme_manager, language="en"
    )
    assert "Koestamo test lab" in agreement.draft_text
    assert "Testiyritys Oy" in agreement.draft_text
    assert "Espoo" in agreement.draft_text
    assert "{{" not in agreement.draft_text
    with pytest.raises(ApplicationError):
        services.agreement_draw(experiment=experiment, template=kyky, drawn_by=programme_manager)


@pytest.mark.parametrize(
    "persona", ["team_member", "partner_member", "tester", "applicant", "other_city_manager"]
)
def test_only_managers_and_leads_draw_and_publish(experiment, kyky, persona, request, programme_manager):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        services.agreement_draw(experiment=experiment, template=kyky, drawn_by=user)
    agreement = services.agreement_draw(experiment=experiment, template=kyky, drawn_by=programme_manager)
    with pytest.raises(PermissionDeniedError):
        services.agreement_draft_update(agreement=agreement, updated_by=user, title="x", text="y")
    with pytest.raises(PermissionDeniedError):
        services.agreement_publish(agreement=agreement, published_by=user)
    assert not AgreementVersion.objects.exists()


def test_lead_draws_edits_and_publishes(experiment, kyky, experiment_lead):
    agreement = services.agreement_draw(experiment=experiment, template=kyky, drawn_by=experiment_lead)
    services.agreement_draft_update(
        agreement=agreement, updated_by=experiment_lead, title="Sopimus", text="Teksti"
    )
    version = services.agreement_publish(agreement=agreement, published_by=experiment_lead)
    assert (version.number, version.title, version.text) == (1, "Sopimus", "Teksti")
    assert version.text_sha256 == text_sha256("Teksti")
    with pytest.raises(ApplicationError) as error:
        services.agreement_publish(agreement=agreement, published_by=experiment_lead)
    assert error.value.code == "unchanged"


def test_a_city_template_of_another_city_cannot_be_used(
    experiment, programme_manager, other_city, other_city_manager
):
    foreign = services.template_create(
        city=other_city, created_by=other_city_manager, name_fi="Helsingin malli", body_fi="Teksti"
    )
    with pytest.raises(ApplicationError):
        services.agreement_draw(experiment=experiment, template=foreign, drawn_by=programme_manager)


def test_city_templates_are_kept_by_the_city_managers(city, programme_manager, experiment_lead, kyky):
    template = services.template_create(
        city=city, created_by=programme_manager, name_fi="Oma", body_fi="{{city}}"
    )
    services.template_update(template=template, updated_by=programme_manager, name_fi="Oma 2", body_fi="Uusi")
    template.refresh_from_db()
    assert template.name_fi == "Oma 2"
    with pytest.raises(PermissionDeniedError):
        services.template_create(city=city, created_by=experiment_lead, name_fi="x", body_fi="y")
    with pytest.raises(PermissionDeniedError):
        services.template_update(template=template, updated_by=experiment_lead, name_fi="x", body_fi="y")
    with pytest.raises(PermissionDeniedError):
        services.template_update(template=kyky, updated_by=programme_manager, name_fi="x", body_fi="y")
    with pytest.raises(ApplicationError):
        services.template_create(city=city, created_by=programme_manager, name_fi="", body_fi="y")
    assert AgreementTemplate.objects.get(pk=kyky.pk).name_fi.startswith("KYKY")


def test_every_party_accepts_then_the_agreement_is_in_force(
    experiment, kyky, programme_manager, partner_member, partner_company
):
    _agreement, version = _published(experiment, kyky, programme_manager)
    state = agreement_status(experiment=experiment)
    assert not state.in_force and len(state.waiting) == 2
    _accept_city(version, programme_manager)
    acceptance = _accept_partner(version, partner_member, partner_company)
    assert acceptance.party_name == "Testiyritys Oy"
    assert acceptance.text_sha256 == version.text_sha256
    state = agreement_status(experiment=experiment)
    assert state.in_force and state.waiting == []


def test_only_the_partys_representative_accepts(
    experiment,
    kyky,
    programme_manager,
    partner_member,
    partner_company,
    team_member,
    experiment_lead,
    site_admin,
):
    _agreement, version = _published(experiment, kyky, programme_manager)
    # A lead represents the company only when linked to it; a site admin does not act for the city.
    for user in (team_member, experiment_lead, programme_manager):
        with pytest.raises(PermissionDeniedError):
            _accept_partner(version, user, partner_company)
    for user in (partner_member, experiment_lead, team_member, site_admin):
        with pytest.raises(PermissionDeniedError):
            _accept_city(version, user)
    assert not AgreementAcceptance.objects.exists()
    ExperimentMember.objects.filter(experiment=experiment, user=experiment_lead).update(
        partner=partner_company
    )
    _accept_partner(version, experiment_lead, partner_company)
    with pytest.raises(ApplicationError) as error:
        _accept_partner(version, partner_member, partner_company)
    assert error.value.code == "accepted"


def test_accepting_needs_the_hash_of_the_text_and_the_latest_version(
    experiment, kyky, programme_manager, partner_member, partner_company
):
    agreement, first = _published(experiment, kyky, programme_manager)
    with pytest.raises(ApplicationError) as error:
        services.agreement_accept(
            version=first, accepted_by=programme_manager, party_kind=PartyKind.CITY, text_sha256_seen="0" * 64
        )
    assert error.value.code == "text_changed"
    _accept_city(first, programme_manager)
    services.agreement_draft_update(
        agreement=agreement, updated_by=programme_manager, title=agreement.draft_title, text="Muutettu teksti"
    )
    second = services.agreement_publish(agreement=agreement, published_by=programme_manager)
    assert second.number == 2
    with pytest.raises(ApplicationError) as error:
        _accept_partner(first, partner_member, partner_company)
    assert error.value.code == "not_latest"
    # The new version needs fresh acceptances; the old acceptance stays with version 1.
    state = agreement_status(experiment=experiment)
    assert state.current == second and len(state.waiting) == 2
    assert first.acceptances.count() == 1
    first.refresh_from_db()
    assert first.text != "Muutettu teksti"


def test_a_partner_added_later_must_accept_before_the_agreement_is_in_force(
    experiment, kyky, programme_manager, partner_member, partner_company
):
    _agreement, version = _published(experiment, kyky, programme_manager)
    _accept_city(version, programme_manager)
    _accept_partner(version, partner_member, partner_company)
    ExperimentPartner.objects.create(experiment=experiment, name="Koulu", role="test_site")
    state = agreement_status(experiment=experiment)
    assert not state.in_force and [party.name for party in state.waiting] == ["Koulu"]


def test_a_partner_that_accepted_cannot_be_removed(
    experiment, kyky, programme_manager, partner_member, partner_company
):
    from kokeilu.experiments.models import ExperimentPartner
    from kokeilu.experiments.services import partner_remove

    _agreement, version = _published(experiment, kyky, programme_manager)
    _accept_partner(version, partner_member, partner_company)
    with pytest.raises(ApplicationError) as error:
        partner_remove(partner=partner_company, removed_by=programme_manager)
    assert error.value.code == "partner_protected"
    assert ExperimentPartner.objects.filter(pk=partner_company.pk).exists()


def test_versions_and_acceptances_cannot_be_changed_or_deleted(experiment, kyky, programme_manager):
    _agreement, version = _published(experiment, kyky, programme_manager)
    acceptance = _accept_city(version, programme_manager)
    # The models refuse.
    version.text = "Toinen"
    with pytest.raises(ValueError):
        version.save()
    with pytest.raises(ValueError):
        version.delete()
    with pytest.raises(ValueError):
        acceptance.save()
    with pytest.raises(ValueError):
        acceptance.delete()
    # So does the database, also for bulk updates that skip the models.
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.filter(pk=version.pk).update(text="Toinen")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementAcceptance.objects.filter(pk=acceptance.pk).update(text_sha256="0" * 64)
    version.refresh_from_db()
    assert version.text != "Toinen"


def test_the_database_refuses_an_acceptance_with_another_hash(experiment, kyky, programme_manager):
    _agreement, version = _published(experiment, kyky, programme_manager)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementAcceptance.objects.bulk_create(
            [
                AgreementAcceptance(
                    version=version,
                    party_kind=PartyKind.CITY,
                    party_name="Espoo",
                    accepted_by=programme_manager,
                    accepted_at=version.published_at,
                    text_sha256="f" * 64,
                )
            ]
        )
    assert not AgreementAcceptance.objects.exists()


def test_on_postgresql_versions_cannot_be_deleted_nor_have_a_wrong_hash(experiment, kyky, programme_manager):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("DELETE and hash triggers are PostgreSQL's")
    _agreement, version = _published(experiment, kyky, programme_manager)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.filter(pk=version.pk)._raw_delete(using="default")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.bulk_create(
            [
                AgreementVersion(
                    agreement=version.agreement,
                    number=9,
                    title="x",
                    text="x",
                    text_sha256="0" * 64,
                    published_by=programme_manager,
                    published_at=version.published_at,
                )
            ]
        )


def test_experiment_with_published_agreement_is_protected(experiment, kyky, programme_manager):
    from django.db.models.deletion import ProtectedError

    _published(experiment, kyky, programme_manager)
    with pytest.raises(ProtectedError):
        experiment.delete()


def test_an_experiment_of_another_city_cannot_use_my_city_template(
    city, other_city, programme_manager, other_city_manager
):
    template = services.template_create(city=city, created_by=programme_manager, name_fi="Oma", body_fi="x")
    other = ExperimentFactory(city=other_city)
    with pytest.raises(ApplicationError):
        services.agreement_draw(experiment=other, template=template, drawn_by=other_city_manager)
