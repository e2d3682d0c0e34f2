from typing import Any

from django.http import HttpRequest

from kokeilu.accounts.selectors import user_is_manager_anywhere


def site(request: HttpRequest) -> dict[str, Any]:
    """What the base template needs on every page; evaluated lazily so pages that never ask pay nothing."""
    user = getattr(request, "user", None)
    return {"is_manager": (lambda: user is not None and user_is_manager_anywhere(user))}
