from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The current page in every configured language, as plain links.

    Links (not a POST form) keep pages free of per-visitor CSRF tokens, so public pages can be cached,
    and let a shared link open in the language it was shared in.
    """
    request = context["request"]
    full_path = request.get_full_path()
    current_prefix = f"/{get_language()}/"
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        # Every page lives under a language prefix and no pattern is itself translated, so swapping the
        # prefix is enough (and cheaper than resolving the URL again for each language).
        if full_path.startswith(current_prefix):
            url = f"/{code}/{full_path[len(current_prefix) :]}"
        else:
            url = translate_url(full_path, code)
        links.append({"code": code, "name": info["name_local"], "url": url})
    return links
