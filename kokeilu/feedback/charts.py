"""Bar charts over time, drawn on the server as SVG geometry for a template (no JavaScript, no images).
Every chart has a text alternative: its title, a one-line summary and the table of the same numbers."""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format, number_format

WIDTH, HEIGHT = 360, 180
LEFT, RIGHT, TOP, BOTTOM = 34, 6, 14, 26


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the month
    value_label: str
    over_target: bool = False


@dataclass(frozen=True)
class GridLine:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    bars: list[Bar]
    grid: list[GridLine]
    width: int = WIDTH
    height: int = HEIGHT
    target_y: float | None = None
    target_label: str = ""
    axis_y: float = HEIGHT - BOTTOM
    left: int = LEFT


def _nice_maximum(value: float) -> float:
    for step in (1, 2, 5, 10, 20, 30, 40, 60, 90, 120, 180, 360):
        if value <= step:
            return float(step)
    return float(value)


def bar_chart(
    *,
    title: str,
    summary: str,
    months: list[date],
    values: list[float | None],
    maximum: float | None = None,
    decimals: int = 1,
    target: float | None = None,
    target_label: str = "",
) -> Chart:
    """Months on the x axis, a bar per month (none where there is no value); an optional dashed target."""
    highest = max([value for value in values if value is not None] + [target or 0, 0.0])
    top = maximum if maximum is not None else _nice_maximum(highest or 1)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(months), 1)

    def y_of(value: float) -> float:
        return round(TOP + plot_height * (1 - min(value, top) / top), 1)

    bars = []
    for index, (month, value) in enumerate(zip(months, values, strict=True)):
        label = date_format(month, "M")
        if value is None:
            bars.append(Bar(round(LEFT + index * slot + slot * 0.15, 1), HEIGHT - BOTTOM, 0, 0, label, "–"))
            continue
        y = y_of(value)
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=y,
                width=round(slot * 0.7, 1),
                height=round(HEIGHT - BOTTOM - y, 1),
                label=label,
                value_label=number_format(value, decimals),
                over_target=target is not None and value > target,
            )
        )
    grid = [
        GridLine(y_of(top * share), number_format(top * share, 0 if top >= 10 else 1))
        for share in (0, 0.5, 1)
    ]
    return Chart(
        title=title,
        summary=summary,
        bars=bars,
        grid=grid,
        target_y=y_of(target) if target is not None else None,
        target_label=target_label,
    )
