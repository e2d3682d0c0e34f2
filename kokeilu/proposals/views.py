from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from kokeilu.core.http import AuthenticatedHttpRequest

from .models import Proposal


@login_required
def my_proposals(request: AuthenticatedHttpRequest) -> HttpResponse:
    proposals = Proposal.objects.filter(created_by=request.user).select_related("call")
    return render(request, "proposals/my_proposals.html", {"proposals": proposals})


@login_required
def proposal_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    raise Http404
