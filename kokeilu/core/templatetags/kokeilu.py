from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The current page in every configured language, as plain links.

    Links (not a POST form) keep pages free of per-visitor CSRF tokens, so public pages can be cached,
    and let a shared link open in the language it was shared in.
    """
    request = context["request"]
    full_path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": translate_url(full_path, code)})
    return links
