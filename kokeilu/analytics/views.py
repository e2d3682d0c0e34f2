"""Analyst pages. Every page view and export is written to the access log, refused attempts included.

Only analysts and data protection officers of a city (and site administrators) get in; anyone else gets 403,
and a run of another city is 404. The progress fragment that a run page polls is part of that page's
logged view and is not logged again.
"""

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest

from . import charts, services
from .forms import RunStartForm
from .models import AnalysisRun, RunStatus
from .pipeline.report_tables import all_tables
from .presentation import (
    METHOD_LABELS,
    RESOLUTION_LABELS,
    group_title,
    signal_text,
    state_label,
    states_for_legend,
    typical_path,
)
from .selectors import (
    AnalyticsAccess,
    access_log_visible,
    analytics_access,
    dataset_list_runnable,
    dataset_list_visible,
    run_get_visible,
    run_list_visible,
)

POLL_SECONDS = 2
HTMX_STOP_POLLING = 286

View = Callable[..., HttpResponse]


def analytics_page(action: str) -> Callable[[View], View]:
    """Sign-in required; people without an analytics role are refused (403) and the refusal is logged."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            access = analytics_access(request.user)
            if not access.can_view:
                services.access_log_record(user=request.user, action=action, path=request.path, allowed=False)
                raise PermissionDenied
            return view(request, access, *args, **kwargs)

        return wrapper

    return decorator


def _visible_run(
    request: AuthenticatedHttpRequest, access: AnalyticsAccess, pk: int, action: str
) -> AnalysisRun:
    run = run_get_visible(access=access, pk=pk)
    if run is None:
        services.access_log_record(user=request.user, action=action, path=request.path, allowed=False)
        raise Http404
    return run


def _log(request: AuthenticatedHttpRequest, action: str, run: AnalysisRun | None = None) -> None:
    services.access_log_record(user=request.user, action=action, path=request.path, allowed=True, run=run)


def _run_list_context(
    access: AnalyticsAccess, form: RunStartForm | None, page_number: str | None
) -> dict[str, Any]:
    return {
        "access": access,
        "form": form,
        "datasets": dataset_list_visible(access=access),
        "page": Paginator(run_list_visible(access=access), 25).get_page(page_number),
        "method_labels": METHOD_LABELS,
    }


@require_GET
@analytics_page("run_list")
def run_list(request: AuthenticatedHttpRequest, access: AnalyticsAccess) -> HttpResponse:
    _log(request, "run_list")
    form = RunStartForm(datasets=dataset_list_runnable(access=access)) if access.can_start_runs else None
    return render(
        request, "analytics/run_list.html", _run_list_context(access, form, request.GET.get("page"))
    )


@require_POST
@analytics_page("run_start")
def run_start(request: AuthenticatedHttpRequest, access: AnalyticsAccess) -> HttpResponse:
    if not access.can_start_runs:
        services.access_log_record(user=request.user, action="run_start", path=request.path, allowed=False)
        raise PermissionDenied
    form = RunStartForm(request.POST, datasets=dataset_list_runnable(access=access))
    if form.is_valid():
        try:
            run = services.analysis_run_start(
                user=request.user, dataset=form.cleaned_data["dataset"], parameters=form.parameters()
            )
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            _log(request, "run_start", run)
            messages.success(request, _("The run was queued. Its progress is shown below."))
            return redirect("analytics:run_detail", pk=run.pk)
    _log(request, "run_start")
    return render(request, "analytics/run_list.html", _run_list_context(access, form, None), status=400)


def _group_summaries(run: AnalysisRun) -> list[dict[str, Any]]:
    results = run.results or {}
    summaries = []
    for group in results.get("groups", []):
        summaries.append(
            {
                "number": group["number"],
                "title": group_title(group["number"]),
                "size": group["size"],
                "share": (group["size"] / results["people"])
                if group["size"] and results.get("people")
                else None,
                "typical_path": typical_path(group),
                "shown": "state_distribution" in group,
            }
        )
    return summaries


def _early_context(run: AnalysisRun) -> dict[str, Any] | None:
    early = (run.results or {}).get("early")
    if not early:
        return None
    context: dict[str, Any] = {"early": early, "target_title": group_title(early["target_group"])}
    context["signals"] = [
        {"text": signal_text(signal["feature"]), "coefficient": signal["coefficient"]}
        for signal in early["signals"]
    ]
    if early.get("bins"):
        context["roc_chart"] = charts.roc_curve(
            early["roc"],
            "roc",
            _("ROC curve of early identification"),
            _("False-positive rate"),
            _("True-positive rate"),
        )
        context["calibration_chart"] = charts.calibration(
            early["bins"],
            "calibration",
            _("Calibration of early identification"),
            _("Predicted probability"),
            _("Observed share"),
        )
    return context


@require_GET
@analytics_page("run_detail")
def run_detail(request: AuthenticatedHttpRequest, access: AnalyticsAccess, pk: int) -> HttpResponse:
    run = _visible_run(request, access, pk, "run_detail")
    _log(request, "run_detail", run)
    context: dict[str, Any] = {
        "run": run,
        "access": access,
        "can_run": access.can_run_in_city(run.dataset.city_id),
        "poll_seconds": POLL_SECONDS,
        "method_label": METHOD_LABELS.get(run.parameters.get("method", ""), ""),
        "resolution_label": RESOLUTION_LABELS.get(run.parameters.get("resolution", ""), ""),
    }
    if run.status == RunStatus.SUCCEEDED and run.results:
        results = run.results
        context["results"] = results
        context["groups"] = _group_summaries(run)
        context["silhouettes"] = sorted(
            ((int(k), v) for k, v in results["grouping"]["silhouettes"].items()), key=lambda item: item[0]
        )
        context["group_sizes"] = _labelled_table(results["group_sizes"], results)
        context.update(_early_context(run) or {})
    return render(request, "analytics/run_detail.html", context)


@require_GET
@login_required
def run_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The fragment a running run's page polls; it stops the polling (286) and reloads once the run ends."""
    access = analytics_access(request.user)
    run = run_get_visible(access=access, pk=pk) if access.can_view else None
    if run is None:
        raise Http404
    response = render(request, "analytics/_progress.html", {"run": run})
    if run.is_finished:
        response.status_code = HTMX_STOP_POLLING
        response["HX-Refresh"] = "true"
    return response


@require_POST
@analytics_page("run_retry")
def run_retry(request: AuthenticatedHttpRequest, access: AnalyticsAccess, pk: int) -> HttpResponse:
    run = _visible_run(request, access, pk, "run_retry")
    try:
        services.analysis_run_retry(user=request.user, run=run)
    except PermissionDeniedError:
        services.access_log_record(
            user=request.user, action="run_retry", path=request.path, allowed=False, run=run
        )
        raise PermissionDenied from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The run was queued again."))
    _log(request, "run_retry", run)
    return redirect("analytics:run_detail", pk=run.pk)


@require_POST
@analytics_page("run_repeat")
def run_repeat(request: AuthenticatedHttpRequest, access: AnalyticsAccess, pk: int) -> HttpResponse:
    run = _visible_run(request, access, pk, "run_repeat")
    try:
        new_run = services.analysis_run_repeat(user=request.user, run=run)
    except PermissionDeniedError:
        services.access_log_record(
            user=request.user, action="run_repeat", path=request.path, allowed=False, run=run
        )
        raise PermissionDenied from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("analytics:run_detail", pk=run.pk)
    _log(request, "run_repeat", new_run)
    messages.success(request, _("A new run with the same parameters was queued."))
    return redirect("analytics:run_detail", pk=new_run.pk)


def _labelled_table(table: dict[str, Any], results: dict[str, Any]) -> dict[str, Any]:
    """The table with translated row and column labels, for templates."""
    states = set(results.get("states", []))

    def label(value: str) -> str:
        if value in states:
            return state_label(value)
        if value.startswith("Group "):
            return group_title(int(value.split()[1]))
        if value == "people":
            return _("People")
        return value

    rows = []
    row_totals = table["row_totals"] or [None] * len(table["row_labels"])
    for row_label, cells, total in zip(table["row_labels"], table["cells"], row_totals, strict=True):
        rows.append({"label": label(row_label), "cells": cells, "total": total})
    return {
        **table,
        "columns": [label(c) for c in table["column_labels"]],
        "rows": rows,
        "has_row_totals": table["row_totals"] is not None,
    }


@require_GET
@analytics_page("group_detail")
def group_detail(
    request: AuthenticatedHttpRequest, access: AnalyticsAccess, pk: int, number: int
) -> HttpResponse:
    run = _visible_run(request, access, pk, "group_detail")
    results = run.results or {}
    groups = {group["number"]: group for group in results.get("groups", [])}
    group = groups.get(number)
    if run.status != RunStatus.SUCCEEDED or group is None or "state_distribution" not in group:
        services.access_log_record(
            user=request.user, action="group_detail", path=request.path, allowed=False, run=run
        )
        raise Http404
    _log(request, "group_detail", run)
    title = group_title(number)
    distribution = group["state_distribution"]
    periods = results["window"]["period_labels"]
    stage_rows = {stage: distribution["cells"][periods.index(stage)] for stage in group["sankey"]["stages"]}
    flows = [
        {
            "title": _("%(group)s: from %(start)s to %(end)s")
            % {
                "group": title,
                "start": group["sankey"]["stages"][i],
                "end": group["sankey"]["stages"][i + 1],
            },
            "table": _labelled_table(flow, results) if flow is not None else None,
        }
        for i, flow in enumerate(group["sankey"]["flows"])
    ]
    context = {
        "run": run,
        "group": group,
        "title": title,
        "typical_path": typical_path(group),
        "legend": states_for_legend(results["states"]),
        "distribution_chart": charts.state_distribution(
            distribution, "states", _("%(group)s: share of people in each state by period") % {"group": title}
        ),
        "distribution": _labelled_table(distribution, results),
        "sankey_chart": charts.sankey(
            group["sankey"],
            stage_rows,
            group["size"],
            "sankey",
            _("%(group)s: moves between states over the window") % {"group": title},
        ),
        "flows": flows,
        "other_groups": [g for g in _group_summaries(run) if g["shown"] and g["number"] != number],
    }
    return render(request, "analytics/group_detail.html", context)


def _table_csv(table: dict[str, Any], results: dict[str, Any]) -> str:
    labelled = _labelled_table(table, results)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Method: %(method)s") % {"method": _suppression_method_text()}])
    writer.writerow([_("Threshold k = %(k)s; suppressed cells are empty.") % {"k": table["threshold"]}])
    writer.writerow(["", *labelled["columns"], *([_("Total")] if labelled["has_row_totals"] else [])])
    for row in labelled["rows"]:
        values = ["" if v is None else v for v in row["cells"]]
        if labelled["has_row_totals"]:
            values.append("" if row["total"] is None else row["total"])
        writer.writerow([row["label"], *values])
    if table["column_totals"] is not None:
        totals = ["" if v is None else v for v in table["column_totals"]]
        if labelled["has_row_totals"]:
            totals.append("" if table["grand_total"] is None else table["grand_total"])
        writer.writerow([_("Total"), *totals])
    return out.getvalue()


def _suppression_method_text() -> str:
    return _(
        "counts of 1 to k-1 people are suppressed, and further cells so that no suppressed cell can be "
        "recomputed from the published cells and totals"
    )


@require_GET
@analytics_page("table_csv")
def table_csv(request: AuthenticatedHttpRequest, access: AnalyticsAccess, pk: int, key: str) -> HttpResponse:
    run = _visible_run(request, access, pk, "table_csv")
    results = run.results or {}
    tables = (
        {table["key"]: table for table in all_tables(results)} if run.status == RunStatus.SUCCEEDED else {}
    )
    table = tables.get(key)
    if table is None:
        services.access_log_record(
            user=request.user, action="table_csv", path=request.path, allowed=False, run=run
        )
        raise Http404
    _log(request, "table_csv", run)
    response = HttpResponse(_table_csv(table, results), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="run-{run.pk}-{key}.csv"'
    return response


@require_GET
@analytics_page("access_log")
def access_log(request: AuthenticatedHttpRequest, access: AnalyticsAccess) -> HttpResponse:
    if not access.can_view_access_log:
        services.access_log_record(user=request.user, action="access_log", path=request.path, allowed=False)
        raise PermissionDenied
    _log(request, "access_log")
    page = Paginator(access_log_visible(access=access), 50).get_page(request.GET.get("page"))
    return render(request, "analytics/access_log.html", {"page": page})
