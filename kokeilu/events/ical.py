"""A small iCalendar (RFC 5545) writer for events: VCALENDAR with one VEVENT per event.

Times are written in UTC (`20260310T080000Z`), so no VTIMEZONE is needed. Text values escape backslash,
semicolon, comma and newlines (RFC 5545 3.3.11); content lines are folded at 75 octets without splitting
a UTF-8 character (3.1); every line ends with CRLF.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

PRODUCT_ID = "-//Kokeilu//Events//EN"
MAX_LINE_OCTETS = 75


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    sequence: int = 0
    last_modified: datetime.datetime | None = None


def escape_text(value: str) -> str:
    """A TEXT value: backslash first, then ; and , and newlines (CRLF, CR and LF all become \\n)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def utc_stamp(moment: datetime.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be aware datetimes")
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets; continuation lines start with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_LINE_OCTETS:
        return line
    pieces: list[str] = []
    current = ""
    current_octets = 0
    limit = MAX_LINE_OCTETS
    for character in line:
        size = len(character.encode("utf-8"))
        if current_octets + size > limit:
            pieces.append(current)
            current, current_octets = "", 0
            limit = MAX_LINE_OCTETS - 1  # the leading space of a continuation line counts
        current += character
        current_octets += size
    pieces.append(current)
    return "\r\n ".join(pieces)


def _property(name: str, value: str) -> str:
    return fold(f"{name}:{value}") + "\r\n"


def calendar(events: Iterable[CalendarEvent], *, name: str = "", now: datetime.datetime) -> str:
    """The whole calendar as text with CRLF line ends."""
    stamp = utc_stamp(now)
    parts = [
        _property("BEGIN", "VCALENDAR"),
        _property("VERSION", "2.0"),
        _property("PRODID", PRODUCT_ID),
        _property("CALSCALE", "GREGORIAN"),
        _property("METHOD", "PUBLISH"),
    ]
    if name:
        parts.append(_property("X-WR-CALNAME", escape_text(name)))
    for event in events:
        parts += [
            _property("BEGIN", "VEVENT"),
            _property("UID", event.uid),
            _property("DTSTAMP", stamp),
            _property("DTSTART", utc_stamp(event.starts_at)),
            _property("DTEND", utc_stamp(event.ends_at)),
            _property("SUMMARY", escape_text(event.summary)),
            _property("SEQUENCE", str(event.sequence)),
            _property("STATUS", "CANCELLED" if event.cancelled else "CONFIRMED"),
        ]
        if event.last_modified is not None:
            parts.append(_property("LAST-MODIFIED", utc_stamp(event.last_modified)))
        if event.description:
            parts.append(_property("DESCRIPTION", escape_text(event.description)))
        if event.location:
            parts.append(_property("LOCATION", escape_text(event.location)))
        if event.url:
            parts.append(_property("URL", event.url))
        parts.append(_property("END", "VEVENT"))
    parts.append(_property("END", "VCALENDAR"))
    return "".join(parts)
