"""The licence of everything the open data channels publish, stated in one place.

Where each channel states it:

- every response (JSON, JSON-LD, CSV, XLSX, Atom): an HTTP header `Link: <url>; rel="license"`;
- JSON: a `license` object ({"name", "url"}) next to `count` and `results` in every page;
- JSON-LD: a `license` property on the dataset node and on every top-level node of `@graph`;
- CSV and XLSX: `license` and `license_url` columns on every row (so a row copied out keeps it; a
  comment line or footer row would break ordinary CSV parsers), and in XLSX also a second sheet that
  states the licence and the source in words;
- Atom: `<rights>` on the feed and on every entry, and `<link rel="license">` (RFC 4946).
"""

from typing import TypeVar

from django.http import HttpResponseBase

ResponseType = TypeVar("ResponseType", bound=HttpResponseBase)

LICENSE_NAME = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


def licence_data() -> dict[str, str]:
    return {"name": LICENSE_NAME, "url": LICENSE_URL}


def licence_rights() -> str:
    """The licence as one line of text (Atom `<rights>`)."""
    return f"{LICENSE_NAME} {LICENSE_URL}"


def add_licence_header(response: ResponseType) -> ResponseType:
    response["Link"] = f'<{LICENSE_URL}>; rel="license"'
    return response
