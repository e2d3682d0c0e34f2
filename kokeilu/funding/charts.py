"""Granted versus spent, and the spending per category, as horizontal bars drawn on the server (SVG
geometry for a template). The numbers are printed next to the bars and listed in a table beside the
chart, so nothing depends on seeing the picture."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .selectors import MoneySummary

WIDTH = 480
LABEL_WIDTH = 150
VALUE_WIDTH = 110
ROW_HEIGHT = 28
BAR_HEIGHT = 16
TOP = 6


@dataclass(frozen=True)
class MoneyBar:
    label: str
    value_label: str
    x: int
    y: float
    width: float
    kind: str  # "granted", "spent", "over" or "category"
    text_y: float
    value_x: float


@dataclass(frozen=True)
class MoneyChart:
    title: str
    summary: str
    bars: list[MoneyBar]
    width: int
    height: int
    label_width: int


def euros(value: Decimal) -> str:
    return f"{number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)} €"


def money_chart(summary: MoneySummary) -> MoneyChart:
    """Bars for the grant, the spending and each category, scaled to the larger of grant and spending."""
    rows: list[tuple[str, Decimal, str]] = [
        (_("Granted"), summary.granted, "granted"),
        (_("Spent"), summary.spent, "over" if summary.is_over_budget else "spent"),
    ]
    rows += [(item.label, item.total, "category") for item in summary.by_category]
    top = max([summary.granted, summary.spent, Decimal("0.01")])
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (label, value, kind) in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        # Geometry only: the numbers shown stay Decimal.
        width = round(plot * float(value / top), 1) if value > 0 else 0.0
        bars.append(
            MoneyBar(
                label=label,
                value_label=euros(value),
                x=LABEL_WIDTH,
                y=y,
                width=width,
                kind=kind,
                text_y=y + BAR_HEIGHT - 3,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    if summary.is_over_budget:
        text = _("%(spent)s of the grant of %(granted)s is spent: %(over)s over the grant.")
    else:
        text = _("%(spent)s of the grant of %(granted)s is spent; %(remaining)s remains.")
    return MoneyChart(
        title=_("Granted and spent"),
        summary=text
        % {
            "spent": euros(summary.spent),
            "granted": euros(summary.granted),
            "over": euros(summary.over_by),
            "remaining": euros(summary.remaining),
        },
        bars=bars,
        width=WIDTH,
        height=TOP * 2 + len(rows) * ROW_HEIGHT,
        label_width=LABEL_WIDTH,
    )
