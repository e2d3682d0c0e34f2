from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kokeilu.calls.selectors import call_list_public

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
        request, "platforms/platform_detail.html", {"platform": platform, "needs": needs, "calls": calls}
    )
