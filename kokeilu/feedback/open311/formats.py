"""The two output formats of GeoReport v2: XML (required) and JSON (the Spark convention: the XML root
element disappears, repeated elements become arrays, empty elements become null)."""

import json
import re
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse

FORMATS = ("xml", "json")
CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
# Container element → the element each item of its list is written as.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    # Characters XML 1.0 cannot carry (a client may have sent them) are left out, not the document broken.
    return _NOT_IN_XML.sub("", str(value))


def _write(parts: list[str], name: str, value: Any) -> None:
    if isinstance(value, Mapping):
        parts.append(f"<{name}>")
        for key, item in value.items():
            _write(parts, key, item)
        parts.append(f"</{name}>")
    elif isinstance(value, list):
        item_name = ITEM_NAMES[name]
        parts.append(f"<{name}>")
        for item in value:
            _write(parts, item_name, item)
        parts.append(f"</{name}>")
    else:
        text = _text(value)
        parts.append(f"<{name}/>" if text is None else f"<{name}>{escape(text)}</{name}>")


def to_xml(root: str, value: Any) -> str:
    """`to_xml("services", [{...}, ...])` → <services><service>…</service></services>. Element names are
    the specification's own (never user input); text is escaped."""
    parts = [XML_DECLARATION]
    _write(parts, root, value if isinstance(value, Mapping) else list(value))
    parts.append("\n")
    return "".join(parts)


def render(fmt: str, root: str, value: Any) -> str:
    """The document in the format: JSON, or XML with `root` as its root element."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":")) if fmt == "json" else to_xml(root, value)
    )


def respond(fmt: str, root: str, value: Any, *, status: int = 200) -> HttpResponse:
    return HttpResponse(render(fmt, root, value), status=status, content_type=CONTENT_TYPES[fmt])


def errors(
    fmt: str, status: int, items: list[tuple[int, str]], *, headers: dict[str, str] | None = None
) -> HttpResponse:
    """The error response of the specification: a list of {code, description}."""
    response = respond(
        fmt if fmt in FORMATS else "xml",
        "errors",
        [{"code": code, "description": description} for code, description in items],
        status=status,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response
