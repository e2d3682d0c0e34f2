"""Every rule of company references."""

import pytest
from django.db import IntegrityError, transaction

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.experiments.models import Experiment, ExperimentPartner
from kokeilu.experiments.selectors import experiment_access
from kokeilu.references import services
from kokeilu.references.models import Reference, ReferenceState
from kokeilu.references.selectors import public_reference_list, reference_list
from tests.factories import ExperimentFactory

from .conftest import TEXT_FI

pytestmark = pytest.mark.django_db


def test_managers_and_leads_draft_a_reference_for_a_completed_experiment(
    draft, experiment_lead, partner_company
):
    assert draft.state == ReferenceState.DRAFT and draft.partner == partner_company
    assert draft.drafted_by == experiment_lead and draft.approved_by is None and draft.approved_at is None
    assert draft.text == TEXT_FI


@pytest.mark.parametrize("status", ["planned", "running", "cancelled"])
def test_no_reference_before_the_experiment_is_completed(
    status, experiment, partner_company, programme_manager
):
    Experiment.objects.filter(pk=experiment.pk).update(status=status)
    experiment.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        services.reference_create(
            experiment=experiment, partner=partner_company, drafted_by=programme_manager, text_fi="x"
        )
    assert error.value.code == "not_completed"
    assert not Reference.objects.exists()


@pytest.mark.parametrize(
    "persona", ["team_member", "partner_member", "tester", "applicant", "other_city_manager"]
)
def test_only_managers_and_leads_draft(persona, request, completed, partner_company):
    with pytest.raises(PermissionDeniedError):
        services.reference_create(
            experiment=completed,
            partner=partner_company,
            drafted_by=request.getfixturevalue(persona),
            text_fi="x",
        )
    assert not Reference.objects.exists()


def test_the_partner_must_be_the_experiments_and_have_no_reference_yet(
    city, completed, draft, partner_company, programme_manager
):
    elsewhere = ExperimentPartner.objects.create(experiment=ExperimentFactory(city=city), name="Muu Oy")
    with pytest.raises(ApplicationError) as error:
        services.reference_create(
            experiment=completed, partner=elsewhere, drafted_by=programme_manager, text_fi="x"
        )
    assert error.value.field == "partner"
    with pytest.raises(ApplicationError) as error:
        services.reference_create(
            experiment=completed, partner=partner_company, drafted_by=programme_manager, text_fi="x"
        )
    assert error.value.code == "exists"
    assert Reference.objects.count() == 1


def test_a_text_is_needed_in_at_least_one_language(completed, partner_company, programme_manager, draft):
    with pytest.raises(ApplicationError) as error:
        services.reference_update(reference=draft, updated_by=programme_manager, text_fi=" ", text_sv="")
    assert error.value.field == "text_fi"
    with pytest.raises(ApplicationError):
        services.reference_update(reference=draft, updated_by=programme_manager, text_en="x" * 8001)
    draft.refresh_from_db()
    assert draft.text_fi == TEXT_FI
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.filter(pk=draft.pk).update(text_fi="", text_sv="")


def test_the_draft_is_edited_by_managers_only(draft, experiment_lead, team_member, partner_member):
    services.reference_update(reference=draft, updated_by=experiment_lead, text_en="Great partner.")
    draft.refresh_from_db()
    assert (draft.text_fi, draft.text_sv, draft.text_en) == ("", "", "Great partner.")
    for user in (team_member, partner_member):
        with pytest.raises(PermissionDeniedError):
            services.reference_update(reference=draft, updated_by=user, text_en="Mine.")
    draft.refresh_from_db()
    assert draft.text_en == "Great partner."


def test_a_citys_programme_manager_approves_and_who_and_when_are_kept(draft, programme_manager):
    services.reference_approve(reference=draft, approved_by=programme_manager)
    draft.refresh_from_db()
    assert draft.state == ReferenceState.APPROVED
    assert draft.approved_by == programme_manager and draft.approved_at is not None


@pytest.mark.parametrize(
    "persona",
    ["experiment_lead", "team_member", "partner_member", "tester", "other_city_manager", "site_admin"],
)
def test_nobody_else_approves(persona, request, draft):
    with pytest.raises(PermissionDeniedError):
        services.reference_approve(reference=draft, approved_by=request.getfixturevalue(persona))
    draft.refresh_from_db()
    assert draft.state == ReferenceState.DRAFT and draft.approved_by is None


def test_an_approved_text_never_changes(approved, programme_manager):
    first_approval = (approved.approved_by_id, approved.approved_at)
    with pytest.raises(ApplicationError) as error:
        services.reference_update(reference=approved, updated_by=programme_manager, text_fi="Muutettu")
    assert error.value.code == "approved"
    with pytest.raises(ApplicationError):
        services.reference_approve(reference=approved, approved_by=programme_manager)
    approved.refresh_from_db()
    assert approved.text_fi == TEXT_FI and (approved.approved_by_id, approved.approved_at) == first_approval


def test_the_database_refuses_an_approval_without_who_and_when(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.filter(pk=draft.pk).update(state="approved")


def test_the_company_or_the_city_records_consent_to_publish(approved, partner_member, programme_manager):
    services.reference_set_publication(reference=approved, recorded_by=partner_member, agreed=True)
    approved.refresh_from_db()
    assert approved.is_public and approved.publication_agreed_by == partner_member
    services.reference_set_publication(reference=approved, recorded_by=programme_manager, agreed=False)
    approved.refresh_from_db()
    assert not approved.is_public and approved.publication_agreed_by is None


@pytest.mark.parametrize(
    "persona", ["experiment_lead", "team_member", "tester", "other_city_manager", "applicant"]
)
def test_nobody_else_records_consent(persona, request, approved):
    with pytest.raises(PermissionDeniedError):
        services.reference_set_publication(
            reference=approved, recorded_by=request.getfixturevalue(persona), agreed=True
        )
    approved.refresh_from_db()
    assert not approved.publication_agreed


def test_a_representative_of_another_partner_cannot_consent(approved, second_company, experiment):
    from kokeilu.experiments.models import ExperimentMember
    from tests.factories import UserFactory

    other = UserFactory()
    ExperimentMember.objects.create(experiment=experiment, user=other, role="partner", partner=second_company)
    with pytest.raises(PermissionDeniedError):
        services.reference_set_publication(reference=approved, recorded_by=other, agreed=True)


def test_a_draft_cannot_be_published(draft, partner_member):
    with pytest.raises(ApplicationError) as error:
        services.reference_set_publication(reference=draft, recorded_by=partner_member, agreed=True)
    assert error.value.field == "publication_agreed"
    draft.refresh_from_db()
    assert not draft.publication_agreed


def test_who_sees_which_references(
    approved, completed, second_company, experiment_lead, partner_member, request
):
    services.reference_create(
        experiment=completed, partner=second_company, drafted_by=experiment_lead, text_en="Draft."
    )

    def seen(name):
        user = request.getfixturevalue(name)
        access = experiment_access(user=user, experiment=completed)
        return {reference.partner.name for reference in reference_list(experiment=completed, access=access)}

    everything = {"Testiyritys Oy", "Toinen Yritys Ab"}
    for name in ("experiment_lead", "team_member", "partner_member", "programme_manager", "site_admin"):
        assert seen(name) == everything
    for name in ("tester", "applicant", "other_city_manager"):
        assert seen(name) == set()
    services.reference_set_publication(reference=approved, recorded_by=partner_member, agreed=True)
    assert seen("tester") == {"Testiyritys Oy"}
    assert seen("applicant") == set()  # the experiment is not public
    Experiment.objects.filter(pk=completed.pk).update(is_public=True)
    completed.refresh_from_db()
    completed.__dict__.pop("_access_cache", None)
    assert seen("applicant") == {"Testiyritys Oy"}
    assert [reference.partner.name for reference in public_reference_list(experiment=completed)] == [
        "Testiyritys Oy"
    ]
