"""Where the analytics store lives: settings.KOKEILU_ANALYTICS_STORE_DIR, else the environment variable of
the same name, else var/analytics under the project."""

import os
from pathlib import Path

from django.conf import settings


def store_root() -> Path:
    configured = getattr(settings, "KOKEILU_ANALYTICS_STORE_DIR", None) or os.environ.get(
        "KOKEILU_ANALYTICS_STORE_DIR"
    )
    return Path(configured) if configured else Path(settings.BASE_DIR) / "var" / "analytics"


def minimum_threshold() -> int:
    """The smallest suppression threshold analysts may choose in the pages (the pipeline allows 2)."""
    return int(getattr(settings, "KOKEILU_ANALYTICS_MIN_THRESHOLD", 5))
