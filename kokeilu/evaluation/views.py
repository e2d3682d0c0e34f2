"""Review and selection pages. Thin: parse, call a selector or a service, render.

Managers of another city, and everyone else without a role here, get 404 for every page; the call's
managers get 403 on a reviewer's own pages (they see the assignment but do not review in its name).
"""

import csv
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kokeilu.accounts.selectors import reviewer_candidates_for_city, reviewer_candidates_signature
from kokeilu.calls.models import Call, Criterion
from kokeilu.calls.selectors import call_get_managed
from kokeilu.core.cache import cached_text
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.core.spreadsheets import csv_cell
from kokeilu.proposals.models import Proposal, ProposalStatus

from . import services
from .forms import (
    BulkAssignForm,
    ConflictForm,
    DecisionForm,
    ProposalFilterForm,
    ProposalSelectionForm,
    ReviewForm,
    SingleAssignForm,
)
from .models import DecisionOutcome, ReviewAssignment, ReviewStatus
from .selectors import (
    MANAGER_LIST_PAGE_SIZE,
    RANKING_PAGE_SIZE,
    assignment_get_for_reviewer,
    assignment_get_visible,
    assignment_list_for_proposal,
    assignment_list_for_reviewer,
    conflict_list_for_proposal,
    criterion_means_for_call,
    proposal_get_managed,
    proposal_list_for_call_managers,
    proposal_ranking_for_call,
    review_get_own,
    review_list_visible_for_proposal,
)


def _managed_call(request: AuthenticatedHttpRequest, slug: str) -> Call:
    call = call_get_managed(user=request.user, slug=slug)
    if call is None:
        raise Http404
    return call


def _own_assignment(request: AuthenticatedHttpRequest, pk: int) -> ReviewAssignment:
    assignment = assignment_get_for_reviewer(user=request.user, assignment_id=pk)
    if assignment is not None:
        return assignment
    if assignment_get_visible(user=request.user, assignment_id=pk) is not None:
        raise PermissionDenied
    raise Http404


def _managed_proposal(request: AuthenticatedHttpRequest, pk: int) -> Proposal:
    proposal = proposal_get_managed(user=request.user, proposal_id=pk)
    if proposal is None:
        raise Http404
    return proposal


# --- Reviewer ----------------------------------------------------------------------------------------


@login_required
def my_assignments(request: AuthenticatedHttpRequest) -> HttpResponse:
    assignments = list(assignment_list_for_reviewer(user=request.user))
    now = timezone.now()
    for assignment in assignments:
        assignment.review_open = (  # type: ignore[attr-defined]
            now < assignment.proposal.call.review_ends_at
            and assignment.proposal.status == ProposalStatus.SUBMITTED
        )
    return render(request, "evaluation/my_assignments.html", {"assignments": assignments})


@login_required
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = _own_assignment(request, pk)
    proposal = assignment.proposal
    criteria = list(proposal.call.criteria.all())
    own = review_get_own(assignment=assignment)
    form = ReviewForm(request.POST if request.method == "POST" else None, criteria=criteria, review=own)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.review_save(
                assignment=assignment,
                reviewer=request.user,
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
                submit=submit,
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("Your review was submitted.") if submit else _("Your draft review was saved.")
            )
            return redirect("evaluation:review", pk=assignment.pk)
    submitted = own is not None and own.status == ReviewStatus.SUBMITTED
    review_open = (
        timezone.now() < proposal.call.review_ends_at and proposal.status == ProposalStatus.SUBMITTED
    )
    others = (
        review_list_visible_for_proposal(user=request.user, proposal=proposal).exclude(reviewer=request.user)
        if submitted
        else []
    )
    return render(
        request,
        "evaluation/review.html",
        {
            "assignment": assignment,
            "proposal": proposal,
            "call": proposal.call,
            "criteria": criteria,
            "own": own,
            "submitted": submitted,
            "review_open": review_open,
            "form": form,
            "others": others,
        },
    )


@login_required
def conflict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = _own_assignment(request, pk)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_of_interest_declare(
                assignment=assignment, reviewer=request.user, reason=form.cleaned_data["reason"]
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("You declared a conflict of interest and no longer review “%(title)s”.")
                % {"title": assignment.proposal.title},
            )
            return redirect("evaluation:my_assignments")
    return render(request, "evaluation/conflict.html", {"assignment": assignment, "form": form})


# --- Manager: proposals, assignment and ranking ------------------------------------------------------


def _filters(form: ProposalFilterForm) -> dict[str, Any]:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    return {
        "status": data["status"],
        "applicant_kind": data["applicant_kind"],
        "outcome": data["outcome"],
        "text": data["q"],
        "fewer_reviews_than": data["fewer_reviews_than"],
    }


@login_required
def call_proposals(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _managed_call(request, slug)
    filter_form = ProposalFilterForm(request.GET or None)
    filters = _filters(filter_form)
    chosen_ids: set[str] = set(request.POST.getlist("proposals")) if request.method == "POST" else set()

    def render_table() -> str:
        proposals = proposal_list_for_call_managers(call=call, **filters)
        page = Paginator(proposals, MANAGER_LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"call": call, "page": page, "chosen_ids": chosen_ids}
        return render_to_string("evaluation/_proposal_table.html", context, request=request)

    if chosen_ids:
        proposal_table = render_table()
    else:
        # The table changes only when the call's activity version does (every service that changes a
        # proposal, an assignment, a review or a decision bumps it).
        version = (
            call.pk,
            call.updated_at,
            call.activity_version,
            sorted(filters.items()),
            request.GET.get("page"),
        )
        proposal_table = cached_text("call-proposals", version, render_table)
    candidates = reviewer_candidates_for_city(city_id=call.platform.city_id)
    bulk_form = BulkAssignForm(request.POST or None, candidates=candidates)
    if request.method == "POST":
        selection = ProposalSelectionForm(
            request.POST, proposals=Proposal.objects.filter(call=call).exclude(status=ProposalStatus.DRAFT)
        )
        selection_valid = selection.is_valid()
        if bulk_form.is_valid() and selection_valid:
            try:
                result = services.review_assignments_bulk_create(
                    proposals=selection.cleaned_data["proposals"],
                    reviewers=bulk_form.cleaned_data["reviewers"],
                    assigned_by=request.user,
                )
            except PermissionDeniedError as error:
                raise PermissionDenied from error
            except (ApplicationError, ValidationError) as error:
                add_error_to_form(bulk_form, error)
            else:
                _report_bulk_result(request, result)
                return redirect(request.get_full_path())
        for message in selection.errors.get("proposals", []):
            bulk_form.add_error(None, message)
    return render(
        request,
        "evaluation/call_proposals.html",
        {
            "call": call,
            # Rendering forms is the costliest part of this page; the rendering of a form depends only on
            # the submitted data (filters) or on the city's reviewers (unbound assignment form).
            "filter_form": mark_safe(  # noqa: S308 - rendered by our own templates
                cached_text("proposal-filter-form", sorted(request.GET.lists()), filter_form.render)
            ),
            "proposal_table": mark_safe(proposal_table),  # noqa: S308 - rendered by our own template
            "bulk_form": bulk_form
            if bulk_form.is_bound
            else mark_safe(  # noqa: S308 - rendered by our own templates
                cached_text(
                    "bulk-assign-form",
                    reviewer_candidates_signature(city_id=call.platform.city_id),
                    bulk_form.render,
                )
            ),
        },
    )


def _report_bulk_result(request: AuthenticatedHttpRequest, result: services.BulkAssignmentResult) -> None:
    messages.success(
        request,
        ngettext(
            "%(count)d review assignment was created.",
            "%(count)d review assignments were created.",
            result.created_count,
        )
        % {"count": result.created_count},
    )
    if result.skipped:
        reasons = ", ".join(
            f"{services.SKIP_REASON_LABELS[reason]}: {count}"
            for reason, count in result.skipped_by_reason.items()
        )
        messages.info(
            request,
            ngettext(
                "%(count)d pair was skipped (%(reasons)s).",
                "%(count)d pairs were skipped (%(reasons)s).",
                result.skipped_count,
            )
            % {"count": result.skipped_count, "reasons": reasons},
        )


def _ranking_rows(call: Call) -> tuple[list[Criterion], list[Proposal]]:
    criteria = list(call.criteria.all())
    rows = list(proposal_ranking_for_call(call=call))
    means = criterion_means_for_call(call=call)
    for position, row in enumerate(rows, start=1):
        row.rank = position  # type: ignore[attr-defined]
        proposal_means = means.get(row.pk, {})
        row.criterion_means = [proposal_means.get(criterion.pk) for criterion in criteria]  # type: ignore[attr-defined]
    return criteria, rows


@login_required
def ranking(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _managed_call(request, slug)
    page_number = request.GET.get("page")

    def render_table() -> str:
        criteria, rows = _ranking_rows(call)
        page = Paginator(rows, RANKING_PAGE_SIZE).get_page(page_number)
        context = {"call": call, "criteria": criteria, "page": page}
        return render_to_string("evaluation/_ranking_table.html", context, request=request)

    version = (call.pk, call.updated_at, call.activity_version, page_number)
    ranking_table = cached_text("ranking", version, render_table)
    return render(
        request,
        "evaluation/ranking.html",
        {"call": call, "ranking_table": mark_safe(ranking_table)},  # noqa: S308 - our own template
    )


def _number(value: Decimal | None, places: int = 3) -> str:
    """A score as text with a fixed number of decimals (SQLite returns 3.5 where PostgreSQL says 3.500)."""
    return "" if value is None else str(Decimal(value).quantize(Decimal(1).scaleb(-places)))


@login_required
def ranking_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = _managed_call(request, slug)
    criteria, rows = _ranking_rows(call)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ranking-{call.slug}.csv"'
    response.write("\ufeff")  # spreadsheets open UTF-8 with the byte order mark correctly
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Rank"),
            _("Proposal ID"),
            _("Title"),
            _("Applicant"),
            _("Applying as"),
            _("Submitted reviews"),
            _("Assigned reviewers"),
            _("Mean weighted score"),
            _("Lowest score"),
            _("Highest score"),
            _("Spread"),
            _("Standard deviation"),
            *[_("Mean: %(criterion)s") % {"criterion": criterion.name} for criterion in criteria],
            _("Decision"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.rank,  # type: ignore[attr-defined]
                row.pk,
                csv_cell(row.title),
                csv_cell(row.organisation_name),
                row.get_applicant_kind_display(),
                row.review_count,  # type: ignore[attr-defined]
                row.assignment_count,  # type: ignore[attr-defined]
                _number(row.score_mean),  # type: ignore[attr-defined]
                _number(row.score_min),  # type: ignore[attr-defined]
                _number(row.score_max),  # type: ignore[attr-defined]
                _number(row.score_spread),  # type: ignore[attr-defined]
                _number(row.score_stddev),  # type: ignore[attr-defined]
                *[_number(mean, 2) for mean in row.criterion_means],  # type: ignore[attr-defined]
                DecisionOutcome(row.decision_outcome).label if row.decision_outcome else "",  # type: ignore[attr-defined]
            ]
        )
    return response


# --- Manager: one proposal ---------------------------------------------------------------------------


def _render_proposal_reviews(
    request: AuthenticatedHttpRequest,
    proposal: Proposal,
    *,
    decision_form: DecisionForm | None = None,
    assign_form: SingleAssignForm | None = None,
) -> HttpResponse:
    candidates = reviewer_candidates_for_city(city_id=proposal.call.platform.city_id)
    decision = getattr(proposal, "decision", None)
    if decision_form is None:
        initial = {"outcome": decision.outcome, "reason": decision.reason} if decision else None
        decision_form = DecisionForm(initial=initial)
    return render(
        request,
        "evaluation/proposal_reviews.html",
        {
            "proposal": proposal,
            "call": proposal.call,
            "criteria": list(proposal.call.criteria.all()),
            "assignments": assignment_list_for_proposal(proposal=proposal),
            "conflicts": conflict_list_for_proposal(proposal=proposal),
            "reviews": review_list_visible_for_proposal(user=request.user, proposal=proposal).filter(
                status=ReviewStatus.SUBMITTED
            ),
            "decision": decision,
            "decision_form": decision_form,
            "decision_open": proposal.call.phase_at() in services.DECISION_PHASES,
            "assign_form": assign_form or SingleAssignForm(candidates=candidates),
        },
    )


@login_required
def proposal_reviews(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = _managed_proposal(request, pk)
    return _render_proposal_reviews(request, proposal)


@login_required
@require_POST
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = _managed_proposal(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision = services.decision_record(
                proposal=proposal,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                decided_by=request.user,
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("The decision “%(outcome)s” was recorded; the applicant will be told by e-mail.")
                % {"outcome": decision.get_outcome_display()},
            )
            return redirect("evaluation:proposal_reviews", pk=proposal.pk)
    return _render_proposal_reviews(request, proposal, decision_form=form)


@login_required
@require_POST
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = _managed_proposal(request, pk)
    candidates = reviewer_candidates_for_city(city_id=proposal.call.platform.city_id)
    form = SingleAssignForm(request.POST, candidates=candidates)
    if form.is_valid():
        try:
            assignment = services.review_assignment_create(
                proposal=proposal, reviewer=form.cleaned_data["reviewer"], assigned_by=request.user
            )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("%(name)s was assigned to review the proposal.") % {"name": assignment.reviewer}
            )
            return redirect("evaluation:proposal_reviews", pk=proposal.pk)
    return _render_proposal_reviews(request, proposal, assign_form=form)


@login_required
@require_POST
def assignment_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = assignment_get_visible(user=request.user, assignment_id=pk)
    if assignment is None:
        raise Http404
    try:
        services.review_assignment_delete(assignment=assignment, deleted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The assignment of %(name)s was removed.") % {"name": assignment.reviewer}
        )
    return redirect("evaluation:proposal_reviews", pk=assignment.proposal_id)
