"""Feedback pages: give feedback without signing in, see it answered, handle it, and the uniform metrics."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Organisation, OrganisationKind
from kokeilu.catalogue import selectors as catalogue_selectors
from kokeilu.core.exceptions import ApplicationError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest

from . import selectors, services
from .charts import bar_chart
from .forms import FeedbackForm, HandleFilterForm, HandleForm, ServicePickForm
from .models import OPEN_STATES, IntakeChannel
from .ratelimit import client_identity, rate_limit_exceeded

PAGE_SIZE = 25


def feedback_home(request: HttpRequest) -> HttpResponse:
    answered = selectors.feedback_list_public().exclude(public_answer="").order_by("-answered_at", "-id")[:10]
    return render(request, "feedback/home.html", {"answered": answered, "pick_form": ServicePickForm()})


def give(request: HttpRequest) -> HttpResponse:
    """The feedback form of one service; without a service, a search to find it first."""
    code = request.GET.get("service") or request.POST.get("service") or ""
    service = catalogue_selectors.service_list_public().filter(code=code).first() if code else None
    if service is None:
        pick_form = ServicePickForm(request.GET if "q" in request.GET else None)
        found = None
        if pick_form.is_valid():
            found = catalogue_selectors.service_search(
                catalogue_selectors.ServiceFilter(text=pick_form.cleaned_data["q"])
            )[:20]
        return render(request, "feedback/pick_service.html", {"pick_form": pick_form, "found": found})
    form = FeedbackForm(request.POST or None, request.FILES or None, service=service)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limit_exceeded(scope="web", identity=client_identity(request)):
            form.add_error(
                None, _("You have sent a lot of feedback in a short time. Please try again in a few minutes.")
            )
            status = 429
        else:
            upload = form.cleaned_data.get("photo")
            try:
                feedback = services.feedback_submit(
                    service=service,
                    kind=form.cleaned_data["kind"],
                    channel=IntakeChannel.WEB,
                    description=form.cleaned_data["description"],
                    satisfaction=form.cleaned_data["satisfaction"],
                    giver=services.Giver(email=form.cleaned_data["email"]),
                    place=services.Place(location=form.cleaned_data.get("location")),
                    photo=upload.read() if upload else None,
                    language=(get_language() or "fi")[:2],
                )
            except (ApplicationError, ValidationError) as error:
                add_error_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you! Your feedback went to %(producer)s.") % {"producer": service.producer.name},
                )
                return redirect("feedback:detail", pk=feedback.pk)
    elif request.method == "POST":
        status = 400
    return render(request, "feedback/give.html", {"form": form, "service": service}, status=status)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One item's public face: what was said (unless hidden), its state and the answer."""
    feedback = selectors.feedback_get_public(pk=pk)
    if feedback is None:
        raise Http404
    can_handle = catalogue_selectors.user_can_edit_producer(request.user, feedback.producer)
    return render(request, "feedback/detail.html", {"feedback": feedback, "can_handle": can_handle})


@login_required
def handle_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not selectors.user_handles_feedback(request.user):
        raise Http404
    form = HandleFilterForm(request.GET or None)
    items = selectors.feedback_list_handled_by(user=request.user)
    if form.is_valid() and form.cleaned_data["state"]:
        state = form.cleaned_data["state"]
        items = (
            items.filter(state__in=[value.value for value in OPEN_STATES])
            if state == "open"
            else items.filter(state=state)
        )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "feedback/handle_list.html", {"form": form, "page": page})


@login_required
def handle_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feedback = selectors.feedback_get_handled_by(user=request.user, pk=pk)
    if feedback is None:
        raise Http404
    form = HandleForm(
        request.POST or None,
        current_state=feedback.state,
        initial={
            "state": feedback.state,
            "public_answer": feedback.public_answer,
            "internal_note": feedback.internal_note,
            "description_hidden": feedback.description_hidden,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_handle(feedback=feedback, handled_by=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The feedback was saved."))
            return redirect("feedback:handle_detail", pk=feedback.pk)
    return render(request, "feedback/handle_detail.html", {"feedback": feedback, "form": form})


@login_required
def photo(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """The photo, only to those who handle the feedback."""
    feedback = selectors.feedback_get_handled_by(user=request.user, pk=pk)
    if feedback is None or not feedback.photo:
        raise Http404
    response = FileResponse(
        default_storage.open(feedback.photo.name or "", "rb"), content_type=feedback.photo_content_type
    )
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _metrics_city(request: HttpRequest) -> Organisation | None:
    slug = request.GET.get("city") or ""
    return get_object_or_404(Organisation, slug=slug, kind=OrganisationKind.CITY) if slug else None


def metrics(request: HttpRequest) -> HttpResponse:
    """Satisfaction and response time month by month, measured the same way for every producer."""
    city = _metrics_city(request)
    figures = selectors.producer_metrics(city=city)
    cards = []
    for item in figures:
        months = [month.month for month in item.months]
        latest_satisfaction = item.satisfaction
        satisfaction_summary = (
            _("Mean over the year %(value)s on a scale of 1–5.") % {"value": f"{latest_satisfaction:.1f}"}
            if latest_satisfaction is not None
            else _("No ratings in the year.")
        )
        response_summary = (
            _("Mean over the year %(value)s days; target %(target)s days.")
            % {"value": f"{item.response_days:.1f}", "target": item.producer.response_target_days}
            if item.response_days is not None
            else _("No answers in the year.")
        )
        cards.append(
            {
                "figures": item,
                "satisfaction_chart": bar_chart(
                    title=_("Satisfaction by month, %(producer)s") % {"producer": item.producer.name},
                    summary=satisfaction_summary,
                    months=months,
                    values=[month.satisfaction for month in item.months],
                    maximum=5,
                ),
                "response_chart": bar_chart(
                    title=_("Days to answer by month, %(producer)s") % {"producer": item.producer.name},
                    summary=response_summary,
                    months=months,
                    values=[month.response_days for month in item.months],
                    target=float(item.producer.response_target_days),
                    target_label=_("target"),
                ),
            }
        )
    cities = (
        Organisation.objects.filter(kind=OrganisationKind.CITY, catalogue_producers__isnull=False)
        .distinct()
        .order_by("name")
    )
    return render(request, "feedback/metrics.html", {"cards": cards, "city": city, "cities": cities})


def _spreadsheet_safe(text: str) -> str:
    """A name a spreadsheet would read as a formula is written as text."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def metrics_csv(request: HttpRequest) -> HttpResponse:
    """The numbers behind the charts, one row per producer and month."""
    city = _metrics_city(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="feedback-metrics-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "producer",
            "sector",
            "city",
            "month",
            "received",
            "rated",
            "mean_satisfaction",
            "answered",
            "mean_days_to_answer",
            "answered_within_target",
            "target_days",
        ]
    )
    for item in selectors.producer_metrics(city=city):
        for month in item.months:
            writer.writerow(
                [
                    _spreadsheet_safe(item.producer.name),
                    item.producer.sector,
                    _spreadsheet_safe(item.producer.city.name),
                    f"{month.month:%Y-%m}",
                    month.received,
                    month.rated,
                    f"{month.satisfaction:.2f}" if month.satisfaction is not None else "",
                    month.answered,
                    f"{month.response_days:.2f}" if month.response_days is not None else "",
                    month.answered_in_target,
                    item.producer.response_target_days,
                ]
            )
    return response
