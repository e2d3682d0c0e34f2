"""HTML pages for applicants. Thin: parse the request, call a service or selector, render.

Proposals the user may not see answer 404; actions on a visible proposal that the user may not take
answer 403. Both are decided by selectors.py and services.py, never here.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.calls.models import Call
from kokeilu.calls.selectors import call_get_visible
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest

from . import services
from .forms import AttachmentForm, CoApplicantInviteForm, ProposalForm, proposal_form_data
from .models import CoApplicant, CoApplicantStatus, Proposal, ProposalStatus
from .selectors import (
    attachment_get_visible,
    call_closed_reason,
    coapplicant_get_by_token,
    proposal_answers_by_question,
    proposal_decision,
    proposal_get_visible,
    proposal_list_for_applicant,
    user_can_edit_proposal,
    user_is_proposal_owner,
)
from .services import ProposalNotValidError


def _visible_or_404(request: AuthenticatedHttpRequest, pk: int) -> Proposal:
    proposal = proposal_get_visible(user=request.user, pk=pk)
    if proposal is None:
        raise Http404
    return proposal


def _add_errors(form: BaseForm, error: Exception) -> None:
    """Show a service's refusal next to the field it concerns (every field, for an invalid proposal)."""
    if isinstance(error, PermissionDeniedError):
        raise PermissionDenied(str(error.message))
    if isinstance(error, ProposalNotValidError):
        for field, field_messages in error.errors.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        add_error_to_form(form, error)


@login_required
def my_proposals(request: AuthenticatedHttpRequest) -> HttpResponse:
    proposals = list(proposal_list_for_applicant(user=request.user))
    rows = [
        {
            "proposal": proposal,
            "is_owner": proposal.created_by_id == request.user.pk,
            "decision": proposal_decision(proposal),
        }
        for proposal in proposals
    ]
    return render(request, "proposals/my_proposals.html", {"rows": rows})


def _form_page(
    request: AuthenticatedHttpRequest,
    *,
    call: Call,
    form: ProposalForm | None,
    proposal: Proposal | None,
    closed_reason: str | None = None,
    not_submitted: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "proposals/proposal_form.html",
        {
            "call": call,
            "form": form,
            "proposal": proposal,
            "closed_reason": closed_reason,
            "not_submitted": not_submitted,
        },
        status=status,
    )


def _submit_after_save(
    request: AuthenticatedHttpRequest, *, proposal: Proposal, form: ProposalForm
) -> HttpResponse:
    """The "Submit proposal" button: the draft is already saved; if submitting fails, the page shows why
    next to each field, with everything the user typed."""
    try:
        services.proposal_submit(proposal=proposal, submitted_by=request.user)
    except (ApplicationError, ValidationError) as error:
        _add_errors(form, error)
        return _form_page(request, call=proposal.call, form=form, proposal=proposal, not_submitted=True)
    messages.success(request, _("Your proposal was submitted. We sent you a confirmation by e-mail."))
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
def proposal_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = call_get_visible(user=request.user, slug=slug)
    if call is None:
        raise Http404
    closed_reason = call_closed_reason(call)
    if closed_reason is not None:
        return _form_page(request, call=call, form=None, proposal=None, closed_reason=closed_reason)
    form = ProposalForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create_draft(
                call=call, created_by=request.user, answers=form.answers(), **form.content()
            )
        except (ApplicationError, ValidationError) as error:
            _add_errors(form, error)
        else:
            if "submit" in request.POST:
                return _submit_after_save(request, proposal=proposal, form=form)
            messages.success(request, _("Your draft was saved. You can continue until the deadline."))
            return redirect("proposals:edit", pk=proposal.pk)
    return _form_page(request, call=call, form=form, proposal=None)


@login_required
def proposal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _visible_or_404(request, pk))


def _detail_page(
    request: AuthenticatedHttpRequest,
    proposal: Proposal,
    *,
    attachment_form: AttachmentForm | None = None,
    invite_form: CoApplicantInviteForm | None = None,
) -> HttpResponse:
    can_edit = user_can_edit_proposal(request.user, proposal)
    is_owner = user_is_proposal_owner(request.user, proposal)
    closed_reason = call_closed_reason(proposal.call)
    is_open = closed_reason is None
    answers = proposal_answers_by_question(proposal)
    questions = [(question, answers.get(question.pk, "")) for question in proposal.call.questions.all()]
    decision = proposal_decision(proposal)
    context: dict[str, Any] = {
        "proposal": proposal,
        "call": proposal.call,
        "questions": questions,
        "decision": decision,
        "can_edit": can_edit,
        "is_owner": is_owner,
        "closed_reason": closed_reason,
        "can_change": can_edit and is_open and proposal.status != ProposalStatus.WITHDRAWN,
        "can_submit": can_edit and is_open and proposal.status == ProposalStatus.DRAFT,
        "can_withdraw": is_owner and proposal.status != ProposalStatus.WITHDRAWN and decision is None,
        "can_reopen": is_owner and is_open and proposal.status == ProposalStatus.WITHDRAWN,
        "can_invite": is_owner and is_open and proposal.status != ProposalStatus.WITHDRAWN,
        "co_applicants": list(proposal.co_applicants.all()) if can_edit else [],
        "attachment_form": attachment_form or AttachmentForm(),
        "invite_form": invite_form or CoApplicantInviteForm(),
    }
    return render(request, "proposals/proposal_detail.html", context)


@login_required
def proposal_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_or_404(request, pk)
    if not user_can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    call = proposal.call
    closed_reason = call_closed_reason(call)
    if closed_reason is None and proposal.status == ProposalStatus.WITHDRAWN:
        closed_reason = _("The proposal has been withdrawn. Reopen it on the proposal page to edit it again.")
    if closed_reason is not None:
        return _form_page(request, call=call, form=None, proposal=proposal, closed_reason=closed_reason)
    stored = proposal_form_data(proposal, proposal_answers_by_question(proposal))
    form = ProposalForm(request.POST or None, call=call, initial=stored)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_update(
                proposal=proposal, updated_by=request.user, answers=form.answers(), **form.content()
            )
        except (ApplicationError, ValidationError) as error:
            _add_errors(form, error)
        else:
            if "submit" in request.POST and proposal.status == ProposalStatus.DRAFT:
                return _submit_after_save(request, proposal=proposal, form=form)
            messages.success(request, _("Your changes were saved."))
            if proposal.status == ProposalStatus.DRAFT:
                return redirect("proposals:edit", pk=proposal.pk)
            return redirect("proposals:detail", pk=proposal.pk)
    return _form_page(request, call=call, form=form, proposal=proposal)


@login_required
@require_POST
def proposal_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_or_404(request, pk)
    try:
        services.proposal_submit(proposal=proposal, submitted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error.message)) from error
    except ProposalNotValidError as error:
        # Show the stored proposal in its form with each missing piece marked.
        form = ProposalForm(
            proposal_form_data(proposal, proposal_answers_by_question(proposal)), call=proposal.call
        )
        form.is_valid()
        _add_errors(form, error)
        return _form_page(request, call=proposal.call, form=form, proposal=proposal, not_submitted=True)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("proposals:detail", pk=proposal.pk)
    messages.success(request, _("Your proposal was submitted. We sent you a confirmation by e-mail."))
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
def proposal_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST withdraws."""
    proposal = _visible_or_404(request, pk)
    if not user_is_proposal_owner(request.user, proposal):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "proposals/withdraw_confirm.html", {"proposal": proposal})
    try:
        services.proposal_withdraw(proposal=proposal, withdrawn_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error.message)) from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your proposal was withdrawn."))
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
@require_POST
def proposal_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_or_404(request, pk)
    try:
        services.proposal_reopen(proposal=proposal, reopened_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error.message)) from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("proposals:detail", pk=proposal.pk)
    messages.success(request, _("The proposal is a draft again. Submit it before the deadline."))
    return redirect("proposals:edit", pk=proposal.pk)


@login_required
@require_POST
def attachment_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_or_404(request, pk)
    if not user_can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_upload(
                proposal=proposal, uploaded_by=request.user, file=form.cleaned_data["file"]
            )
        except (ApplicationError, ValidationError) as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The file was attached."))
            return redirect("proposals:detail", pk=proposal.pk)
    return _detail_page(request, proposal, attachment_form=form)


@login_required
def attachment_download(request: AuthenticatedHttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = attachment_get_visible(user=request.user, proposal_pk=pk, attachment_pk=attachment_pk)
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_delete(request: AuthenticatedHttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = attachment_get_visible(user=request.user, proposal_pk=pk, attachment_pk=attachment_pk)
    if attachment is None:
        raise Http404
    try:
        services.attachment_delete(attachment=attachment, deleted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error.message)) from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The attachment was removed."))
    return redirect("proposals:detail", pk=pk)


@login_required
@require_POST
def coapplicant_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_or_404(request, pk)
    if not user_is_proposal_owner(request.user, proposal):
        raise PermissionDenied
    form = CoApplicantInviteForm(request.POST)
    if form.is_valid():
        try:
            coapplicant = services.coapplicant_invite(
                proposal=proposal, invited_by=request.user, email=form.cleaned_data["email"]
            )
        except (ApplicationError, ValidationError) as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": coapplicant.email}
            )
            return redirect("proposals:detail", pk=proposal.pk)
    return _detail_page(request, proposal, invite_form=form)


@login_required
@require_POST
def coapplicant_revoke(request: AuthenticatedHttpRequest, pk: int, coapplicant_pk: int) -> HttpResponse:
    proposal = _visible_or_404(request, pk)
    coapplicant = CoApplicant.objects.filter(proposal=proposal, pk=coapplicant_pk).first()
    if coapplicant is None:
        raise Http404
    try:
        services.coapplicant_revoke(coapplicant=coapplicant, revoked_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error.message)) from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(email)s is no longer a co-applicant.") % {"email": coapplicant.email})
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
def invitation(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """The page an invitation e-mail links to: the signed-in person accepts or declines."""
    coapplicant = coapplicant_get_by_token(token=token)
    if coapplicant is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.coapplicant_accept(coapplicant=coapplicant, user=request.user)
            elif action == "decline":
                services.coapplicant_decline(coapplicant=coapplicant, user=request.user)
            else:
                raise ApplicationError(_("Choose whether to accept or decline the invitation."))
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect("proposals:invitation", token=token)
        if action == "accept":
            messages.success(request, _("You are now a co-applicant of this proposal."))
            return redirect("proposals:detail", pk=coapplicant.proposal_id)
        messages.success(request, _("You declined the invitation."))
        return redirect("proposals:mine")
    return render(
        request,
        "proposals/invitation.html",
        {
            "coapplicant": coapplicant,
            "proposal": coapplicant.proposal,
            "call": coapplicant.proposal.call,
            "is_open": coapplicant.status == CoApplicantStatus.INVITED,
            "closed_reason": call_closed_reason(coapplicant.proposal.call),
        },
    )
