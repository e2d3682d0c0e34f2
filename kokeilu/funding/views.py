"""The money tab: the grant, the spend lines, what remains, a chart and a CSV export. Thin: parse, call a
service or a selector, render. Only the team sees it: testers get 403, outsiders 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_context, workspace_or_404

from . import services
from .charts import money_chart
from .exports import write_spend_csv
from .forms import GrantForm, SpendLineForm
from .models import SpendLine
from .selectors import money_summary, spend_line_get, spend_line_list


def _line_or_404(experiment: Experiment, pk: int) -> SpendLine:
    line = spend_line_get(experiment=experiment, pk=pk)
    if line is None:
        raise Http404
    return line


def _money_page(
    request: AuthenticatedHttpRequest,
    experiment: Experiment,
    access: ExperimentAccess,
    *,
    form: SpendLineForm | None = None,
    grant_form: GrantForm | None = None,
    status: int = 200,
) -> HttpResponse:
    summary = money_summary(experiment=experiment)
    context: dict[str, Any] = workspace_context(
        experiment,
        access,
        "money",
        summary=summary,
        chart=money_chart(summary),
        lines=list(spend_line_list(experiment=experiment)),
        form=form or SpendLineForm(),
        grant_form=(grant_form or GrantForm(initial={"granted_amount": experiment.granted_amount}))
        if access.is_city_manager
        else None,
    )
    return render(request, "funding/money.html", context, status=status)


@login_required
def money(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    return _money_page(request, experiment, access)


def _line_arguments(form: SpendLineForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "spent_on": data["spent_on"],
        "purpose": data["purpose"],
        "amount": data["amount"],
        "category": data["category"],
        "receipt": data.get("receipt") or None,
        "confirm_over_budget": data["confirm_over_budget"],
    }


@login_required
@require_POST
def line_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    form = SpendLineForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.spend_line_create(
                experiment=experiment, recorded_by=request.user, **_line_arguments(form)
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The spend line was recorded."))
            return redirect("funding:money", slug=slug)
    return _money_page(request, experiment, access, form=form, status=400)


@login_required
def line_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    line = _line_or_404(experiment, pk)
    initial = {
        "spent_on": line.spent_on,
        "purpose": line.purpose,
        "amount": line.amount,
        "category": line.category,
    }
    form = SpendLineForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        editing=True,
        has_receipt=line.has_receipt,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.spend_line_update(
                    line=line,
                    updated_by=request.user,
                    remove_receipt=form.cleaned_data.get("remove_receipt", False),
                    **_line_arguments(form),
                )
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except (ApplicationError, ValidationError) as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The spend line was saved."))
                return redirect("funding:money", slug=slug)
        status = 400
    return render(
        request,
        "funding/line_edit.html",
        workspace_context(experiment, access, "money", line=line, form=form),
        status=status,
    )


@login_required
@require_POST
def line_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="team")
    line = _line_or_404(experiment, pk)
    try:
        services.spend_line_delete(line=line, deleted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("The spend line was removed."))
    return redirect("funding:money", slug=slug)


@login_required
def receipt(request: AuthenticatedHttpRequest, slug: str, pk: int) -> FileResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="team")
    line = _line_or_404(experiment, pk)
    if not line.has_receipt:
        raise Http404
    try:
        handle = line.receipt.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=line.receipt_name, content_type=line.receipt_content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def spend_csv_response(experiment: Experiment) -> HttpResponse:
    """The CSV download of the spend lines with totals (shared by the page and the API)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="spending-{experiment.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    write_spend_csv(
        response,
        lines=spend_line_list(experiment=experiment).order_by("spent_on", "created_at"),
        summary=money_summary(experiment=experiment),
    )
    return response


@login_required
def spend_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="team")
    return spend_csv_response(experiment)


@login_required
@require_POST
def grant(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    if not access.is_city_manager:
        raise PermissionDenied
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            services.grant_set(
                experiment=experiment,
                changed_by=request.user,
                granted_amount=form.cleaned_data["granted_amount"],
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The granted amount was saved."))
            return redirect("funding:money", slug=slug)
    experiment.refresh_from_db()
    return _money_page(request, experiment, access, grant_form=form, status=400)
