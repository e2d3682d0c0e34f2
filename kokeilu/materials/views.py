"""Materials pages: the list (with the team's form), a material's page, its download, editing and
removal. Thin: the visibility gate is selectors.material_list_visible, the rules are in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
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
from .forms import MaterialForm
from .models import Material
from .selectors import material_get_visible, material_list_visible


def _material_or_404(experiment: Experiment, access: ExperimentAccess, pk: int) -> Material:
    material = material_get_visible(experiment=experiment, access=access, pk=pk)
    if material is None:
        raise Http404
    return material


def _list_page(
    request: HttpRequest,
    experiment: Experiment,
    access: ExperimentAccess,
    form: MaterialForm | None,
    status: int,
) -> HttpResponse:
    materials = list(material_list_visible(experiment=experiment, access=access)[:500])
    if access.is_team and form is None:
        form = MaterialForm(experiment=experiment)
    context = workspace_context(experiment, access, "materials", materials=materials, form=form)
    return render(request, "materials/list.html", context, status=status)


@login_required
def material_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    return _list_page(request, experiment, access, None, 200)


@login_required
@require_POST
def material_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    form = MaterialForm(request.POST, request.FILES, experiment=experiment)
    if form.is_valid():
        data = form.cleaned_data
        try:
            material = services.material_create(
                experiment=experiment,
                created_by=request.user,
                title=data["title"],
                description=data["description"],
                audience=data["audience"],
                group=data["group"],
                file=data["file"],
                url=data["url"],
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The material “%(title)s” was added.") % {"title": material.title})
            return redirect("materials:list", slug=slug)
    return _list_page(request, experiment, access, form, 400)


def material_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    # Public materials of a public experiment can be opened by everyone (the audience rule decides).
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
    material = _material_or_404(experiment, access, pk)
    context = workspace_context(experiment, access, "materials", material=material)
    return render(request, "materials/detail.html", context)


def material_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
    material = _material_or_404(experiment, access, pk)
    if not material.is_file:
        raise Http404
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=material.original_name, content_type=material.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def material_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    material = _material_or_404(experiment, access, pk)
    form = MaterialForm(
        request.POST or None,
        request.FILES or None,
        experiment=experiment,
        kind=material.kind,
        initial={
            "title": material.title,
            "description": material.description,
            "url": material.url,
            "audience": material.audience,
            "group": material.group_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.material_update(
                material=material,
                updated_by=request.user,
                title=data["title"],
                description=data["description"],
                audience=data["audience"],
                group=data["group"],
                url=data.get("url"),
                file=data.get("file"),
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The material was saved."))
            return redirect("materials:detail", slug=slug, pk=material.pk)
    context = workspace_context(experiment, access, "materials", material=material, form=form)
    return render(request, "materials/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def material_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    material = _material_or_404(experiment, access, pk)
    try:
        services.material_delete(material=material, deleted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("The material “%(title)s” was removed.") % {"title": material.title})
    return redirect("materials:list", slug=slug)
