"""Experiment pages: the list, starting an experiment, its overview, and its people. Thin: parse, call a
selector or a service, render. The rules are in services.py and selectors.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.accounts.selectors import user_can_manage_city, user_managed_city_ids
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.proposals.models import Proposal

from . import services
from .forms import (
    ExperimentForm,
    FromProposalForm,
    GroupForm,
    GroupMembersForm,
    InvitationForm,
    MemberRoleForm,
    StaffExperimentForm,
)
from .models import (
    EXPERIMENT_TRANSITIONS,
    ExperimentMember,
    Invitation,
    InvitationStatus,
    MemberRole,
    ParticipantGroup,
)
from .selectors import (
    experiment_list_public,
    experiment_list_visible,
    group_list,
    invitation_get_by_token,
    invitation_list,
    roster_visible,
)
from .workspace import overview_sections, workspace_context, workspace_or_404


def experiment_list(request: HttpRequest) -> HttpResponse:
    mine = list(experiment_list_visible(user=request.user)[:200]) if request.user.is_authenticated else []
    mine_ids = {experiment.pk for experiment in mine}
    public = [experiment for experiment in experiment_list_public()[:200] if experiment.pk not in mine_ids]
    return render(
        request,
        "experiments/list.html",
        {"mine": mine, "public": public, "can_create": bool(user_managed_city_ids(request.user))},
    )


@login_required
def experiment_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    city_ids = user_managed_city_ids(request.user)
    if not city_ids:
        raise PermissionDenied
    cities = Organisation.objects.filter(pk__in=city_ids, kind=OrganisationKind.CITY).order_by("name")
    form = StaffExperimentForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            experiment = services.experiment_create(
                city=data["city"],
                created_by=request.user,
                **{name: data[name] for name in form.fields if name != "city"},
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The experiment was created."))
            return redirect("experiments:detail", slug=experiment.slug)
    return render(request, "experiments/create.html", {"form": form})


@login_required
def experiment_from_proposal(request: AuthenticatedHttpRequest, proposal_pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("call", "call__platform"), pk=proposal_pk)
    if not user_can_manage_city(request.user, proposal.call.platform.city_id):
        raise Http404
    existing = getattr(proposal, "experiment", None)
    if existing is not None:
        return redirect("experiments:detail", slug=existing.slug)
    form = FromProposalForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            experiment = services.experiment_create_from_proposal(
                proposal=proposal, created_by=request.user, starts_on=form.cleaned_data["starts_on"]
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The proposal is now an experiment."))
            return redirect("experiments:detail", slug=experiment.slug)
    return render(request, "experiments/from_proposal.html", {"proposal": proposal, "form": form})


def experiment_detail(request: HttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="public")
    transitions = sorted(EXPERIMENT_TRANSITIONS.get(experiment.status, set())) if access.can_manage else []
    context = workspace_context(
        experiment,
        access,
        "overview",
        sections=overview_sections(experiment=experiment, access=access, user=request.user),
        transitions=transitions,
        partners=list(experiment.partners.all()) if access.can_view else [],
    )
    return render(request, "experiments/detail.html", context)


@login_required
def experiment_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    form = ExperimentForm(
        request.POST or None,
        instance=experiment,
        city=experiment.city,
        is_city_manager=access.is_city_manager,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.experiment_update(experiment=experiment, updated_by=request.user, **form.changes())
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The experiment was saved."))
            return redirect("experiments:detail", slug=experiment.slug)
    return render(
        request, "experiments/edit.html", workspace_context(experiment, access, "overview", form=form)
    )


@login_required
@require_POST
def experiment_status(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    try:
        services.experiment_transition(
            experiment=experiment, to_status=request.POST.get("status", ""), changed_by=request.user
        )
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The experiment is now “%(status)s”.") % {"status": experiment.get_status_display()}
        )
    return redirect("experiments:detail", slug=experiment.slug)


# --- People ----------------------------------------------------------------------------------------------


def _people_context(request: AuthenticatedHttpRequest, slug: str, **forms: object) -> tuple[object, dict]:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    members = roster_visible(experiment=experiment, access=access, user=request.user)
    context = workspace_context(
        experiment,
        access,
        "people",
        members=members,
        groups=list(group_list(experiment=experiment, access=access).prefetch_related("members__user")),
        invitations=list(invitation_list(experiment=experiment).filter(status=InvitationStatus.PENDING))
        if access.can_manage
        else [],
        roles=MemberRole.choices,
        **forms,
    )
    if access.can_manage:
        context.setdefault("invitation_form", InvitationForm(experiment=experiment))
        context.setdefault("group_form", GroupForm())
    return experiment, context


@login_required
def people(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _experiment, context = _people_context(request, slug)
    return render(request, "experiments/people.html", context)


@login_required
@require_POST
def invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    form = InvitationForm(request.POST, experiment=experiment)
    if form.is_valid():
        try:
            services.invitation_create(experiment=experiment, invited_by=request.user, **form.cleaned_data)
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("experiments:people", slug=slug)
    _experiment, context = _people_context(request, slug, invitation_form=form)
    return render(request, "experiments/people.html", context, status=400)


@login_required
@require_POST
def invitation_revoke(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    invitation = get_object_or_404(Invitation, pk=pk, experiment=experiment)
    try:
        services.invitation_revoke(invitation=invitation, revoked_by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The invitation was withdrawn."))
    return redirect("experiments:people", slug=slug)


@login_required
@require_POST
def member_role(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    member = get_object_or_404(
        ExperimentMember.objects.select_related("experiment", "user"), pk=pk, experiment=experiment
    )
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("experiments:people", slug=slug)
    try:
        services.member_change_role(member=member, role=form.cleaned_data["role"], changed_by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("%(person)s is now “%(role)s”.") % {"person": member.user, "role": member.get_role_display()},
        )
    return redirect("experiments:people", slug=slug)


@login_required
@require_POST
def member_remove(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="view")
    member = get_object_or_404(
        ExperimentMember.objects.select_related("experiment", "user"), pk=pk, experiment=experiment
    )
    try:
        services.member_remove(member=member, removed_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("experiments:people", slug=slug)
    if member.user_id == request.user.pk:
        messages.success(request, _("You left the experiment."))
        return redirect("experiments:list")
    messages.success(request, _("%(person)s was removed from the experiment.") % {"person": member.user})
    return redirect("experiments:people", slug=slug)


@login_required
@require_POST
def group_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            group = services.group_create(experiment=experiment, created_by=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The group “%(name)s” was created.") % {"name": group.name})
            return redirect("experiments:group", slug=slug, pk=group.pk)
    _experiment, context = _people_context(request, slug, group_form=form)
    return render(request, "experiments/people.html", context, status=400)


@login_required
def group_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="manage")
    group = get_object_or_404(ParticipantGroup, pk=pk, experiment=experiment)
    form = GroupForm(
        request.POST or None,
        instance=None,
        initial={
            "name_fi": group.name_fi,
            "name_sv": group.name_sv,
            "name_en": group.name_en,
            "description": group.description,
        },
    )
    members_form = GroupMembersForm(
        request.POST or None, experiment=experiment, initial={"members": list(group.members.all())}
    )
    if request.method == "POST" and form.is_valid() and members_form.is_valid():
        try:
            services.group_update(
                group=group,
                updated_by=request.user,
                members=list(members_form.cleaned_data["members"]),
                **form.cleaned_data,
            )
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("experiments:people", slug=slug)
    return render(
        request,
        "experiments/group_edit.html",
        workspace_context(experiment, access, "people", group=group, form=form, members_form=members_form),
    )


@login_required
@require_POST
def group_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    experiment, _access = workspace_or_404(user=request.user, slug=slug, level="manage")
    group = get_object_or_404(ParticipantGroup, pk=pk, experiment=experiment)
    services.group_delete(group=group, deleted_by=request.user)
    messages.success(request, _("The group was deleted."))
    return redirect("experiments:people", slug=slug)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Open an e-mailed invitation: sign in (or register) first, then accept it here."""
    found = invitation_get_by_token(token=token)
    if found is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST" and found.status == InvitationStatus.PENDING:
        try:
            services.invitation_accept(invitation=found, user=request.user)  # type: ignore[arg-type]
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request, _("Welcome to the experiment “%(title)s”.") % {"title": found.experiment.title}
            )
            return redirect("experiments:detail", slug=found.experiment.slug)
    return render(request, "experiments/invitation.html", {"invitation": found})
