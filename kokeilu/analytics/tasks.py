"""Background tasks of analytics, enqueued by id through kokeilu.core.tasks.enqueue on the "long" queue."""

from . import services


def analysis_run_execute(*, run_id: int) -> None:
    services.analysis_run_execute(run_id=run_id)
