"""The reuse part of a learning page (/<lang>/reports/learnings/<pk>/) and its form's target
(/<lang>/reuse/learnings/<pk>/). Thin: the rules are in `reuse.services`.

Anonymous visitors are sent to sign in; people who manage no city get 403, as does a manager choosing a
target of another city; a refusal by the rules (a published call, the same target twice) comes back to
the learning page as an error message.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokeilu.accounts.selectors import user_is_manager_anywhere
from kokeilu.calls.models import Call
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.http import AuthenticatedHttpRequest
from kokeilu.platforms.models import DevelopmentNeed, Platform
from kokeilu.reports.models import Learning
from kokeilu.reports.selectors import published_learning_get

from . import services
from .forms import ReuseForm
from .models import LearningReuse
from .selectors import learning_reuse_places, reuse_targets_for


def learning_reuse_panel(request: HttpRequest, learning: Learning) -> dict[str, Any]:
    """What the learning page shows about reuse: the count, where, and the form for managers (None for
    everyone else). `learning` is published."""
    places = learning_reuse_places(learning_id=learning.pk)
    form = None
    if user_is_manager_anywhere(request.user):
        form = ReuseForm(targets=reuse_targets_for(user=request.user, learning_id=learning.pk))
    return {"count": len(places), "places": places, "form": form}


def target_edit_url(reuse: LearningReuse) -> str:
    if reuse.need is not None:
        return reverse("platforms:need_edit", kwargs={"slug": reuse.need.platform.slug, "pk": reuse.need.pk})
    assert reuse.call is not None
    return reverse("calls:edit", kwargs={"slug": reuse.call.slug})


def _reuse(learning: Learning, user: Any, kind: str, pk: int) -> LearningReuse:
    if kind == "call":
        call = get_object_or_404(Call.objects.select_related("platform"), pk=pk)
        return services.learning_reuse(learning=learning, reused_by=user, call=call)
    if kind == "need":
        need = get_object_or_404(DevelopmentNeed.objects.select_related("platform"), pk=pk)
        return services.learning_reuse(learning=learning, reused_by=user, need=need)
    platform = get_object_or_404(Platform, pk=pk)
    return services.learning_reuse(learning=learning, reused_by=user, new_need_platform=platform)


@login_required
@require_POST
def learning_reuse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    learning = published_learning_get(pk=pk)
    if learning is None:
        raise Http404
    if not user_is_manager_anywhere(request.user):
        raise PermissionDenied
    back = redirect("reports:learning", pk=pk)
    form = ReuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose where to copy the learning."))
        return back
    kind, target_pk = form.chosen_target()
    try:
        reuse = _reuse(learning, request.user, kind, target_pk)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return back
    target = reuse.need if reuse.need is not None else reuse.call
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("The learning was copied into “%(title)s”.") % {"title": target.title if target else ""},
            target_edit_url(reuse),
            _("Open it for editing"),
        ),
    )
    return back
