"""Reading a finished report: its tables and their CSV. Plain Python on the report's JSON, so the web
processes can serve results without loading the numerical libraries the run itself needs."""

from __future__ import annotations

import csv
import io
from typing import Any


def table_csv(table: dict[str, Any], *, suppressed_mark: str = "") -> str:
    """The table as CSV, its method and threshold stated on the first lines."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f"# {table['title']}"])
    writer.writerow([f"# Method: {table['method']}"])
    writer.writerow([f"# Threshold: k = {table['threshold']}; suppressed cells are empty"])
    has_row_totals = table["row_totals"] is not None
    writer.writerow(["", *table["column_labels"], *(["total"] if has_row_totals else [])])

    def shown(value: int | None) -> str:
        return suppressed_mark if value is None else str(value)

    for i, label in enumerate(table["row_labels"]):
        row = [shown(v) for v in table["cells"][i]]
        if has_row_totals:
            row.append(shown(table["row_totals"][i]))
        writer.writerow([label, *row])
    if table["column_totals"] is not None:
        totals = [shown(v) for v in table["column_totals"]]
        if has_row_totals:
            totals.append(shown(table["grand_total"]))
        writer.writerow(["total", *totals])
    return out.getvalue()


def all_tables(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every suppressed table of a report, in the order it shows them."""
    tables = [report["group_sizes"]]
    for group in report["groups"]:
        if "state_distribution" in group:
            tables.append(group["state_distribution"])
            tables.extend(flow for flow in group["sankey"]["flows"] if flow is not None)
    return tables
