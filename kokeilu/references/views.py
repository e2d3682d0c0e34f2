"""Company references of an experiment: the team's page in the workspace frame (drafting, approving,
recording the company's consent, the PDF) and the public page of published references. Thin: parse, call
a service or a selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.experiments.models import Experiment, ExperimentStatus
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_context, workspace_or_404

from . import services
from .forms import ReferenceCreateForm, ReferenceForm
from .models import Reference
from .pdf import reference_pdf
from .selectors import partners_without_reference, public_reference_list, reference_get, reference_list


def _create_form(experiment: Experiment, access: ExperimentAccess) -> ReferenceCreateForm | None:
    if not access.can_manage or experiment.status != ExperimentStatus.COMPLETED:
        return None
    partners = partners_without_reference(experiment=experiment)
    if not partners.exists():
        return None
    return ReferenceCreateForm(partners=partners)


def _list_page(
    request: HttpRequest,
    experiment: Experiment,
    access: ExperimentAccess,
    *,
    form: ReferenceCreateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "references/list.html",
        workspace_context(
            experiment,
            access,
            "overview",
            references=list(reference_list(experiment=experiment, access=access)),
            form=form or _create_form(experiment, access),
            is_completed=experiment.status == ExperimentStatus.COMPLETED,
        ),
        status=status,
    )


@login_required
def experiment_references(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    return _list_page(request, experiment, access)


@login_required
@require_POST
def create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    form = ReferenceCreateForm(request.POST, partners=partners_without_reference(experiment=experiment))
    if form.is_valid():
        try:
            reference = services.reference_create(
                experiment=experiment, drafted_by=request.user, **form.cleaned_data
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("The reference was drafted. A programme manager of the city approves it.")
            )
            return redirect("references:detail", slug=slug, pk=reference.pk)
    return _list_page(request, experiment, access, form=form, status=400)


def _reference_or_404(experiment: Experiment, access: ExperimentAccess, pk: int) -> Reference:
    reference = reference_get(experiment=experiment, access=access, pk=pk)
    if reference is None:
        raise Http404
    return reference


@login_required
def detail(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    reference = _reference_or_404(experiment, access, pk)
    return render(
        request,
        "references/detail.html",
        workspace_context(
            experiment,
            access,
            "overview",
            reference=reference,
            can_approve=not reference.is_approved
            and services.is_city_programme_manager(request.user, experiment.city_id),
            can_record_publication=reference.is_approved
            and services.can_record_publication(request.user, reference),
        ),
    )


@login_required
def edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    reference = _reference_or_404(experiment, access, pk)
    if reference.is_approved:
        messages.error(request, _("The reference has been approved and its text can no longer be changed."))
        if request.method == "POST":
            return render(
                request,
                "references/detail.html",
                workspace_context(experiment, access, "overview", reference=reference),
                status=400,
            )
        return redirect("references:detail", slug=slug, pk=pk)
    fields = ("text_fi", "text_sv", "text_en")
    form = ReferenceForm(request.POST or None, initial={name: getattr(reference, name) for name in fields})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.reference_update(reference=reference, updated_by=request.user, **form.cleaned_data)
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ApplicationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The reference was saved."))
                return redirect("references:detail", slug=slug, pk=pk)
    return render(
        request,
        "references/edit.html",
        workspace_context(experiment, access, "overview", reference=reference, form=form),
        status=status,
    )


@login_required
@require_POST
def approve(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    reference = _reference_or_404(experiment, access, pk)
    try:
        services.reference_approve(reference=reference, approved_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The reference was approved. Its PDF can now be downloaded."))
    return redirect("references:detail", slug=slug, pk=pk)


@login_required
@require_POST
def publication(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    reference = _reference_or_404(experiment, access, pk)
    agreed = request.POST.get("publication_agreed") == "yes"
    try:
        services.reference_set_publication(reference=reference, recorded_by=request.user, agreed=agreed)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The reference is now public.") if agreed else _("The reference is no longer public."),
        )
    return redirect("references:detail", slug=slug, pk=pk)


def pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The approved reference as a PDF, for those who may see it (everyone, once it is published)."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
    reference = _reference_or_404(experiment, access, pk)
    if not reference.is_approved:
        raise Http404
    language = (get_language() or "fi")[:2]
    response = HttpResponse(reference_pdf(reference, language=language), content_type="application/pdf")
    name = slugify(f"{reference.partner.name} {experiment.slug}") or "reference"
    response["Content-Disposition"] = f'attachment; filename="reference-{name}.pdf"'
    return response


def public(request: HttpRequest, slug: str) -> HttpResponse:
    """The experiment's published references, for everyone who may see the experiment."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
    return render(
        request,
        "references/public.html",
        workspace_context(
            experiment, access, "overview", references=list(public_reference_list(experiment=experiment))
        ),
    )
