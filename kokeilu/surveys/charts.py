"""Survey result charts drawn on the server as SVG (no JavaScript). Each chart is an image with a title
and a description; the page shows the same numbers as a table next to it."""

from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .selectors import QuestionResult

FONT = 'font-family="HelsinkiGrotesk, Arial, sans-serif"'
BAR_COLOUR = "#0000bf"  # HDS coat of arms blue: 4.5:1 or more against white
NPS_COLOURS = {"detractors": "#b01038", "passives": "#7a7a7a", "promoters": "#007a64"}


def _svg(width: int, height: int, chart_id: str, title: str, description: str, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" class="chart survey-chart" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT} font-size="13">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every interpolated text is escaped


def _shorten(text: str, length: int = 28) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def bar_chart(result: QuestionResult, chart_id: str) -> SafeString:
    """One horizontal bar per option or rating value, its length the number of answers."""
    rows = result.counts
    width, left, right, row_height, top = 560, 190, 70, 26, 8
    height = top * 2 + row_height * max(len(rows), 1)
    highest = max((row.count for row in rows), default=0) or 1
    plot = width - left - right
    body = []
    for index, row in enumerate(rows):
        y = top + index * row_height
        length = plot * row.count / highest
        body.append(
            f'<text x="{left - 8}" y="{y + 17}" text-anchor="end">{escape(_shorten(row.label))}</text>'
            f'<rect x="{left}" y="{y + 4}" width="{length:.1f}" height="{row_height - 8}" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{left + length + 6:.1f}" y="{y + 17}">{row.count} '
            f"({number_format(row.share * 100, 0)} %)</text>"
        )
    description = "; ".join(f"{row.label}: {row.count}" for row in rows)
    title = str(result.question.text)
    summary = ngettext("%(count)s person answered.", "%(count)s people answered.", result.respondents) % {
        "count": result.respondents
    }
    return _svg(width, height, chart_id, title, f"{summary} {description}", body)


def nps_chart(result: QuestionResult, chart_id: str) -> SafeString:
    """One stacked bar: detractors (0–6), passives (7–8) and promoters (9–10), with the score."""
    width, height, left, right, top, bar_height = 560, 74, 8, 8, 28, 26
    plot = width - left - right
    total = result.respondents or 1
    parts = [
        ("detractors", _("Detractors (0–6)"), result.detractors),
        ("passives", _("Passives (7–8)"), result.passives),
        ("promoters", _("Promoters (9–10)"), result.promoters),
    ]
    body = []
    score = result.nps
    heading = _("NPS %(score)s") % {"score": score} if score is not None else _("No answers yet")
    body.append(f'<text x="{left}" y="18" font-weight="bold">{escape(heading)}</text>')
    x = float(left)
    for key, _label, count in parts:
        length = plot * count / total
        if length > 0:
            body.append(
                f'<rect x="{x:.1f}" y="{top}" width="{length:.1f}" height="{bar_height}" '
                f'fill="{NPS_COLOURS[key]}"/>'
            )
            if length > 34:
                body.append(
                    f'<text x="{x + length / 2:.1f}" y="{top + 18}" text-anchor="middle" fill="#ffffff">'
                    f"{count}</text>"
                )
        x += length
    description = "; ".join(f"{label}: {count}" for _key, label, count in parts)
    return _svg(width, height, chart_id, str(result.question.text), f"{heading}. {description}", body)
