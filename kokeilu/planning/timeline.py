"""The timeline picture of an experiment (Gantt-like): phases as bars over the dates, milestones as
diamonds, today marked. Drawn on the server as SVG geometry for a template, so it reads without JavaScript
and can be downloaded as a file; the page shows a table of the same dates as its text alternative."""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kokeilu.experiments.models import Experiment

from .models import Milestone, Phase

WIDTH = 760
LABEL_WIDTH = 190
RIGHT = 16
TOP = 34
ROW = 30
BAR_HEIGHT = 18
BOTTOM = 16
LABEL_CHARS = 28


@dataclass(frozen=True)
class TimelineBar:
    x: float
    y: float
    width: float
    label: str
    dates: str
    state: str
    text_y: float


@dataclass(frozen=True)
class TimelineDiamond:
    cx: float
    cy: float
    points: str
    label: str
    date: str
    is_done: bool
    text_y: float


@dataclass(frozen=True)
class TimelineTick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    title: str
    summary: str
    width: int
    height: int
    left: int
    axis_y: float
    bars: list[TimelineBar] = field(default_factory=list)
    diamonds: list[TimelineDiamond] = field(default_factory=list)
    ticks: list[TimelineTick] = field(default_factory=list)
    today_x: float | None = None
    today_label: str = ""
    milestone_row_y: float | None = None
    milestone_row_label: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.bars and not self.diamonds


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _date(day: datetime.date) -> str:
    return date_format(day, "j.n.Y")


def build_timeline(
    *, experiment: Experiment, phases: list[Phase], milestones: list[Milestone], today: datetime.date
) -> Timeline:
    """Geometry for the SVG; the date range spans the experiment, its phases and milestones."""
    days = [experiment.starts_on, experiment.ends_on]
    days += [day for phase in phases for day in (phase.starts_on, phase.ends_on) if day is not None]
    days += [milestone.due_on for milestone in milestones]
    first, last = min(days), max(days)
    span = max((last - first).days + 1, 1)
    plot = WIDTH - LABEL_WIDTH - RIGHT

    def x_of(day: datetime.date) -> float:
        return round(LABEL_WIDTH + plot * (day - first).days / span, 1)

    def x_end(day: datetime.date) -> float:
        return round(LABEL_WIDTH + plot * ((day - first).days + 1) / span, 1)

    bars = []
    for index, phase in enumerate(phases):
        y = TOP + index * ROW + (ROW - BAR_HEIGHT) / 2
        label = f"{index + 1}. {_short(str(phase.name))}"
        if phase.starts_on and phase.ends_on:
            x, width = x_of(phase.starts_on), round(x_end(phase.ends_on) - x_of(phase.starts_on), 1)
            dates = f"{_date(phase.starts_on)} – {_date(phase.ends_on)}"
        else:
            x, width, dates = float(LABEL_WIDTH), 0.0, _("no dates")
        bars.append(
            TimelineBar(
                x=x, y=y, width=width, label=label, dates=dates, state=phase.state, text_y=y + BAR_HEIGHT - 5
            )
        )
    milestone_row_y = TOP + len(phases) * ROW + ROW / 2
    diamonds = []
    size = 7
    for milestone in milestones:
        cx = round((x_of(milestone.due_on) + x_end(milestone.due_on)) / 2, 1)
        cy = milestone_row_y
        diamonds.append(
            TimelineDiamond(
                cx=cx,
                cy=cy,
                points=f"{cx},{cy - size} {cx + size},{cy} {cx},{cy + size} {cx - size},{cy}",
                label=milestone.title,
                date=_date(milestone.due_on),
                is_done=milestone.is_done,
                text_y=cy + 4,
            )
        )
    rows = len(phases) + (1 if milestones else 0)
    height = TOP + max(rows, 1) * ROW + BOTTOM
    ticks = []
    month = first.replace(day=1)
    while month <= last:
        if month >= first:
            ticks.append(TimelineTick(x=x_of(month), label=date_format(month, "M Y")))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    if len(ticks) > 8:  # keep the labels readable on long experiments
        ticks = ticks[:: (len(ticks) + 7) // 8]
    today_x = x_of(today) if first <= today <= last else None
    current = next((phase for phase in phases if phase.state == "current"), None)
    summary_parts = [
        ngettext(
            "%(count)d phase from %(first)s to %(last)s.",
            "%(count)d phases from %(first)s to %(last)s.",
            len(phases),
        )
        % {"count": len(phases), "first": _date(first), "last": _date(last)},
        ngettext("%(count)d milestone.", "%(count)d milestones.", len(milestones))
        % {"count": len(milestones)},
    ]
    if current is not None:
        summary_parts.append(_("Current phase: %(phase)s.") % {"phase": current.name})
    return Timeline(
        title=_("Timeline of %(experiment)s") % {"experiment": experiment.title},
        summary=" ".join(summary_parts),
        width=WIDTH,
        height=int(height),
        left=LABEL_WIDTH,
        axis_y=TOP - 6,
        bars=bars,
        diamonds=diamonds,
        ticks=ticks,
        today_x=today_x,
        today_label=_("Today"),
        milestone_row_y=milestone_row_y if milestones else None,
        milestone_row_label=_("Milestones"),
    )
