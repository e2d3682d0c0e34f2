"""The plan tab of an experiment's workspace and the city's phase templates. Thin: parse, call a selector
or a service, render. The rules are in services/ and selectors.py."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.experiments.models import Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_context, workspace_or_404

from . import services
from .forms import (
    ApplyTemplateForm,
    GateAnswerForm,
    GateQuestionForm,
    MilestoneForm,
    PhaseForm,
    StatusReportForm,
    TaskForm,
    TemplateForm,
    TemplatePhaseForm,
    TemplateQuestionForm,
)
from .models import GateQuestion, Milestone, Phase, PhaseState, Task, TemplateGateQuestion, TemplatePhase
from .selectors import (
    gate_question_get,
    milestone_list,
    owner_choices,
    phase_get,
    phase_list,
    plan_progress,
    status_report_list,
    task_is_overdue,
    task_list,
    template_get_managed,
    template_list_for_experiment,
    template_list_of_city,
)
from .timeline import Timeline, build_timeline

STATUS_HISTORY_SHOWN = 20


def _timeline(experiment: Experiment, access: ExperimentAccess) -> Timeline:
    return build_timeline(
        experiment=experiment,
        phases=list(phase_list(experiment=experiment, access=access)),
        milestones=list(milestone_list(experiment=experiment)),
        today=timezone.localdate(),
    )


def _plan_context(
    request: HttpRequest, experiment: Experiment, access: ExperimentAccess, **forms_: Any
) -> dict[str, Any]:
    phases = list(phase_list(experiment=experiment, access=access))
    milestones = list(milestone_list(experiment=experiment))
    today = timezone.localdate()
    tasks = [(task, task_is_overdue(task, today=today)) for task in task_list(experiment=experiment)]
    reports = list(status_report_list(experiment=experiment)[:STATUS_HISTORY_SHOWN])
    current = next((phase for phase in phases if phase.state == PhaseState.CURRENT), None)
    context = workspace_context(
        experiment,
        access,
        "plan",
        phases=phases,
        current_phase=current,
        can_advance=bool(phases)
        and (current is not None or any(p.state == PhaseState.UPCOMING for p in phases)),
        progress=plan_progress(experiment=experiment, phases=phases),
        milestones=milestones,
        tasks=tasks,
        overdue_count=sum(1 for _task, overdue in tasks if overdue),
        status_latest=reports[0] if reports else None,
        status_reports=reports,
        timeline=build_timeline(experiment=experiment, phases=phases, milestones=milestones, today=today),
        today=today,
        can_manage_templates=access.is_city_manager,
    )
    if access.can_manage:
        context["apply_form"] = forms_.get("apply_form") or ApplyTemplateForm(
            templates=template_list_for_experiment(experiment=experiment)
        )
        context["phase_form"] = forms_.get("phase_form") or PhaseForm()
    if access.is_team:
        phase_rows = Phase.objects.filter(experiment=experiment).order_by("position")
        context["milestone_form"] = forms_.get("milestone_form") or MilestoneForm(phases=phase_rows)
        context["task_form"] = forms_.get("task_form") or TaskForm(
            owners=owner_choices(experiment=experiment),
            milestones=Milestone.objects.filter(experiment=experiment),
        )
        context["status_form"] = forms_.get("status_form") or StatusReportForm()
    return context


@login_required
def plan(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    return render(request, "planning/plan.html", _plan_context(request, experiment, access))


@login_required
def timeline_svg(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The timeline picture as an SVG file to download."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    svg = render_to_string(
        "planning/_timeline.svg", {"timeline": _timeline(experiment, access), "standalone": True}
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="timeline-{experiment.slug}.svg"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _run(
    request: HttpRequest, action: Callable[[], object], success: str, form: forms.Form | None = None
) -> bool:
    """Call a service: True when it succeeded (with a message); errors go to the form or the messages."""
    try:
        action()
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except (ApplicationError, ValidationError) as error:
        if form is not None:
            add_error_to_form(form, error)
        elif isinstance(error, ApplicationError):
            messages.error(request, str(error.message))
        else:
            messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


def _plan_redirect(slug: str, anchor: str = "") -> HttpResponse:
    return redirect(reverse("planning:plan", kwargs={"slug": slug}) + (f"#{anchor}" if anchor else ""))


def _render_plan_with(
    request: HttpRequest, experiment: Experiment, access: ExperimentAccess, **forms_: Any
) -> HttpResponse:
    return render(
        request, "planning/plan.html", _plan_context(request, experiment, access, **forms_), status=400
    )


def _form_page(
    request: HttpRequest,
    experiment: Experiment,
    access: ExperimentAccess,
    *,
    heading: str,
    form: forms.Form,
    submit: str,
    extra: dict[str, Any] | None = None,
    template: str = "planning/form.html",
    status: int = 200,
) -> HttpResponse:
    context = workspace_context(
        experiment, access, "plan", heading=heading, form=form, submit=submit, **(extra or {})
    )
    return render(request, template, context, status=status)


# --- Phases -------------------------------------------------------------------------------------------


@login_required
@require_POST
def apply_template(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    form = ApplyTemplateForm(request.POST, templates=template_list_for_experiment(experiment=experiment))
    if form.is_valid() and _run(
        request,
        lambda: services.phase_apply_template(
            experiment=experiment, template=form.cleaned_data["template"], applied_by=request.user
        ),
        _("The template's phases were added to the plan."),
        form,
    ):
        return _plan_redirect(slug, "phases")
    return _render_plan_with(request, experiment, access, apply_form=form)


@login_required
@require_POST
def advance(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    _run(
        request,
        lambda: services.phase_advance(experiment=experiment, advanced_by=request.user),
        _("The experiment moved on to the next phase."),
    )
    return _plan_redirect(slug, "phases")


@login_required
@require_POST
def phase_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    form = PhaseForm(request.POST)
    if form.is_valid() and _run(
        request,
        lambda: services.phase_create(experiment=experiment, created_by=request.user, **form.cleaned_data),
        _("The phase was added."),
        form,
    ):
        return _plan_redirect(slug, "phases")
    return _render_plan_with(request, experiment, access, phase_form=form)


def _phase_or_404(experiment: Experiment, pk: int) -> Phase:
    phase = phase_get(experiment=experiment, pk=pk)
    if phase is None:
        raise Http404
    return phase


@login_required
def phase_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Rename and re-date a phase, and keep its gate questions."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    phase = _phase_or_404(experiment, pk)
    initial = {name: getattr(phase, name) for name in PhaseForm().fields}
    form = PhaseForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.phase_update(phase=phase, updated_by=request.user, **form.cleaned_data),
            _("The phase was saved."),
            form,
        )
    ):
        return _plan_redirect(slug, "phases")
    return _phase_page(request, experiment, access, phase, form=form, status=400 if form.errors else 200)


def _phase_page(
    request: HttpRequest,
    experiment: Experiment,
    access: ExperimentAccess,
    phase: Phase,
    *,
    form: forms.Form | None = None,
    question_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    if form is None:
        form = PhaseForm(initial={name: getattr(phase, name) for name in PhaseForm().fields})
    context = workspace_context(
        experiment,
        access,
        "plan",
        phase=phase,
        form=form,
        question_form=question_form or GateQuestionForm(),
        questions=list(phase.gate_questions.select_related("answer").order_by("position", "pk")),
    )
    return render(request, "planning/phase_edit.html", context, status=status)


@login_required
@require_POST
def phase_move(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    phase = _phase_or_404(experiment, pk)
    _run(
        request,
        lambda: services.phase_move(
            phase=phase, moved_by=request.user, direction=request.POST.get("direction", "")
        ),
        _("The phase was moved."),
    )
    return _plan_redirect(slug, "phases")


@login_required
@require_POST
def phase_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    phase = _phase_or_404(experiment, pk)
    _run(
        request,
        lambda: services.phase_delete(phase=phase, deleted_by=request.user),
        _("The phase was deleted."),
    )
    return _plan_redirect(slug, "phases")


@login_required
@require_POST
def question_create(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    phase = _phase_or_404(experiment, pk)
    form = GateQuestionForm(request.POST)
    if form.is_valid() and _run(
        request,
        lambda: services.gate_question_add(phase=phase, added_by=request.user, **form.cleaned_data),
        _("The gate question was added."),
        form,
    ):
        return redirect("planning:phase_edit", slug=slug, pk=phase.pk)
    return _phase_page(request, experiment, access, phase, question_form=form, status=400)


@login_required
def question_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Reword a gate question, or change who sees its answer and whether it is required, while its phase
    is not done (managers and leads)."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    question = gate_question_get(experiment=experiment, access=access, pk=pk)
    if question is None:
        raise Http404
    initial = {name: getattr(question, name) for name in GateQuestionForm().fields}
    form = GateQuestionForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.gate_question_update(
                question=question, updated_by=request.user, **form.cleaned_data
            ),
            _("The question was saved."),
            form,
        )
    ):
        return redirect("planning:phase_edit", slug=slug, pk=question.phase_id)
    return _form_page(
        request,
        experiment,
        access,
        heading=_("Edit the question"),
        form=form,
        submit=_("Save the question"),
        extra={"question": question},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def question_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    question = get_object_or_404(
        GateQuestion.objects.select_related("phase__experiment"), pk=pk, phase__experiment=experiment
    )
    _run(
        request,
        lambda: services.gate_question_delete(question=question, deleted_by=request.user),
        _("The gate question was deleted."),
    )
    return redirect("planning:phase_edit", slug=slug, pk=question.phase_id)


@login_required
def answer(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Answer a gate question (the team), or change the answer while the phase is not done."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    question = gate_question_get(experiment=experiment, access=access, pk=pk)
    if question is None:
        raise Http404
    existing = getattr(question, "answer", None)
    form = GateAnswerForm(request.POST or None, initial={"text": existing.text if existing else ""})
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.gate_answer_save(
                question=question, answered_by=request.user, text=form.cleaned_data["text"]
            ),
            _("The answer was saved."),
            form,
        )
    ):
        return _plan_redirect(slug, f"phase-{question.phase_id}")
    return _form_page(
        request,
        experiment,
        access,
        heading=_("Answer the gate question"),
        form=form,
        submit=_("Save the answer"),
        extra={"question": question},
        status=400 if form.errors else 200,
    )


# --- Milestones and tasks -------------------------------------------------------------------------------


def _milestone_form(experiment: Experiment, data: Any = None, **kwargs: Any) -> MilestoneForm:
    return MilestoneForm(
        data, phases=Phase.objects.filter(experiment=experiment).order_by("position"), **kwargs
    )


def _task_form(experiment: Experiment, data: Any = None, **kwargs: Any) -> TaskForm:
    return TaskForm(
        data,
        owners=owner_choices(experiment=experiment),
        milestones=Milestone.objects.filter(experiment=experiment),
        **kwargs,
    )


@login_required
@require_POST
def milestone_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    form = _milestone_form(experiment, request.POST)
    if form.is_valid() and _run(
        request,
        lambda: services.milestone_create(
            experiment=experiment, created_by=request.user, **form.cleaned_data
        ),
        _("The milestone was added."),
        form,
    ):
        return _plan_redirect(slug, "milestones")
    return _render_plan_with(request, experiment, access, milestone_form=form)


@login_required
def milestone_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    milestone = get_object_or_404(
        Milestone.objects.select_related("experiment"), pk=pk, experiment=experiment
    )
    initial = {
        "title": milestone.title,
        "due_on": milestone.due_on,
        "phase": milestone.phase_id,
        "is_done": milestone.is_done,
    }
    form = _milestone_form(experiment, request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.milestone_update(
                milestone=milestone, updated_by=request.user, **form.cleaned_data
            ),
            _("The milestone was saved."),
            form,
        )
    ):
        return _plan_redirect(slug, "milestones")
    return _form_page(
        request,
        experiment,
        access,
        heading=_("Edit the milestone"),
        form=form,
        submit=_("Save the milestone"),
        extra={"delete_url_name": "planning:milestone_delete", "object": milestone},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def milestone_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="team")
    milestone = get_object_or_404(
        Milestone.objects.select_related("experiment"), pk=pk, experiment=experiment
    )
    _run(
        request,
        lambda: services.milestone_delete(milestone=milestone, deleted_by=request.user),
        _("The milestone was deleted."),
    )
    return _plan_redirect(slug, "milestones")


@login_required
@require_POST
def task_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    form = _task_form(experiment, request.POST)
    if form.is_valid() and _run(
        request,
        lambda: services.task_create(experiment=experiment, created_by=request.user, **form.cleaned_data),
        _("The task was added."),
        form,
    ):
        return _plan_redirect(slug, "tasks")
    return _render_plan_with(request, experiment, access, task_form=form)


@login_required
def task_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    task = get_object_or_404(Task.objects.select_related("experiment"), pk=pk, experiment=experiment)
    initial = {
        "title": task.title,
        "owner": task.owner_id,
        "due_on": task.due_on,
        "status": task.status,
        "milestone": task.milestone_id,
    }
    form = _task_form(experiment, request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.task_update(task=task, updated_by=request.user, **form.cleaned_data),
            _("The task was saved."),
            form,
        )
    ):
        return _plan_redirect(slug, "tasks")
    return _form_page(
        request,
        experiment,
        access,
        heading=_("Edit the task"),
        form=form,
        submit=_("Save the task"),
        extra={"delete_url_name": "planning:task_delete", "object": task},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def task_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="team")
    task = get_object_or_404(Task.objects.select_related("experiment"), pk=pk, experiment=experiment)
    _run(
        request, lambda: services.task_delete(task=task, deleted_by=request.user), _("The task was deleted.")
    )
    return _plan_redirect(slug, "tasks")


@login_required
@require_POST
def status_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    form = StatusReportForm(request.POST)
    if form.is_valid() and _run(
        request,
        lambda: services.status_report_create(
            experiment=experiment, reported_by=request.user, **form.cleaned_data
        ),
        _("The status was reported."),
        form,
    ):
        return _plan_redirect(slug, "status")
    return _render_plan_with(request, experiment, access, status_form=form)


# --- The city's phase templates (its programme managers) -----------------------------------------------


def _templates_access(request: AuthenticatedHttpRequest, slug: str) -> tuple[Experiment, ExperimentAccess]:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    if not access.is_city_manager:
        raise PermissionDenied
    return experiment, access


@login_required
def templates(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The city's own templates (to create and edit) and the built-in ones (to read)."""
    experiment, access = _templates_access(request, slug)
    form = TemplateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        created: dict[str, Any] = {}

        def create() -> None:
            created["template"] = services.template_create(
                city=experiment.city, created_by=request.user, **form.cleaned_data
            )

        if form.is_valid() and _run(request, create, _("The template was created."), form):
            return redirect("planning:template_edit", slug=slug, pk=created["template"].pk)
        status = 400
    builtin = [
        template for template in template_list_for_experiment(experiment=experiment) if template.is_builtin
    ]
    context = workspace_context(
        experiment,
        access,
        "plan",
        city_templates=list(template_list_of_city(user=request.user, city_id=experiment.city_id)),
        builtin_templates=builtin,
        form=form,
    )
    return render(request, "planning/templates.html", context, status=status)


def _managed_template(request: AuthenticatedHttpRequest, experiment: Experiment, pk: int) -> Any:
    template = template_get_managed(user=request.user, city_id=experiment.city_id, pk=pk)
    if template is None:
        raise Http404
    return template


@login_required
def template_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = _templates_access(request, slug)
    template = _managed_template(request, experiment, pk)
    initial = {name: getattr(template, name) for name in TemplateForm().fields}
    form = TemplateForm(request.POST or None, initial=initial, prefix="template")
    status = 200
    if request.method == "POST":
        if form.is_valid() and _run(
            request,
            lambda: services.template_update(template=template, updated_by=request.user, **form.cleaned_data),
            _("The template was saved."),
            form,
        ):
            return redirect("planning:template_edit", slug=slug, pk=template.pk)
        status = 400
    return _template_page(request, experiment, access, template, form=form, status=status)


def _template_page(
    request: HttpRequest,
    experiment: Experiment,
    access: ExperimentAccess,
    template: Any,
    *,
    form: forms.Form | None = None,
    phase_form: forms.Form | None = None,
    question_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    if form is None:
        form = TemplateForm(
            initial={name: getattr(template, name) for name in TemplateForm().fields}, prefix="template"
        )
    context = workspace_context(
        experiment,
        access,
        "plan",
        template=template,
        form=form,
        phase_form=phase_form or TemplatePhaseForm(prefix="phase"),
        question_form=question_form or TemplateQuestionForm(prefix="question", phases=template.phases.all()),
    )
    return render(request, "planning/template_edit.html", context, status=status)


@login_required
@require_POST
def template_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = _templates_access(request, slug)
    template = _managed_template(request, experiment, pk)
    _run(
        request,
        lambda: services.template_delete(template=template, deleted_by=request.user),
        _("The template was deleted."),
    )
    return redirect("planning:templates", slug=slug)


@login_required
@require_POST
def template_phase_create(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = _templates_access(request, slug)
    template = _managed_template(request, experiment, pk)
    form = TemplatePhaseForm(request.POST, prefix="phase")
    if form.is_valid() and _run(
        request,
        lambda: services.template_phase_add(template=template, added_by=request.user, **form.cleaned_data),
        _("The phase was added."),
        form,
    ):
        return redirect("planning:template_edit", slug=slug, pk=template.pk)
    return _template_page(request, experiment, access, template, phase_form=form, status=400)


def _template_phase(request: AuthenticatedHttpRequest, experiment: Experiment, pk: int) -> TemplatePhase:
    phase = get_object_or_404(TemplatePhase.objects.select_related("template"), pk=pk)
    if phase.template.city_id != experiment.city_id:
        raise Http404
    return phase


@login_required
@require_POST
def template_phase_move(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = _templates_access(request, slug)
    phase = _template_phase(request, experiment, pk)
    _run(
        request,
        lambda: services.template_phase_move(
            phase=phase, moved_by=request.user, direction=request.POST.get("direction", "")
        ),
        _("The phase was moved."),
    )
    return redirect("planning:template_edit", slug=slug, pk=phase.template_id)


@login_required
@require_POST
def template_phase_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = _templates_access(request, slug)
    phase = _template_phase(request, experiment, pk)
    _run(
        request,
        lambda: services.template_phase_delete(phase=phase, deleted_by=request.user),
        _("The phase was deleted."),
    )
    return redirect("planning:template_edit", slug=slug, pk=phase.template_id)


@login_required
@require_POST
def template_question_create(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = _templates_access(request, slug)
    template = _managed_template(request, experiment, pk)
    form = TemplateQuestionForm(request.POST, prefix="question", phases=template.phases.all())
    if form.is_valid():
        fields = dict(form.cleaned_data)
        phase = fields.pop("phase")
        if _run(
            request,
            lambda: services.template_question_add(phase=phase, added_by=request.user, **fields),
            _("The gate question was added."),
            form,
        ):
            return redirect("planning:template_edit", slug=slug, pk=template.pk)
    return _template_page(request, experiment, access, template, question_form=form, status=400)


@login_required
@require_POST
def template_question_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = _templates_access(request, slug)
    question = get_object_or_404(TemplateGateQuestion.objects.select_related("phase__template"), pk=pk)
    if question.phase.template.city_id != experiment.city_id:
        raise Http404
    _run(
        request,
        lambda: services.template_question_delete(question=question, deleted_by=request.user),
        _("The gate question was deleted."),
    )
    return redirect("planning:template_edit", slug=slug, pk=question.phase.template_id)
