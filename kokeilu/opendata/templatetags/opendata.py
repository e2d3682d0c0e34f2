"""`{% report_jsonld report %}` and `{% learning_jsonld learning %}`: schema.org JSON-LD for the head of
the public report page and the learning page (the same nodes the open data JSON-LD carries)."""

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString

from kokeilu.reports.models import FinalReport, Learning

from .. import jsonld
from ..licence import LICENSE_URL

register = template.Library()


@register.simple_tag(takes_context=True)
def report_jsonld(context: template.Context, report: FinalReport) -> SafeString:
    """An approved report with its public learnings (`public_learnings`, as the public selectors load it)."""
    request: HttpRequest = context["request"]
    return jsonld.script_tag(jsonld.report_node(request, report, getattr(report, "public_learnings", [])))


@register.simple_tag(takes_context=True)
def learning_jsonld(context: template.Context, learning: Learning) -> SafeString:
    """A published learning, part of its report, about its experiment."""
    request: HttpRequest = context["request"]
    report = learning.report
    report_node = jsonld.report_node(request, report, [])
    node = {
        **jsonld.learning_node(request, learning),
        "isPartOf": {"@type": "Report", "@id": report_node["@id"], "name": report_node["name"]},
        "about": report_node["about"],
        "publisher": jsonld.organisation_node(report.experiment.city),
        "datePublished": report.approved_at.isoformat() if report.approved_at else None,
        "license": LICENSE_URL,
    }
    return jsonld.script_tag({key: value for key, value in node.items() if value is not None})
