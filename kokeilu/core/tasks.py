"""The one seam for background work.

Callers enqueue a task by its dotted path with JSON-able keyword arguments (ids, never model instances).
Tasks must be idempotent: a backend may run them more than once. The call is deferred until the current
transaction commits, so a task never sees rows that were rolled back.
"""

import importlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

_backends: dict[str, Callable[[str, dict[str, Any]], None]] = {}


def register_backend(name: str, runner: Callable[[str, dict[str, Any]], None]) -> None:
    _backends[name] = runner


def run_task(path: str, kwargs: dict[str, Any]) -> None:
    module_name, function_name = path.rsplit(".", 1)
    function = getattr(importlib.import_module(module_name), function_name)
    function(**kwargs)


def _immediate(path: str, kwargs: dict[str, Any]) -> None:
    try:
        run_task(path, kwargs)
    except Exception:
        # A failed notification must not turn a committed user action into an error page.
        logger.exception("Task %s failed", path)


register_backend("immediate", _immediate)


def enqueue(path: str, **kwargs: Any) -> None:
    """Run the task at `path` after the surrounding transaction commits, on the configured backend."""
    backend = _backends[settings.KOKEILU_TASK_BACKEND]
    transaction.on_commit(lambda: backend(path, kwargs))
