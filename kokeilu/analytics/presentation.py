"""Translated names and short descriptions for what the pipeline reports by key."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

STATE_LABELS = {
    "no_contact": gettext_lazy("No contact"),
    "health": gettext_lazy("Health care"),
    "early_childhood_education": gettext_lazy("Early-childhood education"),
    "employment": gettext_lazy("Employment services"),
    "social_care": gettext_lazy("Social care"),
    "mental_health_substance": gettext_lazy("Mental-health and substance services"),
    "child_welfare": gettext_lazy("Child welfare"),
}
# Helsinki Design System brand colours; the charts also carry tables, so colour is never the only cue.
STATE_COLOURS = {
    "no_contact": "#dedfe1",
    "health": "#9fc9eb",
    "early_childhood_education": "#ffc61e",
    "employment": "#00d7a7",
    "social_care": "#0000bf",
    "mental_health_substance": "#bd2719",
    "child_welfare": "#f5a3c7",
}
METHOD_LABELS = {
    "optimal_matching": gettext_lazy("Optimal matching of the paths (CLARA)"),
    "features": gettext_lazy("Time spent in each state (k-means)"),
}
RESOLUTION_LABELS = {
    "month": gettext_lazy("month"),
    "quarter": gettext_lazy("quarter"),
    "year": gettext_lazy("year"),
}


def state_label(key: str) -> str:
    return str(STATE_LABELS.get(key, key))


def states_for_legend(keys: list[str]) -> list[dict[str, str]]:
    return [
        {"key": key, "label": state_label(key), "colour": STATE_COLOURS.get(key, "#808080")} for key in keys
    ]


def signal_text(feature: list[str]) -> str:
    """A sentence fragment naming an early-identification feature."""
    kind = feature[0]
    if kind == "periods":
        return _("Periods in %(state)s") % {"state": state_label(feature[1])}
    if kind == "transitions":
        return _("Changes from %(from)s to %(to)s") % {
            "from": state_label(feature[1]),
            "to": state_label(feature[2]),
        }
    if kind == "age_at_start":
        return _("Age at the start of the early years")
    return " ".join(feature)


def typical_path(group: dict[str, Any], limit: int = 3) -> str:
    """The group's typical path in words: its most common states and their shares of the time (a share
    summed over suppressed cells is a lower bound, and says so)."""
    shares = sorted((group.get("state_shares") or {}).items(), key=lambda item: -item[1]["share"])
    parts = []
    for key, value in shares[:limit]:
        values = {"state": state_label(key), "percent": round(100 * value["share"])}
        if value["complete"]:
            parts.append(_("%(state)s %(percent)s %%") % values)
        else:
            parts.append(_("%(state)s at least %(percent)s %%") % values)
    return ", ".join(parts)


def group_title(number: int) -> str:
    return _("Group %(number)s") % {"number": number}
