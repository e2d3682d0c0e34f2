"""The partners and agreement tab. Members see the partners, the status per party and the published
texts; managers and leads keep the partners, draw and publish the agreement; each party's representative
accepts. Thin: parse, call a service or a selector, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.experiments import services as experiment_services
from kokeilu.experiments.models import Experiment, ExperimentPartner
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_context, workspace_or_404

from . import services
from .forms import DraftForm, DrawForm, PartnerForm, TemplateForm
from .models import AgreementVersion, PartyKind
from .selectors import agreement_get, agreement_status, partner_list, template_list, version_get, version_list


def _page(
    request: AuthenticatedHttpRequest,
    experiment: Experiment,
    access: ExperimentAccess,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    partners = list(partner_list(experiment=experiment))
    state = agreement_status(experiment=experiment, user=request.user, partners=partners)
    context = workspace_context(
        experiment,
        access,
        "agreement",
        partners=partners,
        status=state,
        versions=list(version_list(agreement=state.agreement)) if state.agreement else [],
        **forms,
    )
    if access.can_manage:
        context.setdefault("partner_form", PartnerForm())
        if state.agreement is None:
            context.setdefault(
                "draw_form",
                DrawForm(
                    templates=template_list(experiment=experiment),
                    initial={"language": (get_language() or "fi")[:2]},
                ),
            )
    return render(request, "agreements/agreement.html", context, status=status)


@login_required
def agreement(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    return _page(request, experiment, access)


# --- Partners -------------------------------------------------------------------------------------------


def _partner_or_404(experiment: Experiment, pk: int) -> ExperimentPartner:
    partner = ExperimentPartner.objects.filter(experiment=experiment, pk=pk).first()
    if partner is None:
        raise Http404
    partner.experiment = experiment
    return partner


@login_required
@require_POST
def partner_add(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    form = PartnerForm(request.POST)
    if form.is_valid():
        try:
            experiment_services.partner_add(experiment=experiment, added_by=request.user, **form.cleaned_data)
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The partner organisation was added."))
            return redirect("agreements:agreement", slug=slug)
    return _page(request, experiment, access, partner_form=form, status=400)


@login_required
def partner_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    partner = _partner_or_404(experiment, pk)
    form = PartnerForm(
        request.POST or None,
        initial={"name": partner.name, "role": partner.role, "contact_email": partner.contact_email},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                experiment_services.partner_update(
                    partner=partner, updated_by=request.user, **form.cleaned_data
                )
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except (ApplicationError, ValidationError) as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The partner organisation was saved."))
                return redirect("agreements:agreement", slug=slug)
    return render(
        request,
        "agreements/partner_edit.html",
        workspace_context(experiment, access, "agreement", partner=partner, form=form),
        status=status,
    )


@login_required
@require_POST
def partner_remove(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    partner = _partner_or_404(experiment, pk)
    try:
        experiment_services.partner_remove(partner=partner, removed_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(partner)s was removed.") % {"partner": partner.name})
    return redirect("agreements:agreement", slug=slug)


# --- The agreement ---------------------------------------------------------------------------------------


@login_required
@require_POST
def draw(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    form = DrawForm(request.POST, templates=template_list(experiment=experiment))
    if form.is_valid():
        try:
            services.agreement_draw(
                experiment=experiment,
                template=form.cleaned_data["template"],
                drawn_by=request.user,
                language=form.cleaned_data["language"],
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The agreement draft was drawn up from the template."))
            return redirect("agreements:draft", slug=slug)
    return _page(request, experiment, access, draw_form=form, status=400)


@login_required
def draft(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    current = agreement_get(experiment=experiment)
    if current is None:
        raise Http404
    form = DraftForm(request.POST or None, initial={"title": current.draft_title, "text": current.draft_text})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.agreement_draft_update(
                    agreement=current, updated_by=request.user, **form.cleaned_data
                )
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ApplicationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(
                    request, _("The draft was saved. Publish it to ask the parties to accept it.")
                )
                return redirect("agreements:agreement", slug=slug)
    return render(
        request,
        "agreements/draft.html",
        workspace_context(experiment, access, "agreement", agreement=current, form=form),
        status=status,
    )


@login_required
@require_POST
def publish(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    current = agreement_get(experiment=experiment)
    if current is None:
        raise Http404
    try:
        version = services.agreement_publish(agreement=current, published_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Version %(number)s was published. Every party must now accept it.")
            % {"number": version.number},
        )
    return redirect("agreements:agreement", slug=slug)


def _version_or_404(experiment: Experiment, number: int) -> AgreementVersion:
    current = agreement_get(experiment=experiment)
    version = version_get(agreement=current, number=number) if current else None
    if version is None:
        raise Http404
    return version


@login_required
def version(request: AuthenticatedHttpRequest, slug: str, number: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    found = _version_or_404(experiment, number)
    return render(
        request,
        "agreements/version.html",
        workspace_context(experiment, access, "agreement", version=found),
    )


@login_required
@require_POST
def accept(request: AuthenticatedHttpRequest, slug: str, number: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="view")
    found = _version_or_404(experiment, number)
    party = request.POST.get("party", "")
    partner = None
    if party != PartyKind.CITY:
        partner = ExperimentPartner.objects.filter(
            experiment=experiment, pk=int(party) if party.isdigit() else 0
        ).first()
        if partner is None:
            raise Http404
    try:
        acceptance = services.agreement_accept(
            version=found,
            accepted_by=request.user,
            party_kind=PartyKind.CITY if partner is None else PartyKind.PARTNER,
            partner=partner,
            text_sha256_seen=request.POST.get("text_sha256", ""),
        )
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("You accepted version %(number)s on behalf of %(party)s.")
            % {"number": found.number, "party": acceptance.party_name},
        )
    return redirect("agreements:agreement", slug=slug)


# --- Templates --------------------------------------------------------------------------------------------


@login_required
def templates(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    form = TemplateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not access.is_city_manager:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            try:
                services.template_create(city=experiment.city, created_by=request.user, **form.cleaned_data)
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ApplicationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The template was saved."))
                return redirect("agreements:templates", slug=slug)
    return render(
        request,
        "agreements/templates.html",
        workspace_context(
            experiment,
            access,
            "agreement",
            templates=list(template_list(experiment=experiment)),
            form=form if access.is_city_manager else None,
        ),
        status=status,
    )


@login_required
def template_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    template = template_list(experiment=experiment).filter(pk=pk).first()
    if template is None:
        raise Http404
    if template.is_builtin or not access.is_city_manager:
        return render(
            request,
            "agreements/template_view.html",
            workspace_context(experiment, access, "agreement", template=template),
            status=403 if request.method == "POST" else 200,
        )
    fields = ["name_fi", "name_sv", "name_en", "body_fi", "body_sv", "body_en"]
    form = TemplateForm(request.POST or None, initial={name: getattr(template, name) for name in fields})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.template_update(template=template, updated_by=request.user, **form.cleaned_data)
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except ApplicationError as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The template was saved."))
                return redirect("agreements:templates", slug=slug)
    return render(
        request,
        "agreements/template_edit.html",
        workspace_context(experiment, access, "agreement", template=template, form=form),
        status=status,
    )
