"""The CSV and XLSX downloads: the JSON fields of a dataset (`serializers.py`) flattened into columns.

Flattening: a nested object becomes prefixed columns (`city_slug`, `city_name`), a list becomes one cell
with its items separated by ", " (for a list of objects, each object's first field: a slug, an id or a
name), and every row ends with the `license` and `license_url` columns. Column names are the JSON field
names, the same in every language.

CSV: UTF-8 with a byte order mark (Excel), semicolons, CRLF line ends. XLSX: one data sheet (header row
frozen, with a filter) and a sheet that states the licence and the source in the request's language.
In both, no text cell can run as a formula (`core.spreadsheets.csv_cell`), and XLSX cells lose the control
characters the format cannot hold.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from kokeilu.core.spreadsheets import csv_cell

from .licence import LICENSE_NAME, LICENSE_URL

CSV_DELIMITER = ";"
LIST_SEPARATOR = ", "
Cell = str | int | Decimal | None


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[str, ...]
    field: serializers.Field


@dataclass(frozen=True)
class Table:
    columns: list[Column]
    rows: list[list[Cell]]

    @property
    def headers(self) -> list[str]:
        return [column.name for column in self.columns] + ["license", "license_url"]


def _columns(serializer: serializers.Serializer, path: tuple[str, ...] = ()) -> list[Column]:
    columns: list[Column] = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            columns.extend(_columns(field, (*path, name)))
        else:
            columns.append(Column("_".join((*path, name)), (*path, name), field))
    return columns


def _list_item(item: Any) -> str:
    if isinstance(item, dict):
        item = next(iter(item.values()), "")
    return "" if item is None else str(item)


def _cell(data: Any, column: Column) -> Cell:
    value = data
    for key in column.path:
        if value is None:
            return None
        value = value.get(key)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_list_item(item) for item in value)
    if value is not None and isinstance(column.field, serializers.DecimalField):
        return Decimal(value)
    if isinstance(value, bool):
        return str(value).lower()
    return value


def build_table(serializer_class: type[serializers.Serializer], items: Iterable[Any], context: dict) -> Table:
    """Serialize the items with the dataset's serializer and flatten each into one row."""
    columns = _columns(serializer_class(context=context))
    data = serializer_class(items, many=True, context=context).data
    rows = [[_cell(record, column) for column in columns] for record in data]
    return Table(columns, rows)


def write_csv(out: Writable, table: Table) -> None:
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=CSV_DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([csv_cell(cell) for cell in row] + [LICENSE_NAME, LICENSE_URL])


# Characters an XLSX cell cannot hold (the XML 1.0 control characters), as openpyxl refuses them.
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_cell(cell: Cell) -> Cell:
    if isinstance(cell, str):
        return csv_cell(_NOT_IN_XLSX.sub("", cell))
    return cell


def xlsx_bytes(table: Table, *, title: str, source_url: str) -> bytes:
    """The table as an XLSX workbook: the data sheet and the licence sheet."""
    # Imported here: openpyxl loads numpy when it is installed, which web workers must not pay for at boot
    # (tests/analytics/test_light_web_import.py); only an XLSX download does.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "data"
    sheet.append(table.headers)
    for header in sheet[1]:
        header.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_cell(cell) for cell in row] + [LICENSE_NAME, LICENSE_URL])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    licence = workbook.create_sheet("license")
    licence.append([_("Dataset"), csv_cell(title)])
    licence.append([_("Licence"), LICENSE_NAME])
    licence.append([_("Licence terms"), LICENSE_URL])
    licence.append(
        [_("Attribution"), _("Mention the source (Kokeilu) and the licence when you use the data.")]
    )
    licence.append([_("Source"), source_url])
    licence.append([_("Downloaded at"), timezone.localtime().isoformat(timespec="seconds")])
    licence.column_dimensions["A"].width = 20
    licence.column_dimensions["B"].width = 80
    for label in licence["A"]:
        label.font = Font(bold=True)

    workbook.properties.title = title
    workbook.properties.description = f"{LICENSE_NAME} {LICENSE_URL}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
