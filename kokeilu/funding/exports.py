"""The spend lines as CSV for a spreadsheet: UTF-8 with a byte order mark (Excel), semicolons between
cells (what Excel expects in Finnish and Swedish), quoting wherever a cell holds a semicolon, a quote or
a line break, and no cell a spreadsheet would run as a formula."""

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from kokeilu.core.spreadsheets import csv_cell

from .models import SpendLine
from .selectors import MoneySummary

DELIMITER = ";"


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def write_spend_csv(out: Writable, *, lines: Iterable[SpendLine], summary: MoneySummary) -> None:
    """Write the byte order mark, the lines, then the totals (granted, spent, remaining)."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(
        [_("Date"), _("Purpose"), _("Category"), _("Amount (EUR)"), _("Recorded by"), _("Receipt")]
    )
    for line in lines:
        writer.writerow(
            [
                line.spent_on.isoformat(),
                csv_cell(line.purpose),
                csv_cell(line.get_category_display() if line.category else ""),
                _amount(line.amount),
                csv_cell(line.recorded_by.get_full_name() or line.recorded_by.get_username()),
                csv_cell(line.receipt_name),
            ]
        )
    writer.writerow([])
    writer.writerow(["", _("Granted"), "", _amount(summary.granted), "", ""])
    writer.writerow(["", _("Spent"), "", _amount(summary.spent), "", ""])
    writer.writerow(["", _("Remaining"), "", csv_cell(_amount(summary.remaining)), "", ""])
