"""Reading a PTV file: what an import reports, and a reader that names the place of anything wrong."""

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext as _

from kokeilu.core.exceptions import ApplicationError

from ..models import MIDNIGHT
from .common import LANGUAGES, Row, own_identifier


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        kinds = [
            ("producer", _("producers")),
            ("service", _("services")),
            ("location", _("locations")),
            ("channel", _("contact channels")),
        ]
        parts = [
            _("%(kind)s: %(created)s new, %(updated)s updated")
            % {"kind": label, "created": self.created.get(kind, 0), "updated": self.updated.get(kind, 0)}
            for kind, label in kinds
        ]
        return "; ".join(parts)


class Reader:
    """Reads one entity of the file, naming the place of anything wrong in the error."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise ApplicationError(_("%(path)s should be an object.") % {"path": path}, field="file")
        self.data, self.path = data, path

    def error(self, key: str, message: str) -> ApplicationError:
        return ApplicationError(f"{self.path}.{key}: {message}", field="file")

    def list(self, key: str) -> list[Any]:
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise self.error(key, _("should be a list."))
        return value

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str | int | float):
            raise self.error(key, _("should be text."))
        return str(value).strip()

    def localized(self, key: str, item_type: str | None = None) -> dict[str, str]:
        values: dict[str, str] = {}
        for number, item in enumerate(self.list(key)):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{number}]", _("should be an object."))
            if item_type is not None and item.get("type") not in (item_type, None):
                continue
            language, value = item.get("language"), item.get("value")
            if language in LANGUAGES and isinstance(value, str) and value.strip() and language not in values:
                values[language] = value.strip()
        return values

    def uuid(self, key: str = "id") -> uuid.UUID | None:
        value = self.data.get(key)
        if value in (None, ""):
            return None
        try:
            return uuid.UUID(str(value))
        except ValueError as error:
            raise self.error(key, _("is not a valid identifier.")) from error


def three(values: dict[str, str], base: str, max_length: int | None = None) -> dict[str, Any]:
    return {
        f"{base}_{code}": values.get(code, "")[:max_length] if max_length else values.get(code, "")
        for code in LANGUAGES
    }


def find_row(
    model: type[Row], kind: str, identifier: uuid.UUID | None, source_id: str, **scope: Any
) -> Row | None:
    """The row this entity stands for: by its PTV identifier, or one of ours exported from here before."""
    if identifier is None:
        return None
    row = model.objects.filter(ptv_id=identifier, **scope).first()  # type: ignore[attr-defined]
    if row is not None:
        return row
    match = re.fullmatch(rf"kokeilu:{kind}:(\d+)", source_id)
    if match and own_identifier(kind, int(match.group(1))) == identifier:
        return model.objects.filter(pk=int(match.group(1)), **scope).first()  # type: ignore[attr-defined]
    return None


def parse_time(text: str, reader: Reader, key: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", text or "")
    if not match or int(match.group(1)) > 24 or int(match.group(2)) > 59:
        raise reader.error(key, _("“%(value)s” is not a time of day.") % {"value": text})
    hour, minute = int(match.group(1)), int(match.group(2))
    return MIDNIGHT if hour == 24 else time(hour, minute)


def parse_day(text: str, reader: Reader, key: str) -> date:
    try:
        return (
            datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            if "T" in text
            else date.fromisoformat(text)
        )
    except ValueError as error:
        raise reader.error(key, _("“%(value)s” is not a date.") % {"value": text}) from error
