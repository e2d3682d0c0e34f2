from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kokeilu.accounts.selectors import user_can_manage_city
from kokeilu.calls.selectors import call_list_public
from kokeilu.core.exceptions import ApplicationError
from kokeilu.core.forms import add_error_to_form
from kokeilu.core.http import AuthenticatedHttpRequest

from . import services
from .forms import DevelopmentNeedForm
from .models import DevelopmentNeed
from .selectors import need_list_visible, platform_get_visible, platform_list_public


def platform_list(request: HttpRequest) -> HttpResponse:
    return render(request, "platforms/platform_list.html", {"platforms": platform_list_public()})


def platform_detail(request: HttpRequest, slug: str) -> HttpResponse:
    platform = platform_get_visible(user=request.user, slug=slug)
    if platform is None:
        raise Http404
    needs = need_list_visible(user=request.user, platform=platform)
    calls = call_list_public().filter(platform=platform)
    return render(
        request,
        "platforms/platform_detail.html",
        {
            "platform": platform,
            "needs": needs,
            "calls": calls,
            "can_manage": user_can_manage_city(request.user, platform.city_id),
        },
    )


@login_required
def need_edit(request: AuthenticatedHttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Create or edit a development need of a platform the user manages."""
    platform = platform_get_visible(user=request.user, slug=slug)
    if platform is None or not user_can_manage_city(request.user, platform.city_id):
        raise Http404
    need = get_object_or_404(DevelopmentNeed, pk=pk, platform=platform) if pk else None
    form = DevelopmentNeedForm(request.POST or None, instance=need, city_id=platform.city_id)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        themes = list(fields.pop("themes"))
        try:
            if need is None:
                need = services.need_create(
                    created_by=request.user, platform=platform, themes=themes, **fields
                )
            else:
                services.need_update(
                    need=DevelopmentNeed.objects.get(pk=need.pk),
                    updated_by=request.user,
                    themes=themes,
                    **fields,
                )
        except (ApplicationError, ValidationError) as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The development need was saved."))
            return redirect("platforms:detail", slug=platform.slug)
    return render(request, "platforms/need_form.html", {"form": form, "platform": platform, "need": need})
