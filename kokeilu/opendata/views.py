"""The open data page: what is published, in which formats, under which licence."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .datasets import DATASETS
from .licence import LICENSE_NAME, LICENSE_URL


def index(request: HttpRequest) -> HttpResponse:
    datasets = [
        {
            "dataset": dataset,
            "formats": [
                ("JSON", reverse(f"api-open-data-{key}"), "application/json"),
                ("JSON-LD", reverse(f"api-open-data-{key}-jsonld"), "application/ld+json"),
                ("CSV", reverse(f"api-open-data-{key}-csv"), "text/csv"),
                ("XLSX", reverse(f"api-open-data-{key}-xlsx"), ""),
            ],
        }
        for key, dataset in DATASETS.items()
    ]
    context = {"datasets": datasets, "license_name": LICENSE_NAME, "license_url": LICENSE_URL}
    return render(request, "opendata/index.html", context)
