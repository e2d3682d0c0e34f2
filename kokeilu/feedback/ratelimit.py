"""A fixed-window counter in Django's cache: how often one client may give feedback without signing in.

The client is the connection's address (REMOTE_ADDR; a proxy in front sets it from X-Forwarded-For with
its own middleware). Only a keyed hash of the address is used in the cache key, and nothing is stored in
the database. With a shared cache (DJANGO_CACHE_URL) every worker counts together.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

# (requests, seconds) per client; settings can override.
WEB_FORM_LIMIT = (5, 10 * 60)
OPEN311_LIMIT = (30, 10 * 60)


def client_identity(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def limit_for(scope: str) -> tuple[int, int]:
    defaults = {"web": WEB_FORM_LIMIT, "open311": OPEN311_LIMIT}
    configured = getattr(settings, "KOKEILU_FEEDBACK_RATE_LIMITS", {})
    return tuple(configured.get(scope, defaults[scope]))  # type: ignore[return-value]


def rate_limit_exceeded(*, scope: str, identity: str, now: float | None = None) -> bool:
    """Count this attempt; True when the client has already used up the window's allowance."""
    allowed, window = limit_for(scope)
    moment = time.time() if now is None else now
    key = f"kokeilu:feedback-rate:{scope}:{identity}:{int(moment // window)}"
    if cache.add(key, 1, timeout=window + 5):
        return allowed < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 5)
        count = 1
    return count > allowed
