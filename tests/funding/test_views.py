import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from kokeilu.funding import services
from kokeilu.funding.models import SpendLine

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def _url(name, experiment, **kwargs):
    return reverse(f"funding:{name}", kwargs={"slug": experiment.slug, **kwargs})


def _line(experiment, user, amount, purpose="Tarvikkeet", **kwargs):
    return services.spend_line_create(
        experiment=experiment,
        recorded_by=user,
        spent_on=kwargs.pop("spent_on", TODAY),
        purpose=purpose,
        amount=Decimal(amount),
        **kwargs,
    )


def _form(**overrides):
    data = {
        "spent_on": "2026-03-02",
        "purpose": "Työpajan tarjoilu",
        "amount": "120.50",
        "category": "catering",
    }
    data.update(overrides)
    return data


def test_money_page_shows_totals_lines_and_chart(
    experiment, team_member, partner_member, client_for, django_assert_max_num_queries
):
    for number in range(8):
        _line(experiment, team_member if number % 2 else partner_member, "10.00", purpose=f"Rivi {number}")
    client = client_for(team_member)
    with django_assert_max_num_queries(16):
        page = client.get(_url("money", experiment))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Rivi 7" in body and "<svg" in body
    assert "80,00" in body  # spent, in Finnish format
    assert "9\xa0920,00" in body or "9 920,00" in body  # remaining
    assert "hds-notification--error" not in body
    # Only the city's managers get the grant form.
    assert 'name="granted_amount"' not in body


def test_team_member_records_a_line_with_a_receipt(experiment, team_member, client_for, pdf_receipt):
    response = client_for(team_member).post(
        _url("line_create", experiment), {**_form(), "receipt": pdf_receipt}
    )
    assert response.status_code == 302
    line = SpendLine.objects.get()
    assert line.amount == Decimal("120.50") and line.receipt_name == "kuitti.pdf"
    download = client_for(team_member).get(_url("receipt", experiment, pk=line.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_fake_receipt_is_refused_and_the_typed_values_are_kept(
    experiment, team_member, client_for, fake_pdf
):
    response = client_for(team_member).post(
        _url("line_create", experiment), {**_form(purpose="Säilyvä teksti"), "receipt": fake_pdf}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Säilyvä teksti" in body
    assert 'aria-invalid="true"' in body
    assert not SpendLine.objects.exists()


def test_over_budget_needs_confirmation_and_keeps_what_was_typed(experiment, team_member, client_for):
    experiment.granted_amount = Decimal("100.00")
    experiment.save()
    client = client_for(team_member)
    response = client.post(_url("line_create", experiment), _form(amount="150.00", purpose="Iso lasku"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Iso lasku" in body and "150" in body
    assert "id_confirm_over_budget_error" in body
    assert not SpendLine.objects.exists()
    response = client.post(
        _url("line_create", experiment), _form(amount="150.00", purpose="Iso lasku", confirm_over_budget="on")
    )
    assert response.status_code == 302
    page = client.get(_url("money", experiment)).content.decode()
    assert "hds-notification--error" in page
    assert "50,00" in page


def test_edit_and_delete_a_line(experiment, team_member, partner_member, client_for):
    line = _line(experiment, team_member, "40.00")
    client = client_for(partner_member)
    assert client.get(_url("line_edit", experiment, pk=line.pk)).status_code == 200
    response = client.post(
        _url("line_edit", experiment, pk=line.pk), _form(amount="45.00", purpose="Korjattu")
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.purpose, line.updated_by) == (Decimal("45.00"), "Korjattu", partner_member)
    assert client.post(_url("line_delete", experiment, pk=line.pk)).status_code == 302
    assert not SpendLine.objects.exists()


def test_a_line_of_another_experiment_is_not_found(experiment, team_member, client_for, programme_manager):
    from tests.factories import ExperimentFactory

    other = ExperimentFactory(city=experiment.city)
    line = _line(other, programme_manager, "10.00")
    client = client_for(team_member)
    assert client.get(_url("line_edit", experiment, pk=line.pk)).status_code == 404
    assert client.post(_url("line_delete", experiment, pk=line.pk)).status_code == 404
    assert client.get(_url("receipt", experiment, pk=line.pk)).status_code == 404
    assert SpendLine.objects.filter(pk=line.pk).exists()


def test_manager_changes_the_grant_on_the_money_page(experiment, programme_manager, client_for):
    client = client_for(programme_manager)
    assert 'name="granted_amount"' in client.get(_url("money", experiment)).content.decode()
    assert client.post(_url("grant", experiment), {"granted_amount": "12345,60"}).status_code == 302
    experiment.refresh_from_db()
    assert experiment.granted_amount == Decimal("12345.60")


def test_lead_cannot_change_the_grant(experiment, experiment_lead, client_for):
    response = client_for(experiment_lead).post(_url("grant", experiment), {"granted_amount": "99999"})
    assert response.status_code == 403
    experiment.refresh_from_db()
    assert experiment.granted_amount == Decimal("10000.00")


def test_csv_export_parses_back_with_totals_and_neutralised_formulas(experiment, team_member, client_for):
    experiment.granted_amount = Decimal("100.00")
    experiment.save()
    _line(experiment, team_member, "60.00", purpose='=HYPERLINK("http://evil.test")', category="materials")
    _line(
        experiment,
        team_member,
        "50.25",
        purpose='Kahvi; pulla ja "mehu"',
        confirm_over_budget=True,
        spent_on=TODAY - datetime.timedelta(days=1),
    )
    _line(experiment, team_member, "1.00", purpose="@SUM(A1)", confirm_over_budget=True)
    _line(experiment, team_member, "2.00", purpose="+1", confirm_over_budget=True)
    _line(experiment, team_member, "3.00", purpose="-1", confirm_over_budget=True)
    response = client_for(team_member).get(_url("csv", experiment))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Päivämäärä" or rows[0][0]  # header in the active language
    body = rows[1:6]
    assert body[0][:4] == ["2026-03-01", 'Kahvi; pulla ja "mehu"', "", "50.25"]
    purposes = {row[1] for row in body}
    assert '\'=HYPERLINK("http://evil.test")' in purposes
    assert {"'@SUM(A1)", "'+1", "'-1"} <= purposes
    assert rows[6] == []
    totals = {row[1]: row[3] for row in rows[7:]}
    assert list(totals.values()) == ["100.00", "116.25", "'-16.25"]
