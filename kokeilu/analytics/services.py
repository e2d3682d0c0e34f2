"""Writes: datasets into the store, analysis runs through their states, the access log."""

import json
import logging
import math
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kokeilu.accounts.models import Organisation, OrganisationKind, User
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError
from kokeilu.core.tasks import enqueue

from .conf import minimum_threshold, store_root
from .models import ALLOWED_TRANSITIONS, AccessLog, AnalysisRun, Dataset, DatasetSource, RunStage, RunStatus
from .pipeline.errors import PipelineError
from .pipeline.runner import AnalysisParameters, overall_percent, run_analysis
from .selectors import analytics_access

if TYPE_CHECKING:
    from .pipeline import ingest

logger = logging.getLogger(__name__)

RUN_TASK = "kokeilu.analytics.tasks.analysis_run_execute"
UNEXPECTED_FAILURE = "An unexpected error stopped the run; the server log has the details."
PROGRESS_INTERVAL_SECONDS = 0.5
MAX_SYNTHETIC_PEOPLE = 50_000


def access_log_record(
    *,
    user: User,
    action: str,
    path: str,
    allowed: bool,
    run: AnalysisRun | None = None,
    dataset: Dataset | None = None,
) -> AccessLog:
    return AccessLog.objects.create(
        user=user,
        username=user.get_username(),
        action=action[:60],
        path=path[:500],
        allowed=allowed,
        run=run,
        dataset=dataset if dataset is not None else (run.dataset if run is not None else None),
    )


def _new_store_name(city: Organisation) -> str:
    return f"{slugify(city.slug)[:60]}-{uuid.uuid4().hex[:16]}"


def _register(
    *,
    city: Organisation,
    name: str,
    store_name: str,
    report: "ingest.IngestReport",
    source: str,
    created_by: User | None,
) -> Dataset:
    dataset = Dataset(
        city=city,
        name=name,
        store_name=store_name,
        source=source,
        people=report.people,
        events=report.events,
        rejected_rows=report.rejected_count,
        birth_date_precision=report.birth_date_precision,
        ingest_report=report.as_dict(),
        created_by=created_by,
    )
    dataset.full_clean()
    dataset.save()
    return dataset


def dataset_create_synthetic(
    *, city: Organisation, created_by: User | None, people: int, seed: int, name: str = ""
) -> Dataset:
    """Generate a synthetic population, pseudonymise and encrypt it with one-off keys, and ingest it.

    The raw extract and both keys exist only in a temporary directory and memory during the call, as they
    would at a data owner's; the store receives what a real transfer would bring.
    """
    from .pipeline import generate, ingest, keys, pseudonymise  # heavy: loaded only when used

    if city.kind != OrganisationKind.CITY:
        raise ApplicationError(_("Datasets belong to a city."))
    if not 1 <= people <= MAX_SYNTHETIC_PEOPLE:
        raise ApplicationError(_("A synthetic population here has 1 to 50,000 people."), field="people")
    root = store_root()
    root.mkdir(parents=True, exist_ok=True)
    store_name = _new_store_name(city)
    work = Path(tempfile.mkdtemp(prefix=".synthetic-", dir=root))
    try:
        config = generate.GenerationConfig(people=people, seed=seed, chunk_size=min(people, 20_000))
        generate.write_population(config, work / "raw")
        transfer_key = keys.new_key()
        pseudonymise.pseudonymise_extract(
            people_path=work / "raw" / "people.parquet",
            events_path=work / "raw" / "events.parquet",
            out_dir=work / "transfer",
            key=keys.new_key(),
            transfer_key=transfer_key,
            options=pseudonymise.PseudonymiseOptions(birth_date_precision="month", encrypt=True),
        )
        report = ingest.ingest_extract(
            extract_dir=work / "transfer", store_dir=root / store_name, transfer_key=transfer_key
        )
    except PipelineError as error:
        raise ApplicationError(str(error)) from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _register(
        city=city,
        name=name
        or _("Synthetic population of %(people)s people (seed %(seed)s)") % {"people": people, "seed": seed},
        store_name=store_name,
        report=report,
        source=DatasetSource.SYNTHETIC,
        created_by=created_by,
    )


def dataset_ingest_extract(
    *,
    city: Organisation,
    created_by: User | None,
    name: str,
    extract_dir: Path,
    transfer_key: bytes | None,
    strict: bool = False,
) -> Dataset:
    """Ingest a pseudonymised extract (the directory `pseudonymise` wrote) as a new dataset of the city."""
    from .pipeline import ingest  # heavy: loaded only when used

    root = store_root()
    store_name = _new_store_name(city)
    try:
        report = ingest.ingest_extract(
            extract_dir=extract_dir,
            store_dir=root / store_name,
            transfer_key=transfer_key,
            options=ingest.IngestOptions(strict=strict),
        )
    except PipelineError as error:
        raise ApplicationError(str(error)) from error
    return _register(
        city=city,
        name=name,
        store_name=store_name,
        report=report,
        source=DatasetSource.EXTRACT,
        created_by=created_by,
    )


def _check_parameters(parameters: AnalysisParameters) -> None:
    if parameters.threshold < minimum_threshold():
        raise ApplicationError(
            _("The suppression threshold must be at least %(k)s.") % {"k": minimum_threshold()},
            field="threshold",
        )


@transaction.atomic
def analysis_run_start(*, user: User, dataset: Dataset, parameters: AnalysisParameters) -> AnalysisRun:
    """Queue a run of the dataset; it starts in the background once this transaction commits."""
    if not analytics_access(user).can_run_in_city(dataset.city_id):
        raise PermissionDeniedError()
    _check_parameters(parameters)
    run = AnalysisRun(dataset=dataset, started_by=user, parameters=parameters.as_json())
    run.full_clean()
    run.save()
    enqueue(RUN_TASK, queue="long", run_id=run.pk)
    return run


@transaction.atomic
def analysis_run_retry(*, user: User, run: AnalysisRun) -> AnalysisRun:
    """Queue a failed run again, with the same parameters."""
    if not analytics_access(user).can_run_in_city(run.dataset.city_id):
        raise PermissionDeniedError()
    if not _transition(
        run.pk, RunStatus.FAILED, RunStatus.QUEUED, stage=RunStage.WAITING, progress=0, error_message=""
    ):
        raise ApplicationError(_("Only a failed run can be retried."))
    enqueue(RUN_TASK, queue="long", run_id=run.pk)
    run.refresh_from_db()
    return run


def analysis_run_repeat(*, user: User, run: AnalysisRun) -> AnalysisRun:
    """A new run of the same dataset with the same parameters."""
    return analysis_run_start(
        user=user, dataset=run.dataset, parameters=AnalysisParameters.from_json(run.parameters)
    )


def _transition(run_id: int, source: str, target: str, **fields: Any) -> bool:
    """Move the run from `source` to `target` if it is still in `source`; False if it was not."""
    if target not in ALLOWED_TRANSITIONS[source]:
        raise ValueError(f"a run cannot go from {source} to {target}")
    updated = AnalysisRun.objects.filter(pk=run_id, status=source).update(
        status=target, updated_at=timezone.now(), **fields
    )
    return updated == 1


class _ProgressRecorder:
    """Writes the run's stage and percentage as the pipeline reports them, at most twice a second."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.stage = ""
        self.percent = -1
        self.written_at = 0.0

    def __call__(self, stage: str, done: float, total: float | None = None) -> None:
        fraction = done / total if total else 0.0
        percent = max(self.percent, min(99, overall_percent(stage, fraction)))
        now = time.monotonic()
        if stage == self.stage and (
            percent == self.percent or now - self.written_at < PROGRESS_INTERVAL_SECONDS
        ):
            return
        stage_value = stage if stage in RunStage.values else RunStage.SEQUENCES
        AnalysisRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
            stage=stage_value, progress=percent, updated_at=timezone.now()
        )
        self.stage, self.percent, self.written_at = stage, percent, now


def _json_safe(value: Any) -> Any:
    """Plain JSON: non-finite numbers become null (PostgreSQL's jsonb refuses NaN)."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and callable(value.item):
        return _json_safe(value.item())
    return value


def analysis_run_execute(*, run_id: int) -> None:
    """The background task: run the pipeline and store the suppressed report. Idempotent: only a queued
    run is started, so a second delivery of the task does nothing."""
    if not _transition(
        run_id,
        RunStatus.QUEUED,
        RunStatus.RUNNING,
        stage=RunStage.SEQUENCES,
        progress=0,
        started_at=timezone.now(),
        finished_at=None,
        attempts=F("attempts") + 1,
    ):
        return
    run = AnalysisRun.objects.select_related("dataset").get(pk=run_id)
    try:
        parameters = AnalysisParameters.from_json(run.parameters)
        report = run_analysis(
            store_root() / run.dataset.store_name, parameters, progress=_ProgressRecorder(run_id)
        )
        results = json.loads(json.dumps(_json_safe(report), allow_nan=False))
    except PipelineError as error:
        _fail(run_id, str(error))
        return
    except Exception:
        logger.exception("Analysis run %s failed", run_id)
        _fail(run_id, UNEXPECTED_FAILURE)
        return
    _transition(
        run_id,
        RunStatus.RUNNING,
        RunStatus.SUCCEEDED,
        stage=RunStage.DONE,
        progress=100,
        results=results,
        finished_at=timezone.now(),
        error_message="",
    )


def _fail(run_id: int, message: str) -> None:
    _transition(
        run_id, RunStatus.RUNNING, RunStatus.FAILED, finished_at=timezone.now(), error_message=message[:2000]
    )
