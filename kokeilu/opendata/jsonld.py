"""schema.org in JSON-LD: experiments as `Project` (funded by a `MonetaryGrant` from the city, an
`Organization`), approved final reports as `Report` with their public learnings as parts (`hasPart`) and the
project they are `about`, calls as `FundingScheme`, development needs as `CreativeWork`; cities and partner
organisations as `Organization`.

A dataset is one document: `{"@context": "https://schema.org", "@graph": [Dataset, item, ...]}`. Every
top-level node carries `license`. Translated text is a list of language-tagged values
(`{"@value": ..., "@language": "fi"}`). `@id`s are language-neutral (pages in the default language, or the
dataset's own address with a fragment), `url`s point to the pages in the request's language.

Only what the open data selectors return is read, and of it only the fields the JSON API publishes.
"""

import json
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from kokeilu.accounts.models import Organisation
from kokeilu.calls.models import Call
from kokeilu.core.models import LANGUAGE_CODES
from kokeilu.experiments.models import Experiment
from kokeilu.platforms.models import DevelopmentNeed, Platform
from kokeilu.reports.models import FinalReport, Learning

from .licence import LICENSE_URL
from .selectors import open_call, open_report

CONTEXT = "https://schema.org"
Node = dict[str, Any]


def _texts(instance: object, base: str) -> list[dict[str, str]]:
    """Every language's text of a translated field, tagged with its language."""
    values = [(code, getattr(instance, f"{base}_{code}", "")) for code in LANGUAGE_CODES]
    return [{"@value": value, "@language": code} for code, value in values if value]


def _compact(node: Node) -> Node:
    """The node without empty values."""
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def _url(request: HttpRequest, viewname: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(viewname, kwargs=kwargs))


def _canonical(request: HttpRequest, viewname: str, **kwargs: Any) -> str:
    """The address in the default language: the same identifier whatever language was asked."""
    with translation.override(settings.LANGUAGE_CODE):
        return _url(request, viewname, **kwargs)


def organisation_node(organisation: Organisation) -> Node:
    return {"@type": "Organization", "identifier": organisation.slug, "name": organisation.name}


def _platform_node(platform: Platform | None) -> Node | None:
    if platform is None or not platform.is_public:
        return None
    return _compact({"@type": "Organization", "identifier": platform.slug, "name": _texts(platform, "name")})


def project_id(request: HttpRequest, experiment: Experiment) -> str:
    return f"{_url(request, 'api-open-data-experiments-jsonld')}#{experiment.slug}"


def _project_ref(request: HttpRequest, experiment: Experiment) -> Node:
    return _compact(
        {
            "@type": "Project",
            "@id": project_id(request, experiment),
            "identifier": experiment.slug,
            "name": _texts(experiment, "title"),
        }
    )


def _call_ref(request: HttpRequest, call: Call) -> Node:
    return _compact(
        {
            "@type": "FundingScheme",
            "@id": _canonical(request, "calls:detail", slug=call.slug),
            "identifier": call.slug,
            "name": _texts(call, "title"),
        }
    )


def learning_node(request: HttpRequest, learning: Learning) -> Node:
    keywords = [str(learning.theme.name)] if learning.theme else []
    keywords += [str(tag) for tag in learning.tags or []]
    return _compact(
        {
            "@type": "CreativeWork",
            "@id": _canonical(request, "reports:learning", pk=learning.pk),
            "url": _url(request, "reports:learning", pk=learning.pk),
            "name": _texts(learning, "statement"),
            "text": learning.evidence,
            "keywords": keywords,
        }
    )


def report_node(request: HttpRequest, report: FinalReport, learnings: Iterable[Learning]) -> Node:
    """An approved report with the given (public) learnings as its parts."""
    experiment = report.experiment
    return _compact(
        {
            "@type": "Report",
            "@id": _canonical(request, "reports:public", slug=experiment.slug),
            "url": _url(request, "reports:public", slug=experiment.slug),
            "name": _texts(experiment, "title"),
            "abstract": _texts(report, "summary"),
            "datePublished": report.approved_at.isoformat() if report.approved_at else None,
            "publisher": organisation_node(experiment.city),
            "about": _project_ref(request, experiment),
            "hasPart": [learning_node(request, learning) for learning in learnings],
            "license": LICENSE_URL,
        }
    )


def learning_graph(request: HttpRequest, learnings: Iterable[Learning]) -> list[Node]:
    """Published learnings (in report order) as their reports, each with its learnings as parts."""
    return [
        report_node(request, group[0].report, group)
        for group in (list(items) for _, items in groupby(learnings, key=lambda learning: learning.report_id))
    ]


def experiment_node(request: HttpRequest, experiment: Experiment) -> Node:
    city = organisation_node(experiment.city)
    call = open_call(experiment.call)
    report = open_report(experiment)
    url = None
    if experiment.is_public:
        url = _url(request, "experiments:detail", slug=experiment.slug)
    elif report is not None:
        url = _url(request, "reports:public", slug=experiment.slug)
    grant = {
        "@type": "MonetaryGrant",
        "amount": {"@type": "MonetaryAmount", "currency": "EUR", "value": float(experiment.granted_amount)},
        "funder": [city, _call_ref(request, call)] if call else [city],
    }
    return _compact(
        {
            "@type": "Project",
            "@id": project_id(request, experiment),
            "identifier": experiment.slug,
            "url": url,
            "name": _texts(experiment, "title"),
            "description": _texts(experiment, "summary") if experiment.is_public else [],
            "foundingDate": experiment.starts_on.isoformat(),
            "dissolutionDate": experiment.ends_on.isoformat(),
            "funder": city,
            "funding": grant,
            "parentOrganization": _platform_node(experiment.platform),
            "member": [
                {"@type": "Organization", "name": partner.name}
                for partner in getattr(experiment, "open_partners", [])
            ],
            "subjectOf": (
                {
                    "@type": "Report",
                    "@id": _canonical(request, "reports:public", slug=experiment.slug),
                    "url": _url(request, "reports:public", slug=experiment.slug),
                    "datePublished": report.approved_at.isoformat() if report.approved_at else None,
                }
                if report is not None
                else None
            ),
            "license": LICENSE_URL,
        }
    )


def call_node(request: HttpRequest, call: Call) -> Node:
    return _compact(
        {
            **_call_ref(request, call),
            "url": _url(request, "calls:detail", slug=call.slug),
            "description": _texts(call, "description"),
            "funder": organisation_node(call.platform.city),
            "parentOrganization": _platform_node(call.platform),
            "keywords": [str(theme.name) for theme in call.themes.all()],
            "license": LICENSE_URL,
        }
    )


def need_node(request: HttpRequest, need: DevelopmentNeed) -> Node:
    return _compact(
        {
            "@type": "CreativeWork",
            "@id": f"{_url(request, 'api-open-data-needs-jsonld')}#need-{need.pk}",
            "identifier": need.pk,
            "url": _url(request, "platforms:detail", slug=need.platform.slug),
            "name": _texts(need, "title"),
            "description": _texts(need, "description"),
            "creativeWorkStatus": need.status,
            "keywords": [str(theme.name) for theme in need.themes.all()],
            "publisher": organisation_node(need.platform.city),
            "sourceOrganization": organisation_node(need.owning_unit) if need.owning_unit else None,
            "license": LICENSE_URL,
        }
    )


def dataset_document(
    *, dataset: Node, items: list[Node], distributions: list[tuple[str, str]]
) -> dict[str, Any]:
    """The whole JSON-LD document: the Dataset node (with its downloads) and the items."""
    dataset_node = {
        "@type": "Dataset",
        **dataset,
        "license": LICENSE_URL,
        "isAccessibleForFree": True,
        "inLanguage": list(LANGUAGE_CODES),
        "dateModified": timezone.now().isoformat(timespec="seconds"),
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media_type, "contentUrl": url}
            for media_type, url in distributions
        ],
    }
    return {"@context": CONTEXT, "@graph": [dataset_node, *items]}


def script_tag(node: Node) -> SafeString:
    """`<script type="application/ld+json">` for a page's head, with the context added and the JSON made
    safe inside HTML (as Django's json_script does)."""
    text = json.dumps({"@context": CONTEXT, **node}, ensure_ascii=False)
    for character, escaped in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
        text = text.replace(character, escaped)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
