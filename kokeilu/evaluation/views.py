from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from kokeilu.core.http import AuthenticatedHttpRequest

from .models import ReviewAssignment


@login_required
def my_assignments(request: AuthenticatedHttpRequest) -> HttpResponse:
    assignments = ReviewAssignment.objects.filter(reviewer=request.user).select_related("proposal")
    return render(request, "evaluation/my_assignments.html", {"assignments": assignments})


@login_required
def call_proposals(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    raise Http404
