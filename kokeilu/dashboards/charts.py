"""The dashboard's charts as standalone SVG documents drawn on the server (no JavaScript).

Each chart is an image (role="img") labelled by its <title> and <desc>; the page shows the same numbers as a
table beside it, and both the SVG and the numbers (CSV) can be downloaded. Values are written next to the
bars, so the picture can be read without the axis. The same string is embedded in the page and served as
the download, so it carries its own namespace and fonts.
"""

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .numbers import DashboardData
from .tables import funnel_label, kind_label, unit_label

FONT = 'font-family="HelsinkiGrotesk, Arial, sans-serif"'
INK = "#1a1a1a"
GRID = "#cccccc"
# HDS brand colours with enough contrast against white (WCAG 1.4.11 for graphics).
COLOURS = ("#0000bf", "#007a64", "#bd2719", "#6b40bf", "#8a5700")
MAX_UNITS = 15


def _number(value: float | int | Decimal, decimals: int = 0) -> str:
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\u00a0")


def _svg(key: str, width: int, height: int, title: str, description: str, body: list[str]) -> SafeString:
    chart_id = f"dashboard-{key}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'focusable="false" {FONT} font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every interpolated text is escaped


def _rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    width, height = max(width, 0), max(height, 0)
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}"/>'


def _text(x: float, y: float, text: str, anchor: str = "start", weight: str = "") -> str:
    bold = ' font-weight="bold"' if weight else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{INK}"{bold}>{escape(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, colour: str = GRID, width: float = 1) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
        f'stroke-width="{width}"/>'
    )


def _legend(x: float, y: float, series: Sequence[tuple[str, str]]) -> list[str]:
    parts = []
    for label, colour in series:
        parts.append(_rect(x, y - 10, 12, 12, colour))
        parts.append(_text(x + 16, y, label))
        x += 24 + 7 * len(label)
    return parts


def _nice_top(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above the value (at least 1)."""
    if value <= 1:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(value)


def _y_axis(
    left: float, right: float, top: float, height: float, maximum: float, decimals: int = 0
) -> list[str]:
    parts = []
    for share in (0, 0.25, 0.5, 0.75, 1):
        y = top + height * (1 - share)
        parts.append(_line(left, y, right, y))
        parts.append(_text(left - 6, y + 4, _number(maximum * share, decimals), "end"))
    return parts


def funnel_chart(data: DashboardData) -> SafeString:
    """Centred bars, one per stage, their width proportional to the count."""
    width, row, top, label_w = 720, 34, 12, 190
    height = top * 2 + row * len(data.funnel)
    plot_w = width - label_w - 70
    largest = max((stage.count for stage in data.funnel), default=0) or 1
    body = []
    for index, stage in enumerate(data.funnel):
        y = top + index * row
        bar_w = plot_w * stage.count / largest
        x = label_w + (plot_w - bar_w) / 2
        body.append(_text(label_w - 8, y + 21, funnel_label(stage.key), "end"))
        body.append(_rect(x, y + 6, bar_w, row - 10, COLOURS[0]))
        body.append(_text(label_w + plot_w + 8, y + 21, _number(stage.count), "start", "bold"))
    description = _(
        "A funnel: one bar per stage from development needs to adopted experiments, its width "
        "proportional to the count written after it. The table below the chart has the same numbers."
    )
    return _svg("funnel", width, height, _("The programme funnel"), description, body)


def _vertical_groups(
    key: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, list[float]]],
    decimals: int = 0,
) -> SafeString:
    width, height, left, right, top, bottom = 720, 300, 70, 10, 30, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    maximum = _nice_top(max((value for _label, values in series for value in values), default=0))
    body = _y_axis(left, width - right, top, plot_h, maximum, decimals)
    slot = plot_w / max(len(labels), 1)
    bar_w = slot * 0.8 / max(len(series), 1)
    label_every = max(1, round(len(labels) / 12))
    for index, label in enumerate(labels):
        x0 = left + index * slot + slot * 0.1
        for number, (_name, values) in enumerate(series):
            bar_h = plot_h * values[index] / maximum
            body.append(_rect(x0 + number * bar_w, top + plot_h - bar_h, bar_w, bar_h, COLOURS[number]))
        if index % label_every == 0:
            body.append(_text(left + index * slot + slot / 2, top + plot_h + 16, label, "middle"))
    body.extend(_legend(left, 16, [(name, COLOURS[n]) for n, (name, _values) in enumerate(series)]))
    return _svg(key, width, height, title, description, body)


def years_chart(data: DashboardData) -> SafeString:
    """A time series: proposals, selections and experiments started per year, as lines with points."""
    width, height, left, right, top, bottom = 720, 300, 60, 20, 30, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    series = [
        (_("Proposals submitted"), [row.proposals for row in data.years]),
        (_("Proposals selected"), [row.selected for row in data.years]),
        (_("Experiments started"), [row.experiments for row in data.years]),
    ]
    maximum = _nice_top(max((value for _name, values in series for value in values), default=0))
    body = _y_axis(left, width - right, top, plot_h, maximum)
    count = len(data.years)
    step = plot_w / max(count - 1, 1)

    def x_of(index: int) -> float:
        return left + (index * step if count > 1 else plot_w / 2)

    for index, row in enumerate(data.years):
        body.append(_text(x_of(index), top + plot_h + 16, str(row.year), "middle"))
    for number, (_name, values) in enumerate(series):
        points = " ".join(
            f"{x_of(index):.1f},{top + plot_h * (1 - value / maximum):.1f}"
            for index, value in enumerate(values)
        )
        colour = COLOURS[number]
        if count > 1:
            body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for index, value in enumerate(values):
            body.append(
                f'<circle cx="{x_of(index):.1f}" cy="{top + plot_h * (1 - value / maximum):.1f}" r="3.5" '
                f'fill="{colour}"/>'
            )
    body.extend(_legend(left, 16, [(name, COLOURS[n]) for n, (name, _values) in enumerate(series)]))
    description = _(
        "Lines over the years: proposals submitted and selected (by the year the call opened) and "
        "experiments started. The table below the chart has the same numbers."
    )
    return _svg("years", width, height, _("Proposals and experiments per year"), description, body)


def decision_time_chart(data: DashboardData) -> SafeString:
    """Per year, the median days from submission to decision (a dot) and the quartiles (a bar)."""
    width, height, left, right, top, bottom = 720, 300, 60, 20, 30, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = max((row.decision_time.q3_days or 0 for row in data.years), default=0)
    maximum = _nice_top(highest)
    body = _y_axis(left, width - right, top, plot_h, maximum)
    slot = plot_w / max(len(data.years), 1)
    for index, row in enumerate(data.years):
        centre = left + index * slot + slot / 2
        body.append(_text(centre, top + plot_h + 16, str(row.year), "middle"))
        time = row.decision_time
        if time.median_days is None or time.q1_days is None or time.q3_days is None:
            continue
        y1 = top + plot_h * (1 - time.q3_days / maximum)
        y0 = top + plot_h * (1 - time.q1_days / maximum)
        body.append(_rect(centre - 8, y1, 16, y0 - y1, "#9fc9eb"))
        ym = top + plot_h * (1 - time.median_days / maximum)
        body.append(_line(centre - 12, ym, centre + 12, ym, COLOURS[0], 3))
        body.append(_text(centre + 14, ym + 4, _number(time.median_days, 1)))
    body.append(_text(left, 16, _("Days; the line is the median, the bar spans the quartiles")))
    description = _(
        "For each year of the calls, the median days from submission to decision as a line with its "
        "value, and a bar from the lower to the upper quartile. The table below the chart has the same "
        "numbers."
    )
    return _svg("decision_time", width, height, _("Time from submission to decision"), description, body)


def budget_chart(data: DashboardData) -> SafeString:
    description = _(
        "Pairs of bars per start year of the experiments: the amount granted and the amount spent, in "
        "euros. The table below the chart has the same numbers."
    )
    return _vertical_groups(
        "budget",
        _("Budget granted and spent"),
        description,
        [str(row.year) for row in data.years],
        [
            (_("Granted"), [float(row.granted) for row in data.years]),
            (_("Spent"), [float(row.spent) for row in data.years]),
        ],
    )


def _horizontal(
    key: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, list[float]]],
) -> SafeString:
    label_w, right, top, bar_h = 220, 80, 28, 14
    group_h = bar_h * len(series) + 10
    width = 720
    height = top + group_h * max(len(labels), 1) + 8
    plot_w = width - label_w - right
    largest = max((value for _name, values in series for value in values), default=0) or 1
    body = _legend(label_w, 16, [(name, COLOURS[n]) for n, (name, _values) in enumerate(series)])
    for index, label in enumerate(labels):
        y = top + index * group_h
        body.append(_text(label_w - 8, y + bar_h * len(series) / 2 + 4, label[:34], "end"))
        for number, (_name, values) in enumerate(series):
            bar_w = plot_w * values[index] / largest
            body.append(_rect(label_w, y + number * bar_h, bar_w, bar_h - 2, COLOURS[number]))
            body.append(_text(label_w + bar_w + 6, y + number * bar_h + bar_h - 4, _number(values[index])))
    return _svg(key, width, height, title, description, body)


def kinds_chart(data: DashboardData) -> SafeString:
    description = _(
        "Horizontal bars per kind of applicant: proposals submitted and proposals selected, each with its "
        "count. The table below the chart has the same numbers."
    )
    return _horizontal(
        "kinds",
        _("Participation by organisation kind"),
        description,
        [kind_label(row.kind) for row in data.kinds],
        [
            (_("Proposals submitted"), [row.proposals for row in data.kinds]),
            (_("Proposals selected"), [row.selected for row in data.kinds]),
        ],
    )


def units_chart(data: DashboardData) -> SafeString:
    shown = data.units[:MAX_UNITS]
    description = _(
        "Horizontal bars per responsible unit (the units with most experiments): the number of "
        "experiments. The table below the chart lists every unit with the amounts granted and spent."
    )
    return _horizontal(
        "units",
        _("Experiments by responsible unit"),
        description,
        [unit_label(row.unit) for row in shown],
        [(_("Experiments"), [row.experiments for row in shown])],
    )


CHARTS: dict[str, Callable[[DashboardData], SafeString]] = {
    "funnel": funnel_chart,
    "years": years_chart,
    "decision_time": decision_time_chart,
    "budget": budget_chart,
    "kinds": kinds_chart,
    "units": units_chart,
}
