"""The learnings library page: a GET search form and the matching published learnings, paginated."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from kokeilu.methods.selectors import methods_for_experiments

from .forms import LibrarySearchForm
from .selectors import LibraryFilters, library_search_page, linkable_call

PAGE_SIZE = 20


def search(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET or None)
    query, filters = "", LibraryFilters()
    if form.is_bound:
        # A filter with an unknown value is shown as an error; the query and the valid filters still apply.
        form.is_valid()
        query, filters = form.cleaned_data.get("q", ""), form.filters()
    page = library_search_page(
        query, filters, get_language(), number=request.GET.get("page"), per_page=PAGE_SIZE
    )
    experiment_ids = {learning.report.experiment_id for learning in page.object_list}
    methods = methods_for_experiments(experiment_ids)
    results = [
        {
            "learning": learning,
            "experiment": learning.report.experiment,
            "call": linkable_call(learning),
            "methods": methods.get(learning.report.experiment_id, []),
        }
        for learning in page.object_list
    ]
    context = {"form": form, "page": page, "results": results, "searched": form.is_bound}
    return render(request, "library/search.html", context)
