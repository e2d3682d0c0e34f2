"""Charts rendered on the server as SVG from suppressed tables only.

Each chart is an image with a title and a description (role="img", aria-labelledby); the page shows the
same numbers as a table next to it and offers them as CSV. Suppressed cells are drawn as one hatched
"suppressed" segment, so a chart never shows more than its table.
"""

from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .presentation import STATE_COLOURS, state_label

FONT = 'font-family="HelsinkiGrotesk, Arial, sans-serif"'
HATCH = (
    '<defs><pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#666666" stroke-width="3"/></pattern></defs>'
)


def _svg(width: int, height: int, chart_id: str, title: str, description: str, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT} font-size="12">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + HATCH.format(id=f"{chart_id}-hatch")
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every interpolated text is escaped


def _rect(x: float, y: float, width: float, height: float, fill: str, *, outline: bool = False) -> str:
    stroke = ' stroke="#1a1a1a" stroke-width="0.5"' if outline else ""
    return f'<rect x="{x:.2f}" y="{y:.2f}" width="{width:.2f}" height="{height:.2f}" fill="{fill}"{stroke}/>'


def _text(x: float, y: float, text: str, anchor: str) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'


def _axis_labels(size: int, x_label: str, y_label: str) -> list[str]:
    middle = size / 2
    return [
        _text(middle, size - 6, x_label, "middle"),
        f'<text x="12" y="{middle}" text-anchor="middle" transform="rotate(-90 12 {middle})">'
        f"{escape(y_label)}</text>",
    ]


def _percent_axis(left: float, top: float, width: float, height: float) -> list[str]:
    parts = []
    for tick in (0, 25, 50, 75, 100):
        y = top + height * (1 - tick / 100)
        parts.append(
            f'<line x1="{left:.1f}" x2="{left + width:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#cccccc"/>'
        )
        parts.append(_text(left - 6, y + 4, f"{tick} %", "end"))
    return parts


def state_distribution(table: dict[str, Any], chart_id: str, title: str) -> SafeString:
    """Stacked bars: the share of the group in each state in each period (TraMineR's seqdplot)."""
    width, height, left, top, bottom, right = 760, 320, 52, 12, 48, 8
    plot_w, plot_h = width - left - right, height - top - bottom
    rows = table["row_labels"]
    states = table["column_labels"]
    bar = plot_w / max(len(rows), 1)
    body = _percent_axis(left, top, plot_w, plot_h)
    label_every = max(1, round(len(rows) / 8))
    for index, (label, cells, total) in enumerate(
        zip(rows, table["cells"], table["row_totals"], strict=True)
    ):
        if not total:
            continue
        x = left + index * bar
        y = float(top + plot_h)
        shown = 0
        for state, value in zip(states, cells, strict=True):
            if not value:
                continue
            h = plot_h * value / total
            y -= h
            shown += value
            body.append(_rect(x, y, bar, h, STATE_COLOURS[state]))
        if shown < total:
            h = plot_h * (total - shown) / total
            body.append(_rect(x, y - h, bar, h, f"url(#{chart_id}-hatch)"))
        if index % label_every == 0:
            body.append(_text(x + bar / 2, top + plot_h + 16, label, "middle"))
    description = _(
        "Stacked bars, one per period, showing the share of the group's people in each state. "
        "Hatched parts are suppressed. The table below the chart has the same numbers."
    )
    return _svg(width, height, chart_id, title, description, body)


def sankey(
    sankey_data: dict[str, Any],
    state_rows: dict[str, list[int | None]],
    total: int,
    chart_id: str,
    title: str,
) -> SafeString:
    """Columns of states at the stages, bands for the people moving between them."""
    stages = sankey_data["stages"]
    flows = sankey_data["flows"]
    states = list(STATE_COLOURS)
    width, height, top, bottom, left, right = 760, 380, 28, 12, 110, 110
    node_w = 14
    gap = 6
    plot_h = height - top - bottom - gap * (len(states) - 1)
    step = (width - left - right - node_w) / max(len(stages) - 1, 1)
    scale = plot_h / total if total else 0.0
    body: list[str] = []
    positions: list[dict[str, tuple[float, float]]] = []
    for s, stage in enumerate(stages):
        x = left + s * step
        y = float(top)
        nodes: dict[str, tuple[float, float]] = {}
        counts = state_rows[stage]
        for state, count in zip(states, counts, strict=True):
            if count is None:
                continue
            h = count * scale
            nodes[state] = (y, h)
            if count:
                body.append(_rect(x, y, node_w, h, STATE_COLOURS[state], outline=True))
                y += h + gap
        hidden = total - sum(c for c in counts if c is not None)
        if hidden > 0:
            body.append(_rect(x, y, node_w, hidden * scale, f"url(#{chart_id}-hatch)", outline=True))
        body.append(_text(x + node_w / 2, top - 10, stage, "middle"))
        positions.append(nodes)
    for s, flow in enumerate(flows):
        if flow is None:
            continue
        x0 = left + s * step + node_w
        x1 = left + (s + 1) * step
        mid = (x0 + x1) / 2
        out_offset = dict.fromkeys(states, 0.0)
        in_offset = dict.fromkeys(states, 0.0)
        for a, row in zip(states, flow["cells"], strict=True):
            for b, value in zip(states, row, strict=True):
                if not value or a not in positions[s] or b not in positions[s + 1]:
                    continue
                h = value * scale
                y0 = positions[s][a][0] + out_offset[a]
                y1 = positions[s + 1][b][0] + in_offset[b]
                out_offset[a] += h
                in_offset[b] += h
                path = (
                    f"M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f} "
                    f"L{x1:.1f},{y1 + h:.1f} C{mid:.1f},{y1 + h:.1f} {mid:.1f},{y0 + h:.1f} "
                    f"{x0:.1f},{y0 + h:.1f} Z"
                )
                body.append(f'<path d="{path}" fill="{STATE_COLOURS[a]}" fill-opacity="0.45"/>')
    for nodes, anchor, label_x in (
        (positions[0], "end", left - 6),
        (positions[-1], "start", width - right + 6),
    ):
        for state, (y, h) in nodes.items():
            if h >= 10:
                body.append(_text(label_x, y + h / 2 + 4, state_label(state), anchor))
    description = _(
        "Columns of states at each stage; the bands show how many people moved from each state to each "
        "state between stages. Suppressed flows are left out and suppressed states are hatched. The tables "
        "below the chart have the same numbers."
    )
    return _svg(width, height, chart_id, title, description, body)


def _unit_square(size: int, pad: int) -> list[str]:
    inner = size - 2 * pad
    parts = [
        f'<rect x="{pad}" y="{pad}" width="{inner}" height="{inner}" fill="none" stroke="#999999"/>',
        f'<line x1="{pad}" y1="{pad + inner}" x2="{pad + inner}" y2="{pad}" stroke="#999999" '
        'stroke-dasharray="4 4"/>',
    ]
    for tick in (0, 0.5, 1):
        parts.append(_text(pad + inner * tick, pad + inner + 16, f"{tick:g}", "middle"))
        parts.append(_text(pad - 6, pad + inner * (1 - tick) + 4, f"{tick:g}", "end"))
    return parts


def roc_curve(points: list[list[float]], chart_id: str, title: str, x_label: str, y_label: str) -> SafeString:
    size, pad = 340, 44
    inner = size - 2 * pad
    body = _unit_square(size, pad)
    coordinates = " ".join(f"{pad + inner * x:.1f},{pad + inner * (1 - y):.1f}" for x, y in points)
    body.append(f'<polyline points="{coordinates}" fill="none" stroke="#0000bf" stroke-width="2.5"/>')
    body.extend(_axis_labels(size, x_label, y_label))
    description = _(
        "The ROC curve of the held-out people against the diagonal of chance. "
        "The calibration table below has the counts it is drawn from."
    )
    return _svg(size, size, chart_id, title, description, body)


def calibration(
    bins: list[dict[str, Any]], chart_id: str, title: str, x_label: str, y_label: str
) -> SafeString:
    size, pad = 340, 44
    inner = size - 2 * pad
    body = _unit_square(size, pad)
    for item in bins:
        x = pad + inner * float(item["mean_predicted"])
        y = pad + inner * (1 - float(item["observed"]))
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#bd2719"/>')
    body.extend(_axis_labels(size, x_label, y_label))
    description = _(
        "Predicted against observed share of group members per bin; a perfect model lies on the diagonal. "
        "The table below has the numbers."
    )
    return _svg(size, size, chart_id, title, description, body)
