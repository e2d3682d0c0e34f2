"""Small checks shared by the planning services."""

from typing import Any

from django.utils.translation import gettext as _

from kokeilu.core.exceptions import ApplicationError

Direction = str  # "up" or "down"


def require_one_language(fields: dict[str, Any], base: str, message: str) -> None:
    """Raise unless `<base>_fi`, `_sv` or `_en` has text (the error goes under `<base>_fi`)."""
    if not any(str(fields.get(f"{base}_{code}", "") or "").strip() for code in ("fi", "sv", "en")):
        raise ApplicationError(message, field=f"{base}_fi")


def strip_texts(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}


def check_direction(direction: str) -> int:
    if direction not in ("up", "down"):
        raise ApplicationError(_("Move up or down."), field="direction")
    return -1 if direction == "up" else 1


def only_known(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ApplicationError(_("These fields cannot be changed: %(names)s") % {"names": ", ".join(unknown)})
