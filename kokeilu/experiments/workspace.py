"""The shared frame of an experiment's workspace: finding the experiment for a request with the right to
open the page, the tabs, and the overview sections each workspace app contributes.

Workspace apps (planning, funding, agreements, events, materials, updates, surveys) call
`workspace_or_404` from their HTML views and API views alike, so the rule is the same on both faces:

- "public": the public face (anyone when the experiment is public);
- "view": members and managers;
- "team": managers, leads, team members and partner representatives;
- "manage": managers and leads.

Someone who may not see the workspace at all gets 404 (its existence is private); a member who lacks
the level gets 403.
"""

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from kokeilu.accounts.selectors import AnyUser

from .models import Experiment
from .selectors import ExperimentAccess, experiment_access, experiment_get

Level = Literal["public", "view", "team", "manage"]


def access_allows(access: ExperimentAccess, level: Level) -> bool:
    return {
        "public": access.can_see_public_face,
        "view": access.can_view,
        "team": access.is_team,
        "manage": access.can_manage,
    }[level]


def workspace_or_404(
    *, user: AnyUser, slug: str, level: Level = "view"
) -> tuple[Experiment, ExperimentAccess]:
    experiment = experiment_get(slug=slug)
    if experiment is None:
        raise Http404
    access = experiment_access(user=user, experiment=experiment)
    if not access.can_view and not (level == "public" and access.is_public):
        raise Http404
    if not access_allows(access, level):
        raise PermissionDenied
    return experiment, access


@dataclass(frozen=True)
class Tab:
    key: str
    label: str | Promise
    url_name: str
    level: Level


# The workspace's tabs, in order. A tab whose app has no page yet is left out.
TABS: tuple[Tab, ...] = (
    Tab("overview", pgettext_lazy("workspace tab", "Overview"), "experiments:detail", "public"),
    Tab("plan", pgettext_lazy("workspace tab", "Plan"), "planning:plan", "view"),
    Tab("money", pgettext_lazy("workspace tab", "Money"), "funding:money", "team"),
    Tab(
        "agreement", pgettext_lazy("workspace tab", "Partners and agreement"), "agreements:agreement", "view"
    ),
    Tab("people", pgettext_lazy("workspace tab", "People"), "experiments:people", "view"),
    Tab("events", pgettext_lazy("workspace tab", "Events"), "events:list", "view"),
    Tab("materials", pgettext_lazy("workspace tab", "Materials"), "materials:list", "view"),
    Tab("updates", pgettext_lazy("workspace tab", "Updates"), "updates:feed", "public"),
    Tab("surveys", pgettext_lazy("workspace tab", "Surveys"), "surveys:list", "view"),
)


def workspace_tabs(experiment: Experiment, access: ExperimentAccess, active: str) -> list[dict[str, Any]]:
    tabs = []
    for tab in TABS:
        if not access_allows(access, tab.level):
            continue
        if tab.level == "public" and tab.key != "overview" and not access.can_view:
            # Outsiders see the overview of a public experiment (with its public updates on it).
            continue
        try:
            url = reverse(tab.url_name, kwargs={"slug": experiment.slug})
        except NoReverseMatch:
            continue
        tabs.append({"key": tab.key, "label": tab.label, "url": url, "active": tab.key == active})
    return tabs


def workspace_context(
    experiment: Experiment, access: ExperimentAccess, active: str, **extra: Any
) -> dict[str, Any]:
    """The context every workspace page's template (extending experiments/workspace_base.html) needs."""
    return {
        "experiment": experiment,
        "access": access,
        "tabs": workspace_tabs(experiment, access, active),
        "active_tab": active,
        **extra,
    }


# The overview page shows one section from each workspace app: `<app>.overview.overview_context`
# returns the context (or None to leave the section out) for the template `<app>/_overview.html`.
OVERVIEW_APPS: tuple[str, ...] = (
    "planning",
    "funding",
    "agreements",
    "events",
    "updates",
    "materials",
    "surveys",
    "methods",
    "references",
    "reports",
)


def overview_sections(
    *, experiment: Experiment, access: ExperimentAccess, user: AnyUser
) -> list[dict[str, Any]]:
    sections = []
    for app in OVERVIEW_APPS:
        try:
            module = importlib.import_module(f"kokeilu.{app}.overview")
        except ModuleNotFoundError:
            continue
        context = module.overview_context(experiment=experiment, access=access, user=user)
        if context is not None:
            sections.append({"template": f"{app}/_overview.html", "context": context})
    return sections


# What other apps keep for a person may depend on what the person may see (a seat at a group's event).
# After people leave the experiment or one of its groups, or lose a role, the experiments services call
# each of these, in the same transaction, with the experiment and the ids of the people concerned.
ACCESS_CHANGE_HANDLERS: tuple[str, ...] = ("kokeilu.events.services.attendance_reconcile",)


def access_changed(*, experiment: Experiment, user_ids: Iterable[int]) -> None:
    """Tell the apps that keep per-person records that these people's access to the experiment shrank."""
    people = set(user_ids)
    if not people:
        return
    # A fresh copy: the access of these people was cached on the caller's object before the change.
    fresh = Experiment.objects.get(pk=experiment.pk)
    for path in ACCESS_CHANGE_HANDLERS:
        module_name, function_name = path.rsplit(".", 1)
        getattr(importlib.import_module(module_name), function_name)(experiment=fresh, user_ids=people)
