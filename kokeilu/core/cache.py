"""Caching of rendered pages and page fragments.

Keys are built from everything the rendering depends on — the object's version stamps (for calls,
`updated_at` and `activity_version`, which the services bump on every change shown on the call's pages),
the language and the request's parameters — so an entry is never served after what it shows has changed.
A bounded lifetime is the safety net for changes made outside the services (the Django admin).
"""

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language


def cache_key(namespace: str, parts: Iterable[object]) -> str:
    digest = hashlib.blake2b(repr((get_language(), *parts)).encode(), digest_size=16).hexdigest()
    return f"kokeilu:{namespace}:{digest}"


def cached_text(namespace: str, parts: Iterable[object], render: Callable[[], str]) -> str:
    """The cached text for the key, rendering and storing it on a miss."""
    key = cache_key(namespace, parts)
    text = cache.get(key)
    if text is None:
        text = render()
        cache.set(key, text, settings.KOKEILU_PAGE_CACHE_SECONDS)
    return text
