from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.accounts.selectors import user_can_manage_city
from kokeilu.core.cache import cached_text
from kokeilu.core.exceptions import ApplicationError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.evaluation.selectors import proposal_list_selected_for_call
from kokeilu.platforms.selectors import platform_list_managed_by

from . import services
from .forms import CallFilterForm, CallForm, CallQuestionForm, CriterionForm
from .models import Call, CallQuestion, Criterion
from .selectors import call_get_managed, call_get_visible, call_list_managed_by, call_list_public, call_search


def call_list(request: HttpRequest) -> HttpResponse:
    form = CallFilterForm(request.GET or None)
    calls = call_list_public()
    if form.is_valid():
        calls = call_search(calls, form.cleaned_data["q"] or "")
        now = timezone.now()
        if form.cleaned_data["phase"] == "open":
            calls = calls.filter(opens_at__lte=now, closes_at__gt=now)
        elif form.cleaned_data["phase"] == "closed":
            calls = calls.filter(closes_at__lte=now)
        if form.cleaned_data["platform"]:
            calls = calls.filter(platform=form.cleaned_data["platform"])
    page = Paginator(calls, 20).get_page(request.GET.get("page"))
    return render(request, "calls/call_list.html", {"form": form, "page": page})


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = call_get_visible(user=request.user, slug=slug)
    if call is None:
        raise Http404
    can_manage = user_can_manage_city(request.user, call.platform.city_id)

    def render_page() -> str:
        context = {
            "call": call,
            "selected": proposal_list_selected_for_call(call=call),
            "can_manage": can_manage,
        }
        return render(request, "calls/call_detail.html", context).content.decode()

    if request.user.is_authenticated or len(messages.get_messages(request)):
        return HttpResponse(render_page())
    # Anonymous visitors all see the same page: serve it from the cache while nothing on it has changed.
    # The phase is part of the key because it moves with the clock, not with any write.
    version = (call.pk, call.updated_at, call.activity_version, call.platform.updated_at, call.phase)
    return HttpResponse(cached_text("call-page", version, render_page))


@login_required
def call_manage_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    calls = call_list_managed_by(user=request.user)
    if not platform_list_managed_by(user=request.user).exists():
        raise Http404
    return render(request, "calls/manage_list.html", {"calls": calls})


def _call_fields(form: CallForm) -> dict:
    data = dict(form.cleaned_data)
    data.pop("platform")
    return data


@login_required
def call_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    platforms = platform_list_managed_by(user=request.user)
    if not platforms.exists():
        raise Http404
    form = CallForm(request.POST or None, platforms=platforms)
    if request.method == "POST" and form.is_valid():
        fields = _call_fields(form)
        try:
            call = services.call_create(
                created_by=request.user, platform=form.cleaned_data["platform"], **fields
            )
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("The call was created as a draft. Add evaluation criteria, then publish it.")
            )
            return redirect("calls:edit", slug=call.slug)
    return render(request, "calls/call_form.html", {"form": form, "call": None})


@login_required
def call_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = call_get_managed(user=request.user, slug=slug)
    if call is None:
        raise Http404
    platforms = platform_list_managed_by(user=request.user)
    form = CallForm(request.POST or None, instance=call, platforms=platforms)
    if request.method == "POST" and form.is_valid():
        fields = _call_fields(form)
        try:
            services.call_update(call=Call.objects.get(pk=call.pk), updated_by=request.user, **fields)
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("calls:edit", slug=call.slug)
    return render(
        request,
        "calls/call_form.html",
        {
            "form": form,
            "call": call,
            "criterion_form": CriterionForm(prefix="criterion"),
            "question_form": CallQuestionForm(prefix="question"),
        },
    )


@login_required
@require_POST
def call_publish(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    call = call_get_managed(user=request.user, slug=slug)
    if call is None:
        raise Http404
    try:
        services.call_publish(call=call, published_by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The call was published."))
    return redirect("calls:edit", slug=call.slug)


@login_required
def criterion_edit(request: AuthenticatedHttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    call = call_get_managed(user=request.user, slug=slug)
    if call is None:
        raise Http404
    criterion = get_object_or_404(Criterion, pk=pk, call=call) if pk else None
    form = CriterionForm(request.POST or None, instance=criterion, prefix="criterion")
    if request.method == "POST":
        if request.POST.get("delete") and criterion is not None:
            try:
                services.criterion_delete(criterion=criterion, deleted_by=request.user)
            except ApplicationError as error:
                messages.error(request, str(error.message))
            return redirect("calls:edit", slug=call.slug)
        if form.is_valid():
            try:
                services.criterion_save(
                    call=call, saved_by=request.user, criterion=criterion, **form.cleaned_data
                )
            except (ApplicationError, ValidationError) as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The criterion was saved."))
                return redirect("calls:edit", slug=call.slug)
    return render(
        request, "calls/subform.html", {"form": form, "call": call, "heading": _("Evaluation criterion")}
    )


@login_required
def question_edit(request: AuthenticatedHttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    call = call_get_managed(user=request.user, slug=slug)
    if call is None:
        raise Http404
    question = get_object_or_404(CallQuestion, pk=pk, call=call) if pk else None
    form = CallQuestionForm(request.POST or None, instance=question, prefix="question")
    if request.method == "POST":
        if request.POST.get("delete") and question is not None:
            try:
                services.question_delete(question=question, deleted_by=request.user)
            except ApplicationError as error:
                messages.error(request, str(error.message))
            return redirect("calls:edit", slug=call.slug)
        if form.is_valid():
            try:
                services.question_save(
                    call=call, saved_by=request.user, question=question, **form.cleaned_data
                )
            except (ApplicationError, ValidationError) as error:
                add_error_to_form(form, error)
            else:
                messages.success(request, _("The question was saved."))
                return redirect("calls:edit", slug=call.slug)
    return render(
        request, "calls/subform.html", {"form": form, "call": call, "heading": _("Application question")}
    )
