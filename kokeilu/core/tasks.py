"""The one seam for background work.

Callers enqueue a task by its dotted path with JSON-able keyword arguments (ids, never model instances).
Tasks must be idempotent: a backend may run them more than once. The call is deferred until the current
transaction commits, so a task never sees rows that were rolled back.

Tasks go to a named queue: "default" for short work such as notifications, "long" for work that takes
minutes (analytics runs). settings.KOKEILU_TASK_BACKENDS maps each queue to a backend; "immediate" runs
the task in the same process right after commit, "thread" runs it in a background thread of this process
(single-node installations and the demo). A broker-backed backend registers itself with register_backend
and is chosen in settings, without touching any caller.
"""

import importlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections, transaction

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


def _in_thread(path: str, kwargs: dict[str, Any]) -> None:
    def target() -> None:
        close_old_connections()
        try:
            run_task(path, kwargs)
        except Exception:
            logger.exception("Task %s failed", path)
        finally:
            # The thread's own connections would otherwise outlive it (CONN_MAX_AGE keeps them open).
            connections.close_all()

    threading.Thread(target=target, name=f"task:{path}", daemon=True).start()


register_backend("immediate", _immediate)
register_backend("thread", _in_thread)


def backend_for(queue: str) -> Callable[[str, dict[str, Any]], None]:
    backends: dict[str, str] = settings.KOKEILU_TASK_BACKENDS
    return _backends[backends.get(queue, backends["default"])]


def enqueue(path: str, *, queue: str = "default", **kwargs: Any) -> None:
    """Run the task at `path` after the surrounding transaction commits, on the queue's backend."""
    backend = backend_for(queue)
    transaction.on_commit(lambda: backend(path, kwargs))
