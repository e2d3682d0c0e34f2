"""What export and import share: the language codes, the PTV names of our kinds, and the identifiers
rows are exported under."""

import hashlib
import hmac
import uuid
from functools import lru_cache
from typing import Any, TypeVar

from django.conf import settings
from django.db import models

from kokeilu.accounts.models import OrganisationKind

from ..models import ChannelKind, PhoneCharge

LANGUAGES = ("fi", "sv", "en")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHANNEL_TYPES = {
    ChannelKind.E_SERVICE: "EChannel",
    ChannelKind.WEB_PAGE: "WebPage",
    ChannelKind.PHONE: "Phone",
}
PHONE_CHARGES = {
    PhoneCharge.FREE: "FreeOfCharge",
    PhoneCharge.CHARGEABLE: "Chargeable",
    PhoneCharge.OTHER: "Other",
}
# PTV organisation types. Organisation kinds have no place for state or regional bodies; they join a
# city's catalogue as public-sector units.
PUBLIC_ORGANIZATION_TYPES = {"Municipality", "State", "RegionalOrganization", "Region", "SotePublic"}
PRIVATE_ORGANIZATION_TYPES = {"Company", "SotePrivate"}
ORGANIZATION_TYPES = {
    OrganisationKind.CITY: "Municipality",
    OrganisationKind.CITY_UNIT: "Municipality",
    OrganisationKind.SCHOOL: "Municipality",
    OrganisationKind.RESEARCH: "State",
    OrganisationKind.COMPANY: "Company",
    OrganisationKind.ASSOCIATION: "Organization",
}
_NAMESPACE = uuid.UUID("5b0a6c1e-7f0e-4b1d-9a53-2c4c2f6e8d10")

Row = TypeVar("Row", bound=models.Model)


# --- Identifiers ----------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _installation_namespace(secret: str) -> uuid.UUID:
    digest = hmac.new(secret.encode(), b"kokeilu-ptv-identifiers", hashlib.sha256).hexdigest()
    return uuid.uuid5(_NAMESPACE, digest)


def own_identifier(kind: str, pk: int) -> uuid.UUID:
    """The identifier a row without a PTV identifier is exported under (stable, installation-specific)."""
    return uuid.uuid5(_installation_namespace(settings.SECRET_KEY), f"{kind}:{pk}")


def identifier(kind: str, row: Any) -> str:
    return str(row.ptv_id or own_identifier(kind, row.pk))


def source_id(kind: str, pk: int) -> str:
    return f"kokeilu:{kind}:{pk}"
