"""The national life-event classification of the national service catalogue (PTV).

PTV classifies services by life event with the code list "Elämäntilanteet" of its own classification
(ptvl, published in Finto and on uri.suomi.fi). Its items are KE1 … KE14, some with one level of sub-items
(KE1.1, KE4.1 … KE4.4), and each is named by a URI of the form
`http://urn.fi/URN:NBN:fi:au:ptvl:KE4.1` (PTV's own API validates life events with
`^http://urn.fi/URN:NBN:fi:au:ptvl:KE[0-9]{1,2}(\\.[0-9]{1})?$`).

Kokeilu's life situations keep their own codes (they are in addresses and filters); each may record the
URI of the national item it corresponds to in `LifeSituation.uri`. These helpers read and write that URI;
nothing is fetched from the network.
"""

import re

LIFE_EVENT_URI_PREFIX = "http://urn.fi/URN:NBN:fi:au:ptvl:"
_CODE = re.compile(r"^KE[0-9]{1,2}(\.[0-9])?$")
# Files seen in the wild write the URI over https, or give the bare code; both mean the same item.
_URI = re.compile(r"^https?://urn\.fi/URN:NBN:fi:au:ptvl:(KE[0-9]{1,2}(?:\.[0-9])?)$", re.IGNORECASE)


def life_event_uri(code: str) -> str:
    """`KE4.1` → its URI. Raises ValueError for anything that is not a life-event code."""
    if not _CODE.match(code):
        raise ValueError(f"Not a national life-event code: {code!r}")
    return LIFE_EVENT_URI_PREFIX + code


def life_event_code(text: str) -> str:
    """The national code (`KE4.1`) in a URI or a bare code, or "" when the text is neither."""
    text = (text or "").strip()
    match = _URI.match(text)
    if match:
        return match.group(1).upper()
    if _CODE.match(text.upper()):
        return text.upper()
    return ""


def normalise_life_event_uri(text: str) -> str:
    """The canonical URI for a URI (http or https) or a bare code; "" when it names no life event."""
    code = life_event_code(text)
    return LIFE_EVENT_URI_PREFIX + code if code else ""


def broader_life_event_uri(uri: str) -> str:
    """The URI of the item a sub-item belongs to (KE4.1 → KE4); "" for a top-level item."""
    code = life_event_code(uri)
    if "." not in code:
        return ""
    return LIFE_EVENT_URI_PREFIX + code.split(".")[0]
