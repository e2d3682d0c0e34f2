"""CSV and XLSX downloads: parse with the csv module and openpyxl, the same records as the JSON, the
licence on every row (and on its own XLSX sheet), and no cell a spreadsheet would run as a formula."""

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from kokeilu.opendata.licence import LICENSE_NAME, LICENSE_URL

from .channels import API, KINDS, csv_rows, get_ok, json_items, xlsx_rows, xlsx_workbook
from .conftest import GRANTED, PUBLISHED_LEARNING

pytestmark = pytest.mark.django_db

ID_COLUMN = {"learnings": "id", "experiments": "slug", "calls": "slug", "needs": "id"}


def _(message: str) -> str:
    with translation.override("fi"):
        return gettext(message)


@pytest.mark.parametrize("kind", KINDS)
def test_csv_has_the_json_records_with_the_licence_on_every_row(client, world, kind):
    rows = csv_rows(client, kind)
    key = ID_COLUMN[kind]
    assert [row[key] for row in rows] == [str(item[key]) for item in json_items(client, kind)]
    assert rows
    assert all(row["license"] == LICENSE_NAME and row["license_url"] == LICENSE_URL for row in rows)


@pytest.mark.parametrize(
    ("kind", "extension"), [(kind, extension) for kind in KINDS for extension in ("csv", "xlsx")]
)
def test_downloads_are_attachments_with_a_dated_name(client, world, kind, extension):
    response = get_ok(client, f"{API}/{kind}.{extension}")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="kokeilu-{kind}-{today}.{extension}"'


def test_csv_columns_flatten_the_json(client, world):
    rows = {row["id"]: row for row in csv_rows(client, "learnings")}
    row = rows[str(world.published_learning.pk)]
    assert row["statement_sv"] == PUBLISHED_LEARNING["statement_sv"]
    assert row["theme_slug"] == "robotics" and row["theme_name_en"] == "Robotics"
    assert row["experiment_slug"] == "reported"
    assert row["city_name"] == "Espoo"
    assert row["call_slug"] == "published-call"
    experiments = {row["slug"]: row for row in csv_rows(client, "experiments")}
    assert experiments["reported"]["granted_amount"] == GRANTED
    assert experiments["reported"]["platform_slug"] == ""
    assert experiments["public"]["report_url"] == ""


def test_csv_neutralises_formulas(client, world):
    row = {row["id"]: row for row in csv_rows(client, "learnings")}[str(world.formula_learning.pk)]
    assert row["statement_fi"] == """'=HYPERLINK("http://example.invalid","klikkaa")"""
    assert row["evidence"] == "'+SUM(A1:A2)"
    assert row["tags"] == "'@pahis, -1+1"


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_opens_with_a_data_sheet_and_a_licence_sheet(client, world, kind):
    workbook = xlsx_workbook(client, kind)
    assert workbook.sheetnames == ["data", "license"]
    headers = [cell.value for cell in workbook["data"][1]]
    assert headers == list(csv_rows(client, kind)[0])
    licence = {row[0]: row[1] for row in workbook["license"].iter_rows(values_only=True)}
    assert licence[_("Licence")] == LICENSE_NAME
    assert licence[_("Licence terms")] == LICENSE_URL
    assert licence[_("Source")] == f"http://testserver{API}/{kind}.xlsx"
    rows = xlsx_rows(client, kind)
    assert [str(row[ID_COLUMN[kind]]) for row in rows] == [
        row[ID_COLUMN[kind]] for row in csv_rows(client, kind)
    ]
    assert all(row["license_url"] == LICENSE_URL for row in rows)


def test_xlsx_keeps_amounts_as_numbers(client, world):
    experiments = {row["slug"]: row for row in xlsx_rows(client, "experiments")}
    assert experiments["reported"]["granted_amount"] == float(GRANTED)


def test_xlsx_has_no_formulas(client, world):
    workbook = xlsx_workbook(client, "learnings")
    assert not [
        cell.coordinate
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    row = {row["id"]: row for row in xlsx_rows(client, "learnings")}[world.formula_learning.pk]
    assert row["statement_fi"] == """'=HYPERLINK("http://example.invalid","klikkaa")"""
    assert row["evidence"] == "'+SUM(A1:A2)"


def test_xlsx_drops_characters_the_format_cannot_hold(client, world):
    world.published_learning.evidence = "ennen\x0bjälkeen\x01"
    world.published_learning.save()
    row = {row["id"]: row for row in xlsx_rows(client, "learnings")}[world.published_learning.pk]
    assert row["evidence"] == "ennenjälkeen"
