"""The numbers behind each chart as a table: the same rows the page shows next to the chart, the CSV
download holds and the API returns. Cells are text or numbers; money in euros with two decimals."""

import csv
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _

from kokeilu.calls.models import ApplicantKind
from kokeilu.core.spreadsheets import csv_cell

from .numbers import DashboardData, DecisionTime

Cell = str | int | float | Decimal | None
CSV_DELIMITER = ";"


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    headers: list[str]
    rows: list[list[Cell]]


def funnel_label(stage: str) -> str:
    labels = {
        "needs": _("Development needs"),
        "calls": _("Calls"),
        "proposals": _("Proposals submitted"),
        "selected": _("Proposals selected"),
        "running": _("Experiments running"),
        "completed": _("Experiments completed"),
        "adopted": _("Experiments adopted"),
    }
    return labels[stage]


def kind_label(kind: str) -> str:
    return str(ApplicantKind(kind).label) if kind in ApplicantKind.values else kind


def unit_label(unit: str) -> str:
    return unit or _("No responsible unit")


def _times(time: DecisionTime) -> list[Cell]:
    return [time.decisions, time.q1_days, time.median_days, time.q3_days]


def _time_headers() -> list[str]:
    return [_("Decisions"), _("Lower quartile (days)"), _("Median (days)"), _("Upper quartile (days)")]


def funnel_table(data: DashboardData) -> Table:
    return Table(
        "funnel",
        _("The funnel from development needs to adopted experiments"),
        [_("Stage"), _("Count")],
        [[funnel_label(stage.key), stage.count] for stage in data.funnel],
    )


def years_table(data: DashboardData) -> Table:
    return Table(
        "years",
        _("The programme per year"),
        [
            _("Year"),
            _("Development needs"),
            _("Calls"),
            _("Proposals submitted"),
            _("Proposals selected"),
            _("Experiments started"),
            _("Experiments running"),
            _("Experiments completed"),
            _("Experiments adopted"),
        ],
        [
            [
                row.year,
                row.needs,
                row.calls,
                row.proposals,
                row.selected,
                row.experiments,
                row.running,
                row.completed,
                row.adopted,
            ]
            for row in data.years
        ],
    )


def decision_time_table(data: DashboardData) -> Table:
    rows: list[list[Cell]] = [[row.year, *_times(row.decision_time)] for row in data.years]
    rows.append([_("All years"), *_times(data.decision_time)])
    return Table(
        "decision_time",
        _("Days from submission to decision, per year of the call"),
        [_("Year"), *_time_headers()],
        rows,
    )


def budget_table(data: DashboardData) -> Table:
    rows: list[list[Cell]] = [
        [row.year, row.granted, row.spent, row.granted - row.spent] for row in data.years
    ]
    rows.append([_("All years"), data.granted, data.spent, data.granted - data.spent])
    return Table(
        "budget",
        _("Budget granted and spent, per start year of the experiments (EUR)"),
        [_("Year"), _("Granted (EUR)"), _("Spent (EUR)"), _("Remaining (EUR)")],
        rows,
    )


def kinds_table(data: DashboardData) -> Table:
    return Table(
        "kinds",
        _("Proposals by applicant's organisation kind"),
        [_("Applying as"), _("Proposals submitted"), _("Proposals selected")],
        [[kind_label(row.kind), row.proposals, row.selected] for row in data.kinds],
    )


def units_table(data: DashboardData) -> Table:
    return Table(
        "units",
        _("Experiments by responsible unit"),
        [_("Unit"), _("Experiments"), _("Granted (EUR)"), _("Spent (EUR)")],
        [[unit_label(row.unit), row.experiments, row.granted, row.spent] for row in data.units],
    )


def calls_table(data: DashboardData) -> Table:
    return Table(
        "calls",
        _("Per call"),
        [
            _("Call"),
            _("Year"),
            _("Development needs"),
            _("Proposals submitted"),
            _("Proposals selected"),
            *_time_headers(),
            _("Experiments"),
            _("Experiments running"),
            _("Experiments completed"),
            _("Experiments adopted"),
            _("Granted (EUR)"),
            _("Spent (EUR)"),
        ],
        [
            [
                row.title,
                row.year,
                row.needs,
                row.proposals,
                row.selected,
                *_times(row.decision_time),
                row.experiments,
                row.running,
                row.completed,
                row.adopted,
                row.granted,
                row.spent,
            ]
            for row in data.calls
        ],
    )


TABLES: dict[str, Callable[[DashboardData], Table]] = {
    "funnel": funnel_table,
    "years": years_table,
    "decision_time": decision_time_table,
    "budget": budget_table,
    "kinds": kinds_table,
    "units": units_table,
    "calls": calls_table,
}


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return csv_cell(value)


def write_table_csv(out: Writable, table: Table) -> None:
    """UTF-8 with a byte order mark (Excel), semicolons between cells, no cell a spreadsheet would run
    as a formula; numbers with a full stop as the decimal separator."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=CSV_DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([csv_cell(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([_csv_text(cell) for cell in row])
