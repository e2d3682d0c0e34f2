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
    return reverse(f"api-funding-{name}", kwargs={"slug": experiment.slug, **kwargs})


def test_create_list_update_delete_through_the_api(experiment, team_member, client_for):
    client = client_for(team_member)
    created = client.post(
        _url("lines", experiment),
        {"spent_on": "2026-03-02", "purpose": "Tarjoilu", "amount": "99.90", "category": "catering"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    line_id = created.json()["id"]
    assert created.json()["amount"] == "99.90"
    listed = client.get(_url("lines", experiment)).json()
    assert [item["id"] for item in listed] == [line_id]
    updated = client.put(
        _url("line", experiment, line_id=line_id),
        {"spent_on": "2026-03-03", "purpose": "Tarjoilu", "amount": "89.90"},
        content_type="application/json",
    )
    assert updated.status_code == 200
    assert updated.json()["amount"] == "89.90" and updated.json()["category"] == ""
    summary = client.get(_url("summary", experiment)).json()
    assert summary["spent"] == "89.90" and summary["remaining"] == "9910.10"
    assert summary["is_over_budget"] is False
    assert client.delete(_url("line", experiment, line_id=line_id)).status_code == 204
    assert client.get(_url("summary", experiment)).json()["spent"] == "0.00"


def test_multipart_receipt_is_type_checked(experiment, team_member, client_for, png_receipt, fake_pdf):
    client = client_for(team_member)
    data = {"spent_on": "2026-03-02", "purpose": "Lahjakortit", "amount": "20.00"}
    refused = client.post(_url("lines", experiment), {**data, "receipt": fake_pdf})
    assert refused.status_code == 400
    assert "receipt" in refused.json()
    assert not SpendLine.objects.exists()
    created = client.post(_url("lines", experiment), {**data, "receipt": png_receipt})
    assert created.status_code == 201
    assert created.json()["has_receipt"] is True and created.json()["receipt_name"] == "kuitti.png"


def test_over_budget_is_refused_without_confirmation_and_flagged(experiment, team_member, client_for):
    experiment.granted_amount = Decimal("50.00")
    experiment.save()
    client = client_for(team_member)
    data = {"spent_on": "2026-03-02", "purpose": "Laitteet", "amount": "60.00"}
    refused = client.post(_url("lines", experiment), data, content_type="application/json")
    assert refused.status_code == 400
    assert "confirm_over_budget" in refused.json()
    assert not SpendLine.objects.exists()
    created = client.post(
        _url("lines", experiment), {**data, "confirm_over_budget": True}, content_type="application/json"
    )
    assert created.status_code == 201
    summary = client.get(_url("summary", experiment)).json()
    assert summary["is_over_budget"] is True
    assert summary["over_by"] == "10.00" and summary["remaining"] == "-10.00"


def test_amount_with_three_decimals_is_refused(experiment, team_member, client_for):
    response = client_for(team_member).post(
        _url("lines", experiment),
        {"spent_on": "2026-03-02", "purpose": "x", "amount": "1.005"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not SpendLine.objects.exists()


def test_grant_through_the_api_is_for_city_managers(
    experiment, programme_manager, experiment_lead, client_for
):
    response = client_for(experiment_lead).put(
        _url("grant", experiment), {"granted_amount": "1.00"}, content_type="application/json"
    )
    assert response.status_code == 403
    response = client_for(programme_manager).put(
        _url("grant", experiment), {"granted_amount": "1500.00"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["granted"] == "1500.00"


def test_csv_through_the_api(experiment, team_member, client_for):
    services.spend_line_create(
        experiment=experiment,
        recorded_by=team_member,
        spent_on=TODAY,
        purpose="Paperi",
        amount=Decimal("5.50"),
    )
    response = client_for(team_member).get(_url("csv", experiment))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == "Paperi" and rows[1][3] == "5.50"


def test_list_query_count(experiment, team_member, client_for, django_assert_max_num_queries):
    for number in range(10):
        services.spend_line_create(
            experiment=experiment, recorded_by=team_member, spent_on=TODAY, purpose=f"R{number}", amount=1
        )
    client = client_for(team_member)
    with django_assert_max_num_queries(8):
        assert len(client.get(_url("lines", experiment)).json()) == 10
