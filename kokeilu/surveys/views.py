"""Survey pages in the workspace (/<lang>/experiments/<slug>/surveys/...) and behind the shareable link
(/<lang>/s/<token>/). Thin: find the survey the person may see, call a service or selector, render."""

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.core.spreadsheets import csv_cell
from kokeilu.experiments.models import Audience, Experiment
from kokeilu.experiments.selectors import ExperimentAccess
from kokeilu.experiments.workspace import workspace_context, workspace_or_404

from . import charts, services, sharing
from .forms import QuestionForm, SurveyForm, answer_fields, answers_from_post
from .models import SURVEY_TRANSITIONS, Question, QuestionKind, Survey, SurveyState
from .selectors import (
    has_answered,
    question_list,
    response_rows,
    survey_get_by_token,
    survey_get_visible,
    survey_list_with_counts,
    survey_results,
    surveys_answered_by,
)


def _survey_or_404(
    request: HttpRequest, slug: str, survey_id: int, level: str = "team"
) -> tuple[Experiment, ExperimentAccess, Survey]:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level=level)  # type: ignore[arg-type]
    survey = survey_get_visible(experiment=experiment, access=access, survey_id=survey_id)
    if survey is None:
        raise Http404
    return experiment, access, survey


def _question_or_404(survey: Survey, question_id: int) -> Question:
    question = survey.questions.prefetch_related("options").filter(pk=question_id).first()
    if question is None:
        raise Http404
    return question


# --- The list ----------------------------------------------------------------------------------------


@login_required
def survey_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The team sees every survey with its counts; members see the open surveys addressed to them."""
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="view")
    surveys = list(survey_list_with_counts(experiment=experiment, access=access))
    answered = surveys_answered_by(user=request.user, survey_ids=[survey.pk for survey in surveys])
    for survey in surveys:
        survey.answered = survey.pk in answered  # type: ignore[attr-defined]
    return render(
        request,
        "surveys/list.html",
        workspace_context(experiment, access, "surveys", surveys=surveys),
    )


# --- Building ----------------------------------------------------------------------------------------


@login_required
def survey_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experiment, access = workspace_or_404(user=request.user, slug=slug, level="team")
    form = SurveyForm(request.POST or None, experiment=experiment)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(experiment=experiment, created_by=request.user, **form.changes())
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The survey was created. Add its questions next."))
            return redirect("surveys:detail", slug=slug, survey_id=survey.pk)
    return render(
        request, "surveys/survey_form.html", workspace_context(experiment, access, "surveys", form=form)
    )


@login_required
def survey_detail(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> HttpResponse:
    """The builder: settings, questions, state and the shareable link."""
    experiment, access, survey = _survey_or_404(request, slug, survey_id)
    context = workspace_context(
        experiment,
        access,
        "surveys",
        survey=survey,
        questions=question_list(survey=survey),
        transitions=sorted(SURVEY_TRANSITIONS.get(survey.state, set())),
        link=sharing.link_url(request, survey),
        response_count=survey.responses.count(),
        question_form=QuestionForm(initial={"kind": QuestionKind.RATING, "scale_max": 5, "max_length": 1000})
        if survey.state == SurveyState.DRAFT
        else None,
    )
    return render(request, "surveys/detail.html", context)


@login_required
def survey_edit(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> HttpResponse:
    experiment, access, survey = _survey_or_404(request, slug, survey_id)
    form = SurveyForm(request.POST or None, instance=None, experiment=experiment, initial=_initial(survey))
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(survey=survey, updated_by=request.user, **form.changes())
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The survey was saved."))
            return redirect("surveys:detail", slug=slug, survey_id=survey.pk)
    return render(
        request,
        "surveys/survey_form.html",
        workspace_context(experiment, access, "surveys", form=form, survey=survey),
    )


def _initial(survey: Survey) -> dict[str, Any]:
    initial = {name: getattr(survey, name) for name in SurveyForm.Meta.fields}
    if survey.closes_at:
        initial["closes_at"] = timezone.localtime(survey.closes_at)
    return initial


@login_required
@require_POST
def survey_delete(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> HttpResponse:
    _experiment, _access, survey = _survey_or_404(request, slug, survey_id)
    try:
        services.survey_delete(survey=survey, deleted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("surveys:detail", slug=slug, survey_id=survey_id)
    messages.success(request, _("The survey was deleted."))
    return redirect("surveys:list", slug=slug)


@login_required
@require_POST
def survey_state(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> HttpResponse:
    _experiment, _access, survey = _survey_or_404(request, slug, survey_id)
    try:
        services.survey_transition(
            survey=survey, to_state=request.POST.get("state", ""), changed_by=request.user
        )
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The survey is now “%(state)s”.") % {"state": survey.get_state_display()})
    return redirect("surveys:detail", slug=slug, survey_id=survey_id)


@login_required
@require_POST
def survey_new_link(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> HttpResponse:
    _experiment, _access, survey = _survey_or_404(request, slug, survey_id)
    try:
        services.survey_regenerate_link(survey=survey, changed_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    messages.success(request, _("The survey has a new link; the old link and QR codes no longer work."))
    return redirect("surveys:detail", slug=slug, survey_id=survey_id)


@login_required
def survey_qr(request: AuthenticatedHttpRequest, slug: str, survey_id: int, kind: str) -> HttpResponse:
    """The QR code of the survey's link, as PNG or SVG, in the language asked (?lang=fi|sv|en)."""
    _experiment, _access, survey = _survey_or_404(request, slug, survey_id)
    language = request.GET.get("lang") or get_language() or "fi"
    if language not in ("fi", "sv", "en"):
        raise Http404
    url = sharing.link_url(request, survey, language)
    if kind == "png":
        response = HttpResponse(sharing.qr_png(url), content_type="image/png")
    else:
        response = HttpResponse(sharing.qr_svg(url), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-{language}.{kind}"'
    return response


# --- Questions ---------------------------------------------------------------------------------------


def _question_page(
    request: AuthenticatedHttpRequest, slug: str, survey_id: int, question: Question | None
) -> HttpResponse:
    experiment, access, survey = _survey_or_404(request, slug, survey_id)
    if question is not None:
        question = _question_or_404(survey, question.pk)
    initial = (
        QuestionForm.initial_for(question) if question is not None else {"scale_max": 5, "max_length": 1000}
    )
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                services.question_add(
                    survey=survey, added_by=request.user, options=form.options(), **form.changes()
                )
            else:
                services.question_update(
                    question=question, updated_by=request.user, options=form.options(), **form.changes()
                )
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except (ApplicationError, ValidationError) as error:
            if isinstance(error, ApplicationError) and error.field == "options":
                error.field = "options_fi"
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("surveys:detail", slug=slug, survey_id=survey.pk)
    return render(
        request,
        "surveys/question_form.html",
        workspace_context(experiment, access, "surveys", survey=survey, question=question, form=form),
    )


@login_required
def question_add(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> HttpResponse:
    return _question_page(request, slug, survey_id, None)


@login_required
def question_edit(
    request: AuthenticatedHttpRequest, slug: str, survey_id: int, question_id: int
) -> HttpResponse:
    _experiment, _access, survey = _survey_or_404(request, slug, survey_id)
    return _question_page(request, slug, survey_id, _question_or_404(survey, question_id))


@login_required
@require_POST
def question_delete(
    request: AuthenticatedHttpRequest, slug: str, survey_id: int, question_id: int
) -> HttpResponse:
    _experiment, _access, survey = _survey_or_404(request, slug, survey_id)
    question = _question_or_404(survey, question_id)
    try:
        services.question_delete(question=question, deleted_by=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The question was removed."))
    return redirect("surveys:detail", slug=slug, survey_id=survey_id)


# --- Answering ---------------------------------------------------------------------------------------


def _answer(request: HttpRequest, survey: Survey, template: str, context: dict[str, Any], done: str):
    """GET shows the form; POST validates through the service and either re-shows the form with what
    was typed and an error by each question, or stores the response and redirects to `done`."""
    questions = question_list(survey=survey)
    browser_answered = sharing.answered_in_browser(request, survey)
    already = survey.one_answer_per_person and (
        has_answered(user=request.user, survey=survey) if request.user.is_authenticated else browser_answered
    )
    error_message = ""
    fields = answer_fields(questions)
    if request.method == "POST" and not already:
        try:
            services.response_submit(
                survey=survey,
                respondent=request.user,
                answers=answers_from_post(questions, request.POST),
                language=get_language() or "fi",
                answered_in_this_browser=browser_answered,
                questions=questions,
            )
        except services.SurveyAnswerError as error:
            fields = answer_fields(questions, request.POST, error.errors)
            error_message = str(error.message)
        except PermissionDeniedError as error:
            raise PermissionDenied from error
        except ApplicationError as error:
            fields = answer_fields(questions, request.POST)
            error_message = str(error.message)
            if error.code == "already_answered":
                already = True
        else:
            response = redirect(done)
            if not request.user.is_authenticated:
                sharing.remember_answer(response, survey)
            return response
    context.update(
        survey=survey,
        fields=fields,
        error_message=error_message,
        already_answered=already,
        accepts_answers=survey.accepts_answers,
        error_count=sum(1 for field in fields if field.error),
    )
    status = 400 if error_message and not already else 200
    return render(request, template, context, status=status)


@login_required
def survey_answer(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> HttpResponse:
    """Members answer an open survey addressed to them from the workspace."""
    experiment, access, survey = _survey_or_404(request, slug, survey_id, level="view")
    if survey.state == SurveyState.DRAFT and not access.is_team:
        raise Http404
    done = reverse("surveys:list", kwargs={"slug": slug})
    context = workspace_context(experiment, access, "surveys")
    if request.method == "POST":
        messages_after = _("Thank you for your answers!")
        result = _answer(request, survey, "surveys/answer.html", context, done)
        if result.status_code == 302:
            messages.success(request, messages_after)
        return result
    return _answer(request, survey, "surveys/answer.html", context, done)


def link_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The shareable link: anyone with it answers a public survey (anonymously when allowed); any other
    survey needs signing in as someone in its audience. Nothing here shows anyone's answers."""
    survey = survey_get_by_token(token=token)
    if survey is None or survey.state == SurveyState.DRAFT:
        raise Http404
    if not request.user.is_authenticated and not (
        survey.audience == Audience.PUBLIC and survey.allow_anonymous
    ):
        return redirect_to_login(request.get_full_path())
    if survey.audience != Audience.PUBLIC:
        _experiment, access = workspace_or_404(user=request.user, slug=survey.experiment.slug, level="view")
        if survey_get_visible(experiment=survey.experiment, access=access, survey_id=survey.pk) is None:
            raise Http404
    done = reverse("survey_links:thanks", kwargs={"token": token})
    return _answer(request, survey, "surveys/link_answer.html", {}, done)


def link_thanks(request: HttpRequest, token: str) -> HttpResponse:
    survey = survey_get_by_token(token=token)
    if survey is None or survey.state == SurveyState.DRAFT:
        raise Http404
    return render(request, "surveys/link_thanks.html", {"survey": survey})


# --- Results -----------------------------------------------------------------------------------------


def _results_context(survey: Survey) -> dict[str, Any]:
    results = survey_results(survey=survey)
    items = []
    for index, result in enumerate(results.questions, 1):
        chart = None
        if result.question.kind == QuestionKind.NPS:
            chart = charts.nps_chart(result, f"chart-{index}")
        elif result.question.kind != QuestionKind.TEXT:
            chart = charts.bar_chart(result, f"chart-{index}")
        items.append({"result": result, "chart": chart, "index": index})
    return {"results": results, "items": items, "refreshed_at": timezone.now()}


@login_required
def survey_results_page(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> HttpResponse:
    experiment, access, survey = _survey_or_404(request, slug, survey_id)
    context = workspace_context(experiment, access, "surveys", survey=survey, **_results_context(survey))
    return render(request, "surveys/results.html", context)


@login_required
def survey_results_live(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> HttpResponse:
    """The results fragment htmx swaps in every ten seconds."""
    experiment, _access, survey = _survey_or_404(request, slug, survey_id)
    context = {"experiment": experiment, "survey": survey, **_results_context(survey)}
    return render(request, "surveys/_results.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def survey_export(request: AuthenticatedHttpRequest, slug: str, survey_id: int) -> StreamingHttpResponse:
    """One row per response, one column per question; UTF-8 with a byte order mark for Excel."""
    _experiment, _access, survey = _survey_or_404(request, slug, survey_id)
    questions, rows = response_rows(survey=survey)
    writer = csv.writer(_Echo())

    # The header is translated now: the rows are written after the view has returned.
    header = [_("Response"), _("Answered at"), _("Language")] + [csv_cell(q.text) for q in questions]

    def lines() -> Iterator[str]:
        yield "\ufeff"
        yield writer.writerow(header)
        for number, (response, answers) in enumerate(rows, 1):
            cells = [
                str(number),
                timezone.localtime(response.created_at).strftime("%Y-%m-%d %H:%M"),
                response.language,
            ]
            for question in questions:
                cells.append(csv_cell("; ".join(str(value) for value in answers.get(question.pk, []))))
            yield writer.writerow(cells)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    return response
