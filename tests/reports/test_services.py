"""Every rule of the final report services and the publication selectors."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.reports import selectors, services
from kokeilu.reports.models import (
    REPORT_TRANSITIONS,
    FinalReport,
    Learning,
    Measure,
    NextStep,
    Quote,
    ReportState,
    Visibility,
)

from .conftest import (
    INTERNAL_GATE_ANSWER,
    INTERNAL_LEARNING,
    PUBLIC_GATE_ANSWER,
    PUBLIC_LEARNING,
    PUBLIC_QUOTE,
    UNCONSENTED_QUOTE,
    end,
    write_complete_draft,
)

pytestmark = pytest.mark.django_db


# --- Who writes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["experiment_lead", "team_member", "partner_member", "programme_manager"])
def test_the_team_writes_the_draft(persona, experiment, people, request):
    user = request.getfixturevalue(persona)
    report = services.report_update(experiment=experiment, updated_by=user, summary_fi="Yhteenveto")
    assert report.state == ReportState.DRAFT
    assert report.created_by == user
    assert FinalReport.objects.get().summary_fi == "Yhteenveto"


@pytest.mark.parametrize("persona", ["tester", "other_tester", "applicant", "other_city_manager"])
def test_others_cannot_write(persona, experiment, people, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        services.report_update(experiment=experiment, updated_by=user, summary_fi="x")
    with pytest.raises(PermissionDeniedError):
        services.learning_create(experiment=experiment, created_by=user, statement_fi="x", evidence="y")
    with pytest.raises(PermissionDeniedError):
        services.quote_create(experiment=experiment, created_by=user, text="x", speaker="y")
    with pytest.raises(PermissionDeniedError):
        services.measure_create(experiment=experiment, created_by=user, name="x", before_value="1")
    assert not FinalReport.objects.exists()


def test_a_planned_experiment_has_no_report_yet(experiment, experiment_lead):
    experiment.status = "planned"
    experiment.save()
    with pytest.raises(ApplicationError) as error:
        services.report_update(experiment=experiment, updated_by=experiment_lead, summary_fi="x")
    assert error.value.code == "not_started"
    assert not FinalReport.objects.exists()


def test_report_start_is_idempotent(experiment, experiment_lead):
    first = services.report_start(experiment=experiment, started_by=experiment_lead)
    second = services.report_start(experiment=experiment, started_by=experiment_lead)
    assert first.pk == second.pk and FinalReport.objects.count() == 1


def test_report_update_validates(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.report_update(experiment=experiment, updated_by=experiment_lead, next_step="maybe")
    assert error.value.field == "next_step"
    with pytest.raises(ApplicationError) as error:
        services.report_update(
            experiment=experiment, updated_by=experiment_lead, next_step_owner_name="x" * 201
        )
    assert error.value.field == "next_step_owner_name"


def test_owner_user_fills_the_owner_name(experiment, experiment_lead, team_member):
    report = services.report_update(
        experiment=experiment,
        updated_by=experiment_lead,
        next_step=NextStep.SCALE,
        next_step_owner_user=team_member,
    )
    assert report.next_step_owner_user == team_member
    assert report.next_step_owner_name == team_member.get_full_name()


# --- The state machine ----------------------------------------------------------------------------------


def test_transitions_are_in_one_place():
    assert {
        "draft": {"submitted"},
        "submitted": {"approved", "draft"},
        "approved": set(),
    } == REPORT_TRANSITIONS


def test_submit_needs_an_ended_experiment(draft, experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.report_submit(experiment=experiment, submitted_by=experiment_lead)
    assert error.value.code == "experiment_not_ended"
    assert FinalReport.objects.get().state == ReportState.DRAFT


def test_submit_records_who_and_when(draft, experiment, team_member):
    end(experiment)
    report = services.report_submit(experiment=experiment, submitted_by=team_member)
    assert report.state == ReportState.SUBMITTED
    assert report.submitted_by == team_member and report.submitted_at is not None


@pytest.mark.parametrize(
    ("missing", "field"),
    [
        ({"summary_fi": "", "summary_en": ""}, "summary_fi"),
        ({"next_step": ""}, "next_step"),
        ({"next_step_owner_name": ""}, "next_step_owner_name"),
        ({"next_step_reason": ""}, "next_step_reason"),
    ],
)
def test_submit_refuses_an_incomplete_report(missing, field, experiment, experiment_lead):
    fields = {
        "summary_fi": "S",
        "summary_en": "S",
        "next_step": NextStep.STOP,
        "next_step_owner_name": "Yksikkö",
        "next_step_reason": "Syy",
    }
    services.report_update(experiment=experiment, updated_by=experiment_lead, **{**fields, **missing})
    services.learning_create(
        experiment=experiment, created_by=experiment_lead, statement_fi="L", evidence="E"
    )
    end(experiment)
    with pytest.raises(ApplicationError) as error:
        services.report_submit(experiment=experiment, submitted_by=experiment_lead)
    assert error.value.field == field
    assert FinalReport.objects.get().state == ReportState.DRAFT


def test_submit_needs_a_learning(experiment, experiment_lead):
    services.report_update(
        experiment=experiment,
        updated_by=experiment_lead,
        summary_fi="S",
        next_step=NextStep.STOP,
        next_step_owner_name="Y",
        next_step_reason="R",
    )
    end(experiment)
    with pytest.raises(ApplicationError) as error:
        services.report_submit(experiment=experiment, submitted_by=experiment_lead)
    assert error.value.code == "no_learnings"


def test_submit_without_a_report(experiment, experiment_lead):
    end(experiment)
    with pytest.raises(ApplicationError) as error:
        services.report_submit(experiment=experiment, submitted_by=experiment_lead)
    assert error.value.code == "no_report"


def test_tester_cannot_submit(draft, experiment, tester):
    end(experiment)
    with pytest.raises(PermissionDeniedError):
        services.report_submit(experiment=experiment, submitted_by=tester)


def test_a_submitted_report_cannot_be_edited(submitted, experiment, experiment_lead):
    learning = Learning.objects.filter(report=submitted).first()
    quote = Quote.objects.filter(report=submitted).first()
    measure = Measure.objects.filter(report=submitted).first()
    calls = [
        lambda: services.report_update(experiment=experiment, updated_by=experiment_lead, summary_fi="x"),
        lambda: services.learning_create(
            experiment=experiment, created_by=experiment_lead, statement_fi="x", evidence="y"
        ),
        lambda: services.learning_update(
            learning=learning, updated_by=experiment_lead, statement_fi="x", evidence="y"
        ),
        lambda: services.learning_delete(learning=learning, deleted_by=experiment_lead),
        lambda: services.quote_update(quote=quote, updated_by=experiment_lead, text="x", speaker="y"),
        lambda: services.quote_delete(quote=quote, deleted_by=experiment_lead),
        lambda: services.measure_update(
            measure=measure, updated_by=experiment_lead, name="x", after_value="1"
        ),
        lambda: services.measure_delete(measure=measure, deleted_by=experiment_lead),
        lambda: services.report_submit(experiment=experiment, submitted_by=experiment_lead),
    ]
    for call in calls:
        with pytest.raises(ApplicationError) as error:
            call()
        assert error.value.code == "submitted"
    assert Learning.objects.count() == 2 and Quote.objects.count() == 2 and Measure.objects.count() == 1
    assert FinalReport.objects.get().summary_fi == "Kokeilu onnistui."


@pytest.mark.parametrize(
    "persona", ["experiment_lead", "team_member", "partner_member", "tester", "applicant"]
)
def test_only_city_managers_approve_or_return(persona, submitted, request, other_city_manager):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        services.report_approve(report=submitted, approved_by=user)
    with pytest.raises(PermissionDeniedError):
        services.report_return(report=submitted, returned_by=user, comment="Korjaa")
    with pytest.raises(PermissionDeniedError):
        services.report_approve(report=submitted, approved_by=other_city_manager)
    assert FinalReport.objects.get().state == ReportState.SUBMITTED


def test_approve_records_who_when_and_comment(submitted, site_admin):
    report = services.report_approve(report=submitted, approved_by=site_admin, comment="Hieno")
    assert report.state == ReportState.APPROVED and report.is_published
    assert report.approved_by == site_admin and report.approved_at is not None
    assert report.manager_comment == "Hieno"


def test_return_needs_a_comment_and_goes_back_to_draft(
    submitted, programme_manager, experiment, experiment_lead
):
    with pytest.raises(ApplicationError) as error:
        services.report_return(report=submitted, returned_by=programme_manager, comment="  ")
    assert error.value.field == "comment"
    report = services.report_return(report=submitted, returned_by=programme_manager, comment="Lisää mittarit")
    assert report.state == ReportState.DRAFT
    assert report.returned_by == programme_manager and report.returned_at is not None
    assert report.manager_comment == "Lisää mittarit"
    # The team can change it again and send it again.
    services.report_update(
        experiment=experiment,
        updated_by=experiment_lead,
        summary_fi="Korjattu",
        next_step=NextStep.ADOPT,
        next_step_owner_name="Y",
        next_step_reason="R",
    )
    assert services.report_submit(experiment=experiment, submitted_by=experiment_lead).state == "submitted"


def test_a_draft_cannot_be_approved_or_returned(draft, programme_manager):
    with pytest.raises(ApplicationError) as error:
        services.report_approve(report=draft, approved_by=programme_manager)
    assert error.value.code == "invalid_transition"
    with pytest.raises(ApplicationError):
        services.report_return(report=draft, returned_by=programme_manager, comment="x")
    assert FinalReport.objects.get().state == ReportState.DRAFT


def test_an_approved_report_is_final(approved, experiment, experiment_lead, programme_manager):
    learning = Learning.objects.filter(report=approved).first()
    with pytest.raises(ApplicationError) as error:
        services.report_update(experiment=experiment, updated_by=experiment_lead, summary_fi="x")
    assert error.value.code == "approved"
    with pytest.raises(ApplicationError) as error:
        services.learning_delete(learning=learning, deleted_by=programme_manager)
    assert error.value.code == "approved"
    with pytest.raises(ApplicationError):
        services.report_approve(report=approved, approved_by=programme_manager)
    with pytest.raises(ApplicationError):
        services.report_return(report=approved, returned_by=programme_manager, comment="x")
    assert FinalReport.objects.get().state == ReportState.APPROVED and Learning.objects.count() == 2


def test_database_refuses_an_incomplete_submitted_report(experiment, experiment_lead):
    report = services.report_update(experiment=experiment, updated_by=experiment_lead, summary_fi="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        FinalReport.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)


def test_database_refuses_approved_without_date(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        FinalReport.objects.filter(pk=draft.pk).update(
            state=ReportState.APPROVED, submitted_at=timezone.now(), approved_at=None
        )


# --- Learnings, quotes, measures ------------------------------------------------------------------------


def test_learning_rules(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.learning_create(experiment=experiment, created_by=experiment_lead, evidence="E")
    assert error.value.field == "statement_fi"
    with pytest.raises(ApplicationError) as error:
        services.learning_create(experiment=experiment, created_by=experiment_lead, statement_sv="L")
    assert error.value.field == "evidence"
    with pytest.raises(ApplicationError) as error:
        services.learning_create(
            experiment=experiment,
            created_by=experiment_lead,
            statement_sv="L",
            evidence="E",
            visibility="secret",
        )
    assert error.value.field == "visibility"
    with pytest.raises(ApplicationError) as error:
        services.learning_create(
            experiment=experiment, created_by=experiment_lead, statement_sv="L", evidence="E", tags=["x" * 41]
        )
    assert error.value.field == "tags"
    with pytest.raises(ApplicationError):
        services.learning_create(
            experiment=experiment,
            created_by=experiment_lead,
            statement_sv="L",
            evidence="E",
            tags=[f"t{n}" for n in range(11)],
        )
    assert not Learning.objects.exists()
    learning = services.learning_create(
        experiment=experiment,
        created_by=experiment_lead,
        statement_sv="L",
        evidence="E",
        tags="Koulu, koulu ,  Ruoka",
    )
    assert learning.tags == ["koulu", "ruoka"] and learning.position == 1
    assert learning.visibility == Visibility.PUBLIC


def test_learning_update_and_delete(draft, team_member):
    learning = Learning.objects.get(statement_fi=PUBLIC_LEARNING)
    services.learning_update(
        learning=learning,
        updated_by=team_member,
        statement_fi="Uusi",
        evidence="Näyttö",
        visibility="internal",
    )
    learning.refresh_from_db()
    assert (learning.statement_fi, learning.statement_en, learning.visibility) == ("Uusi", "", "internal")
    services.learning_delete(learning=learning, deleted_by=team_member)
    assert not Learning.objects.filter(pk=learning.pk).exists()


def test_a_quote_without_consent_cannot_be_public(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.quote_create(
            experiment=experiment,
            created_by=experiment_lead,
            text="T",
            speaker="oppilas",
            visibility="public",
        )
    assert error.value.code == "no_consent" and error.value.field == "visibility"
    with pytest.raises(ApplicationError) as error:
        services.quote_create(
            experiment=experiment,
            created_by=experiment_lead,
            text="T",
            speaker="oppilas",
            consent_recorded=True,
        )
    assert error.value.field == "consent_method"
    assert not Quote.objects.exists()


def test_consent_is_recorded_with_who_and_when(experiment, experiment_lead, team_member):
    quote = services.quote_create(
        experiment=experiment, created_by=experiment_lead, text="T", speaker="oppilas"
    )
    assert not quote.consent_recorded and quote.consent_recorded_at is None
    quote = services.quote_update(
        quote=quote,
        updated_by=team_member,
        text="T",
        speaker="oppilas",
        consent_recorded=True,
        consent_method="lomake",
        visibility="public",
    )
    assert quote.consent_recorded_by == team_member and quote.consent_recorded_at is not None
    # Withdrawing consent while the quote is public is refused; withdrawing it with the quote internal
    # clears the record.
    with pytest.raises(ApplicationError):
        services.quote_update(
            quote=quote, updated_by=team_member, text="T", speaker="oppilas", visibility="public"
        )
    quote = services.quote_update(quote=quote, updated_by=team_member, text="T", speaker="oppilas")
    assert (quote.consent_recorded, quote.consent_method, quote.consent_recorded_at) == (False, "", None)


def test_quote_needs_text_and_speaker(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.quote_create(experiment=experiment, created_by=experiment_lead, text=" ", speaker="x")
    assert error.value.field == "text"
    with pytest.raises(ApplicationError) as error:
        services.quote_create(experiment=experiment, created_by=experiment_lead, text="x", speaker="")
    assert error.value.field == "speaker"


def test_database_refuses_a_public_quote_without_consent(draft):
    quote = Quote.objects.get(text=UNCONSENTED_QUOTE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(visibility=Visibility.PUBLIC)


def test_database_refuses_consent_without_how_and_when(draft):
    quote = Quote.objects.get(text=UNCONSENTED_QUOTE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(consent_recorded=True)


def test_measure_rules(experiment, experiment_lead):
    with pytest.raises(ApplicationError) as error:
        services.measure_create(experiment=experiment, created_by=experiment_lead, name="M")
    assert error.value.field == "before_value"
    with pytest.raises(ApplicationError) as error:
        services.measure_create(experiment=experiment, created_by=experiment_lead, name="", after_value="1")
    assert error.value.field == "name"
    with pytest.raises(ApplicationError) as error:
        services.measure_create(
            experiment=experiment, created_by=experiment_lead, name="M", after_value="abc"
        )
    assert error.value.field == "after_value"
    with pytest.raises(ApplicationError) as error:
        services.measure_create(
            experiment=experiment, created_by=experiment_lead, name="M", after_value="1.234"
        )
    assert error.value.field == "after_value"
    measure = services.measure_create(
        experiment=experiment, created_by=experiment_lead, name="M", before_value="2.5", after_value=4
    )
    assert measure.change == Decimal("1.50")
    measure = services.measure_update(measure=measure, updated_by=experiment_lead, name="M", after_value="3")
    assert measure.before_value is None and measure.change is None


# --- Publication ----------------------------------------------------------------------------------------


def test_nothing_is_published_before_approval(submitted, experiment):
    assert selectors.report_get_published(experiment) is None
    assert list(selectors.published_learning_list()) == []
    assert list(selectors.report_list_published()) == []


def test_published_parts_only(approved, experiment):
    report = selectors.report_get_published(experiment)
    assert report is not None
    assert [learning.statement_fi for learning in report.public_learnings] == [PUBLIC_LEARNING]
    assert [quote.text for quote in report.public_quotes] == [PUBLIC_QUOTE]
    assert len(report.public_measures) == 1
    assert [learning.statement_fi for learning in selectors.published_learning_list()] == [PUBLIC_LEARNING]
    internal = Learning.objects.get(statement_fi=INTERNAL_LEARNING)
    assert selectors.published_learning_get(pk=internal.pk) is None


def test_approved_report_is_public_even_if_the_workspace_is_not(approved, experiment):
    assert experiment.is_public is False
    assert selectors.report_get_published(experiment) is not None


def test_gate_answers_internal_only_for_the_editor(approved, experiment):
    public_only = selectors.report_gate_answers(experiment=experiment, include_internal=False)
    assert [answer.text for answer in public_only.public] == [PUBLIC_GATE_ANSWER]
    assert public_only.internal == []
    everything = selectors.report_gate_answers(experiment=experiment, include_internal=True)
    assert [answer.text for answer in everything.internal] == [INTERNAL_GATE_ANSWER]


def test_published_learning_list_joins_and_query_count(
    approved, experiment, city, programme_manager, django_assert_max_num_queries
):
    from tests.factories import ExperimentFactory, ExperimentMemberFactory

    for _number in range(3):
        other = ExperimentFactory(city=city, status="completed")
        ExperimentMemberFactory(experiment=other, user=programme_manager, role="lead")
        write_complete_draft(other, programme_manager)
        report = services.report_submit(experiment=other, submitted_by=programme_manager)
        services.report_approve(report=report, approved_by=programme_manager)
    with django_assert_max_num_queries(3):
        rows = [
            (
                learning.report.experiment.city.name,
                learning.report.experiment.call,
                learning.report.experiment.platform,
                learning.theme,
            )
            for learning in selectors.published_learning_list()
        ]
    assert len(rows) == 4


def test_report_for_team_only(draft, experiment, people, tester):
    from kokeilu.experiments.selectors import experiment_access

    lead_access = experiment_access(user=people, experiment=experiment)
    assert selectors.report_get_for_team(experiment=experiment, access=lead_access) is not None
    tester_access = experiment_access(user=tester, experiment=experiment)
    assert selectors.report_get_for_team(experiment=experiment, access=tester_access) is None
