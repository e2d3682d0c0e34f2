"""Pages of final reports. Thin: parse, call a service or a selector, render.

- The editor in the workspace frame (/<lang>/reports/experiments/<slug>/...): the team only (testers 403,
  people who may not see the experiment 404). Approving and returning: the city's managers (others 403).
- Public pages (/<lang>/reports/, /<lang>/reports/<slug>/, /<lang>/reports/learnings/<id>/): approved
  reports only, with what is published of them (see kokeilu.reports.selectors).
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.accounts.models import User
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_context, workspace_or_404
from kokeilu.funding.selectors import money_summary
from kokeilu.reuse.views import learning_reuse_panel

from . import services
from .forms import LearningForm, MeasureForm, QuoteForm, ReportForm, ReviewForm
from .models import FinalReport, Learning, Measure, Quote, ReportState
from .selectors import (
    call_is_public,
    learning_get,
    measure_get,
    published_learning_get,
    quote_get,
    report_gate_answers,
    report_get,
    report_get_for_team,
    report_get_published_by_slug,
    report_list_published,
)


def owner_choices(experiment: Experiment) -> Any:
    return User.objects.filter(experiment_memberships__experiment=experiment).order_by(
        "last_name", "first_name", "username"
    )


def _report_initial(report: FinalReport | None) -> dict[str, Any]:
    if report is None:
        return {}
    return {
        "summary_fi": report.summary_fi,
        "summary_sv": report.summary_sv,
        "summary_en": report.summary_en,
        "next_step": report.next_step,
        "next_step_owner_name": report.next_step_owner_name,
        "next_step_owner_user": report.next_step_owner_user_id,
        "next_step_reason": report.next_step_reason,
    }


def _editor_page(
    request: AuthenticatedHttpRequest,
    experiment: Experiment,
    access: ExperimentAccess,
    *,
    status: int = 200,
    submit_error: str | None = None,
    **forms_given: forms.Form,
) -> HttpResponse:
    report = report_get_for_team(experiment=experiment, access=access)
    editable = report is None or report.state == ReportState.DRAFT
    context: dict[str, Any] = workspace_context(
        experiment,
        access,
        "overview",
        report=report,
        editable=editable,
        gate_answers=report_gate_answers(experiment=experiment, include_internal=True),
        money=money_summary(experiment=experiment),
        can_review=access.is_city_manager and report is not None and report.state == ReportState.SUBMITTED,
        report_form=forms_given.get("report_form")
        or ReportForm(initial=_report_initial(report), owner_choices=owner_choices(experiment)),
        learning_form=forms_given.get("learning_form") or LearningForm(),
        quote_form=forms_given.get("quote_form") or QuoteForm(),
        measure_form=forms_given.get("measure_form") or MeasureForm(),
        review_form=forms_given.get("review_form") or ReviewForm(),
        submit_error=submit_error,
    )
    return render(request, "reports/editor.html", context, status=status)


def _team(request: AuthenticatedHttpRequest, slug: str) -> tuple[Experiment, ExperimentAccess]:
    return workspace_or_404(user=request.user, slug=slug, level="team")


def _attempt(form: forms.Form, action: Callable[[], object]) -> bool:
    """Run the service; a refusal goes onto the form. PermissionDeniedError becomes a 403."""
    try:
        action()
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except (ApplicationError, ValidationError) as error:
        add_error_to_form(form, error)
        return False
    return True


@login_required
def editor(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = _team(request, slug)
    return _editor_page(request, experiment, access)


@login_required
@require_POST
def report_save(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = _team(request, slug)
    form = ReportForm(request.POST, owner_choices=owner_choices(experiment))
    if form.is_valid() and _attempt(
        form,
        lambda: services.report_update(experiment=experiment, updated_by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The report was saved."))
        return redirect("reports:editor", slug=slug)
    return _editor_page(request, experiment, access, report_form=form, status=400)


def _learning_arguments(form: LearningForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@login_required
@require_POST
def learning_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = _team(request, slug)
    form = LearningForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: services.learning_create(
            experiment=experiment, created_by=request.user, **_learning_arguments(form)
        ),
    ):
        messages.success(request, _("The learning was added."))
        return redirect("reports:editor", slug=slug)
    return _editor_page(request, experiment, access, learning_form=form, status=400)


@login_required
@require_POST
def quote_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = _team(request, slug)
    form = QuoteForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: services.quote_create(experiment=experiment, created_by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The quote was added."))
        return redirect("reports:editor", slug=slug)
    return _editor_page(request, experiment, access, quote_form=form, status=400)


@login_required
@require_POST
def measure_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = _team(request, slug)
    form = MeasureForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: services.measure_create(experiment=experiment, created_by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The measure was added."))
        return redirect("reports:editor", slug=slug)
    return _editor_page(request, experiment, access, measure_form=form, status=400)


# --- Editing and removing one learning, quote or measure ------------------------------------------------


def _report_or_404(experiment: Experiment) -> FinalReport:
    report = report_get(experiment=experiment)
    if report is None:
        raise Http404
    return report


def _item_page(
    request: AuthenticatedHttpRequest,
    slug: str,
    pk: int,
    *,
    getter: Callable[..., Any],
    form_class: type[forms.Form],
    initial: Callable[[Any], dict[str, Any]],
    update: Callable[..., Any],
    heading: str,
    saved: str,
) -> HttpResponse:
    experiment, access = _team(request, slug)
    item = getter(report=_report_or_404(experiment), pk=pk)
    if item is None:
        raise Http404
    form = form_class(request.POST or None, initial=initial(item))
    status = 200
    if request.method == "POST":
        if form.is_valid() and _attempt(form, lambda: update(item, request.user, form.cleaned_data)):
            messages.success(request, saved)
            return redirect("reports:editor", slug=slug)
        status = 400
    context = workspace_context(experiment, access, "overview", item=item, form=form, heading=heading)
    return render(request, "reports/item_edit.html", context, status=status)


def _item_delete(
    request: AuthenticatedHttpRequest,
    slug: str,
    pk: int,
    *,
    getter: Callable[..., Any],
    delete: Callable[[Any, User], None],
    removed: str,
) -> HttpResponse:
    experiment, _access = _team(request, slug)
    item = getter(report=_report_or_404(experiment), pk=pk)
    if item is None:
        raise Http404
    try:
        delete(item, request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, removed)
    return redirect("reports:editor", slug=slug)


def _learning_initial(learning: Learning) -> dict[str, Any]:
    return {
        "statement_fi": learning.statement_fi,
        "statement_sv": learning.statement_sv,
        "statement_en": learning.statement_en,
        "evidence": learning.evidence,
        "theme": learning.theme_id,
        "tags": ", ".join(learning.tags),
        "visibility": learning.visibility,
    }


@login_required
def learning_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    return _item_page(
        request,
        slug,
        pk,
        getter=learning_get,
        form_class=LearningForm,
        initial=_learning_initial,
        update=lambda item, user, data: services.learning_update(learning=item, updated_by=user, **data),
        heading=_("Edit the learning"),
        saved=_("The learning was saved."),
    )


@login_required
@require_POST
def learning_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    return _item_delete(
        request,
        slug,
        pk,
        getter=learning_get,
        delete=lambda item, user: services.learning_delete(learning=item, deleted_by=user),
        removed=_("The learning was removed."),
    )


def _quote_initial(quote: Quote) -> dict[str, Any]:
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "consent_recorded": quote.consent_recorded,
        "consent_method": quote.consent_method,
        "visibility": quote.visibility,
    }


@login_required
def quote_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    return _item_page(
        request,
        slug,
        pk,
        getter=quote_get,
        form_class=QuoteForm,
        initial=_quote_initial,
        update=lambda item, user, data: services.quote_update(quote=item, updated_by=user, **data),
        heading=_("Edit the quote"),
        saved=_("The quote was saved."),
    )


@login_required
@require_POST
def quote_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    return _item_delete(
        request,
        slug,
        pk,
        getter=quote_get,
        delete=lambda item, user: services.quote_delete(quote=item, deleted_by=user),
        removed=_("The quote was removed."),
    )


def _measure_initial(measure: Measure) -> dict[str, Any]:
    return {
        "name": measure.name,
        "before_value": measure.before_value,
        "after_value": measure.after_value,
        "unit": measure.unit,
        "note": measure.note,
    }


@login_required
def measure_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    return _item_page(
        request,
        slug,
        pk,
        getter=measure_get,
        form_class=MeasureForm,
        initial=_measure_initial,
        update=lambda item, user, data: services.measure_update(measure=item, updated_by=user, **data),
        heading=_("Edit the measure"),
        saved=_("The measure was saved."),
    )


@login_required
@require_POST
def measure_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    return _item_delete(
        request,
        slug,
        pk,
        getter=measure_get,
        delete=lambda item, user: services.measure_delete(measure=item, deleted_by=user),
        removed=_("The measure was removed."),
    )


# --- Submitting and reviewing ---------------------------------------------------------------------------


@login_required
@require_POST
def submit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = _team(request, slug)
    try:
        services.report_submit(experiment=experiment, submitted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        return _editor_page(request, experiment, access, submit_error=str(error.message), status=400)
    messages.success(request, _("The report was sent to the city's programme managers for approval."))
    return redirect("reports:editor", slug=slug)


def _review(request: AuthenticatedHttpRequest, slug: str, *, approve: bool) -> HttpResponse:
    experiment, access = _team(request, slug)
    if not access.is_city_manager:
        raise PermissionDenied
    report = _report_or_404(experiment)
    form = ReviewForm(request.POST)
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        if approve:
            done = _attempt(
                form,
                lambda: services.report_approve(report=report, approved_by=request.user, comment=comment),
            )
        else:
            done = _attempt(
                form, lambda: services.report_return(report=report, returned_by=request.user, comment=comment)
            )
        if done:
            messages.success(
                request,
                _("The report was approved and published.")
                if approve
                else _("The report was returned for changes."),
            )
            return redirect("reports:editor", slug=slug)
    return _editor_page(request, experiment, access, review_form=form, status=400)


@login_required
@require_POST
def approve(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _review(request, slug, approve=True)


@login_required
@require_POST
def return_for_changes(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _review(request, slug, approve=False)


# --- Public pages ---------------------------------------------------------------------------------------


def published_list(request: HttpRequest) -> HttpResponse:
    reports = list(report_list_published()[:200])
    return render(request, "reports/published_list.html", {"reports": reports})


def public_report(request: HttpRequest, slug: str) -> HttpResponse:
    report = report_get_published_by_slug(slug=slug)
    if report is None:
        raise Http404
    experiment = report.experiment
    context = {
        "report": report,
        "experiment": experiment,
        "gate_answers": report_gate_answers(experiment=experiment, include_internal=False).public,
        "call_is_public": call_is_public(experiment.call),
    }
    return render(request, "reports/public_report.html", context)


def learning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    learning = published_learning_get(pk=pk)
    if learning is None:
        raise Http404
    experiment = learning.report.experiment
    context = {
        "learning": learning,
        "report": learning.report,
        "experiment": experiment,
        "call_is_public": call_is_public(experiment.call),
        "needs": getattr(experiment.call, "published_needs", []) if experiment.call else [],
        "reuse": learning_reuse_panel(request, learning),
    }
    return render(request, "reports/learning_detail.html", context)
