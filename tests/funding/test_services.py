import datetime
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.funding import services
from kokeilu.funding.models import SpendLine
from kokeilu.funding.selectors import money_summary

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def _line(experiment, user, amount="100.00", **kwargs):
    return services.spend_line_create(
        experiment=experiment,
        recorded_by=user,
        spent_on=kwargs.pop("spent_on", TODAY),
        purpose=kwargs.pop("purpose", "Tarvikkeet"),
        amount=Decimal(amount),
        **kwargs,
    )


@pytest.mark.parametrize("persona", ["team_member", "partner_member", "experiment_lead", "programme_manager"])
def test_the_team_records_spending(experiment, persona, request):
    user = request.getfixturevalue(persona)
    line = _line(experiment, user, "120.50", category="materials")
    assert line.recorded_by == user
    assert line.amount == Decimal("120.50")
    assert money_summary(experiment=experiment).spent == Decimal("120.50")


@pytest.mark.parametrize("persona", ["tester", "other_tester", "applicant", "other_city_manager"])
def test_others_cannot_record_spending(experiment, persona, request):
    with pytest.raises(PermissionDeniedError):
        _line(experiment, request.getfixturevalue(persona))
    assert not SpendLine.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [("0", "more than zero"), ("-5.00", "more than zero"), ("1.005", "two decimals"), ("abc", "euros")],
)
def test_amount_must_be_positive_with_two_decimals(experiment, team_member, amount, message):
    with pytest.raises(ApplicationError) as error:
        services.spend_line_create(
            experiment=experiment, recorded_by=team_member, spent_on=TODAY, purpose="x", amount=amount
        )
    assert error.value.field == "amount"
    assert not SpendLine.objects.exists()


def test_purpose_and_category_are_checked(experiment, team_member):
    with pytest.raises(ApplicationError) as error:
        _line(experiment, team_member, purpose="   ")
    assert error.value.field == "purpose"
    with pytest.raises(ApplicationError) as error:
        _line(experiment, team_member, category="yacht")
    assert error.value.field == "category"


def test_spending_over_the_grant_needs_confirmation(experiment, team_member):
    experiment.granted_amount = Decimal("500.00")
    experiment.save()
    _line(experiment, team_member, "400.00")
    with pytest.raises(ApplicationError) as error:
        _line(experiment, team_member, "100.01")
    assert error.value.code == "over_budget"
    assert error.value.field == "confirm_over_budget"
    assert SpendLine.objects.count() == 1
    _line(experiment, team_member, "100.00")  # exactly the grant is fine
    _line(experiment, team_member, "0.01", confirm_over_budget=True)
    summary = money_summary(experiment=experiment)
    assert summary.spent == Decimal("500.01")
    assert summary.remaining == Decimal("-0.01")
    assert summary.is_over_budget
    assert summary.over_by == Decimal("0.01")


def test_totals_are_exact_decimals(experiment, team_member):
    for _ in range(10):
        _line(experiment, team_member, "0.10")
    _line(experiment, team_member, "0.20", category="catering")
    summary = money_summary(experiment=experiment)
    assert summary.spent == Decimal("1.20")
    assert summary.remaining == Decimal("9998.80")
    assert summary.line_count == 11
    assert [(item.category, item.total) for item in summary.by_category] == [
        ("catering", Decimal("0.20")),
        ("", Decimal("1.00")),
    ]


def test_raising_a_line_over_the_grant_needs_confirmation_but_other_edits_do_not(experiment, team_member):
    experiment.granted_amount = Decimal("100.00")
    experiment.save()
    line = _line(experiment, team_member, "80.00")
    other = _line(experiment, team_member, "30.00", confirm_over_budget=True)
    # Editing the purpose of a line while already over budget needs no confirmation.
    services.spend_line_update(
        line=line, updated_by=team_member, spent_on=TODAY, purpose="Uusi", amount="80.00"
    )
    with pytest.raises(ApplicationError) as error:
        services.spend_line_update(
            line=other, updated_by=team_member, spent_on=TODAY, purpose="x", amount="31.00"
        )
    assert error.value.code == "over_budget"
    other.refresh_from_db()
    assert other.amount == Decimal("30.00")
    services.spend_line_update(
        line=other, updated_by=team_member, spent_on=TODAY, purpose="x", amount="10.00"
    )
    assert money_summary(experiment=experiment).spent == Decimal("90.00")


def test_deleted_lines_leave_the_totals(experiment, team_member, partner_member):
    line = _line(experiment, team_member, "70.00")
    _line(experiment, partner_member, "30.00")
    services.spend_line_delete(line=line, deleted_by=partner_member)
    summary = money_summary(experiment=experiment)
    assert summary.spent == Decimal("30.00")
    assert summary.line_count == 1


def test_tester_cannot_change_or_delete_a_line(experiment, team_member, tester):
    line = _line(experiment, team_member, "70.00")
    with pytest.raises(PermissionDeniedError):
        services.spend_line_update(line=line, updated_by=tester, spent_on=TODAY, purpose="x", amount="1.00")
    with pytest.raises(PermissionDeniedError):
        services.spend_line_delete(line=line, deleted_by=tester)
    line.refresh_from_db()
    assert line.amount == Decimal("70.00") and line.purpose == "Tarvikkeet"


@pytest.mark.parametrize("fixture", ["pdf_receipt", "png_receipt", "jpg_receipt"])
def test_receipts_of_the_allowed_types_are_stored_under_a_random_name(
    experiment, team_member, fixture, request
):
    receipt = request.getfixturevalue(fixture)
    line = _line(experiment, team_member, receipt=receipt)
    assert line.receipt_name == receipt.name
    assert receipt.name not in line.receipt.name
    assert line.receipt.name.startswith(f"receipts/{experiment.pk}/")
    assert default_storage.exists(line.receipt.name)


@pytest.mark.parametrize("fixture", ["fake_pdf", "docx_receipt"])
def test_other_files_are_refused(experiment, team_member, fixture, request, tmp_path):
    with pytest.raises(ApplicationError) as error:
        _line(experiment, team_member, receipt=request.getfixturevalue(fixture))
    assert error.value.field == "receipt"
    assert not SpendLine.objects.exists()
    assert not list((tmp_path / "media").rglob("*")) or not any(
        path.is_file() for path in (tmp_path / "media").rglob("*")
    )


def test_replacing_and_removing_a_receipt_deletes_the_old_file(
    experiment, team_member, pdf_receipt, png_receipt, django_capture_on_commit_callbacks
):
    line = _line(experiment, team_member, receipt=pdf_receipt)
    first = line.receipt.name
    with django_capture_on_commit_callbacks(execute=True):
        line = services.spend_line_update(
            line=line,
            updated_by=team_member,
            spent_on=TODAY,
            purpose="x",
            amount="100.00",
            receipt=png_receipt,
        )
    assert not default_storage.exists(first)
    assert line.receipt_name == "kuitti.png" and line.receipt_content_type == "image/png"
    second = line.receipt.name
    with django_capture_on_commit_callbacks(execute=True):
        line = services.spend_line_update(
            line=line,
            updated_by=team_member,
            spent_on=TODAY,
            purpose="x",
            amount="100.00",
            remove_receipt=True,
        )
    assert not default_storage.exists(second)
    assert not line.has_receipt and line.receipt_name == ""


def test_only_city_managers_change_the_grant(experiment, programme_manager, experiment_lead, team_member):
    services.grant_set(experiment=experiment, changed_by=programme_manager, granted_amount="2500.50")
    experiment.refresh_from_db()
    assert experiment.granted_amount == Decimal("2500.50")
    for person in (experiment_lead, team_member):
        with pytest.raises(PermissionDeniedError):
            services.grant_set(experiment=experiment, changed_by=person, granted_amount="9999")
    experiment.refresh_from_db()
    assert experiment.granted_amount == Decimal("2500.50")
    with pytest.raises(ApplicationError):
        services.grant_set(experiment=experiment, changed_by=programme_manager, granted_amount="-1")
