"""The public library of co-development methods, a method's page, adding and editing methods, and the
experiment's method tags. Thin: parse, call a service or a selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kokeilu.accounts.selectors import user_is_manager_anywhere
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.experiments.workspace import workspace_context, workspace_or_404

from . import services
from .forms import ExperimentMethodsForm, MethodCreateForm, MethodForm
from .models import Method
from .selectors import (
    cities_for_new_method,
    experiments_with_method_visible,
    method_get,
    method_list,
    methods_of_experiment,
    methods_usable_for,
)

FIELDS = ("name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en", "link")


def library(request: HttpRequest) -> HttpResponse:
    methods = list(method_list())
    return render(
        request,
        "methods/library.html",
        {
            "builtin": [method for method in methods if method.is_builtin],
            "city_methods": [method for method in methods if not method.is_builtin],
            "can_add": user_is_manager_anywhere(request.user),
        },
    )


def _method_or_404(slug: str) -> Method:
    method = method_get(slug=slug)
    if method is None:
        raise Http404
    return method


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    method = _method_or_404(slug)
    return render(
        request,
        "methods/detail.html",
        {
            "method": method,
            "experiments": list(experiments_with_method_visible(method=method, user=request.user)),
            "can_edit": services.can_edit_method(request.user, method),
        },
    )


@login_required
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    cities = cities_for_new_method(user=request.user)
    allow_builtin = request.user.is_superuser
    if not allow_builtin and not cities.exists():
        raise PermissionDenied
    form = MethodCreateForm(request.POST or None, cities=cities, allow_builtin=allow_builtin)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in FIELDS}
            try:
                method = services.method_create(created_by=request.user, city=form.chosen_city(), **data)
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ApplicationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The method was added to the library."))
                return redirect("methods:detail", slug=method.slug)
    return render(request, "methods/form.html", {"form": form, "method": None}, status=status)


@login_required
def edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    method = _method_or_404(slug)
    if not services.can_edit_method(request.user, method):
        raise PermissionDenied
    form = MethodForm(request.POST or None, initial={name: getattr(method, name) for name in FIELDS})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.method_update(method=method, updated_by=request.user, **form.cleaned_data)
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ApplicationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The method was saved."))
                return redirect("methods:detail", slug=method.slug)
    return render(request, "methods/form.html", {"form": form, "method": method}, status=status)


@login_required
def experiment_methods(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The experiment's methods, chosen by its managers and leads (the overview section posts here)."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    usable = methods_usable_for(experiment=experiment)
    current = methods_of_experiment(experiment=experiment)
    form = ExperimentMethodsForm(
        request.POST or None, methods=usable, initial={"methods": [method.pk for method in current]}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.experiment_methods_set(
                    experiment=experiment, methods=form.cleaned_data["methods"], set_by=request.user
                )
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ApplicationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The experiment's methods were saved."))
                return redirect("experiments:detail", slug=slug)
    return render(
        request,
        "methods/experiment_methods.html",
        workspace_context(experiment, access, "overview", form=form, methods=current),
        status=status,
    )
