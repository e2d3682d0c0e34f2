from typing import Any

from django import template

from kokeilu.catalogue.models import Service
from kokeilu.feedback.selectors import you_said_we_did as answered_feedback

register = template.Library()


@register.inclusion_tag("feedback/_you_said_we_did.html")
def you_said_we_did(service: Service, limit: int = 5) -> dict[str, Any]:
    """The service's answered feedback, for the service page: what people said and what was done."""
    return {"service": service, "items": answered_feedback(service=service, limit=limit)}
