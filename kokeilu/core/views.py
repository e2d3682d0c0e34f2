from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from kokeilu.calls.selectors import call_list_public


def home(request: HttpRequest) -> HttpResponse:
    calls = call_list_public()[:6]
    return render(request, "core/home.html", {"calls": calls})


def healthz(request: HttpRequest) -> HttpResponse:
    """The trivial view: the benchmark's ceiling for what the stack itself costs."""
    return JsonResponse({"status": "ok"})
