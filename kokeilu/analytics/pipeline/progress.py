"""How stages report progress: a callable taking the stage name, work done and (when known) the total.

The command line turns it into one tqdm bar per stage; the Django task turns it into the run's stage and
percentage. The pipeline never depends on either.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, stage: str, done: float, total: float | None = None) -> None: ...


def no_progress(stage: str, done: float, total: float | None = None) -> None:
    """Progress that goes nowhere."""
