from typing import Any

from django.http import HttpRequest

from .selectors import analytics_access


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Whether the base template shows the analytics link; evaluated only when the template asks."""
    user = getattr(request, "user", None)
    return {
        "is_analyst": (lambda: user is not None and user.is_authenticated and analytics_access(user).can_view)
    }
