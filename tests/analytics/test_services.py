"""Datasets and runs through their states: queued, running, succeeded or failed, and retried."""

import pytest

from kokeilu.analytics import services
from kokeilu.analytics.models import AnalysisRun, Dataset, DatasetSource, RunStage, RunStatus
from kokeilu.analytics.pipeline.errors import PipelineError
from kokeilu.core.exceptions import ApplicationError, PermissionDeniedError

from .conftest import SMALL_POPULATION, fast_parameters

pytestmark = pytest.mark.django_db


def test_a_synthetic_dataset_is_pseudonymised_and_ingested_into_the_store(dataset, analytics_store, city):
    assert dataset.city == city
    assert dataset.source == DatasetSource.SYNTHETIC
    assert dataset.people == SMALL_POPULATION
    assert 60 * SMALL_POPULATION <= dataset.events <= 80 * SMALL_POPULATION
    assert dataset.birth_date_precision == "month"
    store = analytics_store / dataset.store_name
    assert sorted(p.name for p in store.iterdir()) == [
        "events.parquet",
        "ingest_report.json",
        "people.parquet",
        "rejected_lines.csv",
    ]
    # Nothing but the store is left in the store root: the raw extract and the transfer files are gone.
    assert [p.name for p in analytics_store.iterdir()] == [dataset.store_name]


def test_a_dataset_belongs_to_a_city(city_unit, analyst):
    with pytest.raises(ApplicationError):
        services.dataset_create_synthetic(city=city_unit, created_by=analyst, people=100, seed=1)
    assert Dataset.objects.count() == 0


def _start(user, dataset, **parameters):
    return services.analysis_run_start(user=user, dataset=dataset, parameters=fast_parameters(**parameters))


def test_a_run_goes_to_the_long_queue_and_stores_only_its_report(
    dataset, analyst, django_capture_on_commit_callbacks, settings
):
    calls = []
    from kokeilu.core import tasks

    tasks.register_backend("recording", lambda path, kwargs: calls.append((path, kwargs)))
    settings.KOKEILU_TASK_BACKENDS = {"default": "immediate", "long": "recording"}
    with django_capture_on_commit_callbacks(execute=True):
        run = _start(analyst, dataset)
    assert calls == [("kokeilu.analytics.tasks.analysis_run_execute", {"run_id": run.pk})]
    assert run.status == RunStatus.QUEUED and run.results is None
    services.analysis_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.stage, run.progress, run.attempts) == (RunStatus.SUCCEEDED, RunStage.DONE, 100, 1)
    assert run.results["grouping"]["k"] == 4
    assert run.results["threshold"] == 5
    assert run.started_at is not None and run.finished_at >= run.started_at
    # Delivering the task again changes nothing: only a queued run starts.
    services.analysis_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.attempts == 1 and run.status == RunStatus.SUCCEEDED


def test_progress_is_recorded_while_the_run_works(
    dataset, analyst, django_capture_on_commit_callbacks, monkeypatch
):
    seen = []
    real = services.run_analysis

    def watching(store, parameters, progress):
        def spy(stage, done, total=None):
            progress(stage, done, total)
            run = AnalysisRun.objects.get()
            seen.append((run.status, run.stage, run.progress))

        return real(store, parameters, progress=spy)

    monkeypatch.setattr(services, "run_analysis", watching)
    with django_capture_on_commit_callbacks(execute=True):
        _start(analyst, dataset)
    stages = [stage for _, stage, _ in seen]
    assert {"sequences", "features", "groups", "early", "report"} <= set(stages)
    assert all(status == RunStatus.RUNNING for status, _, _ in seen)
    percents = [percent for _, _, percent in seen]
    assert percents == sorted(percents) and percents[-1] < 100 and percents[0] < 20


def test_a_failed_run_keeps_earlier_results_and_can_be_retried(
    dataset, analyst, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _start(analyst, dataset)
    first.refresh_from_db()
    earlier_results = first.results
    assert first.status == RunStatus.SUCCEEDED

    def broken(store, parameters, progress):
        raise PipelineError("the store has no such file", code="missing_file", file=store / "events.parquet")

    monkeypatch.setattr(services, "run_analysis", broken)
    with django_capture_on_commit_callbacks(execute=True):
        second = _start(analyst, dataset, method="features")
    second.refresh_from_db()
    assert second.status == RunStatus.FAILED
    assert second.results is None
    assert "events.parquet: the store has no such file" in second.error_message
    first.refresh_from_db()
    assert first.results == earlier_results

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.analysis_run_retry(user=analyst, run=second)
    second.refresh_from_db()
    assert (second.status, second.error_message, second.attempts) == (RunStatus.SUCCEEDED, "", 2)
    assert second.results["grouping"]["method"] == "features"
    with pytest.raises(ApplicationError):
        services.analysis_run_retry(user=analyst, run=second)


def test_an_unexpected_error_fails_the_run_without_leaking_details(
    dataset, analyst, django_capture_on_commit_callbacks, monkeypatch
):
    def crash(store, parameters, progress):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "run_analysis", crash)
    with django_capture_on_commit_callbacks(execute=True):
        run = _start(analyst, dataset)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error_message == services.UNEXPECTED_FAILURE


def test_repeating_a_run_starts_a_new_one_with_the_same_parameters(
    dataset, analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _start(analyst, dataset, resolution="year")
        second = services.analysis_run_repeat(user=analyst, run=first)
    assert second.pk != first.pk
    assert second.parameters == first.parameters


@pytest.mark.parametrize(
    "persona", ["data_protection_officer", "other_city_analyst", "programme_manager", "site_admin"]
)
def test_only_analysts_of_the_city_start_runs(request, dataset, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        _start(user, dataset)
    assert AnalysisRun.objects.count() == 0


def test_the_threshold_cannot_go_below_the_minimum(dataset, analyst):
    with pytest.raises(ApplicationError) as refused:
        _start(analyst, dataset, threshold=3)
    assert refused.value.field == "threshold"
    assert AnalysisRun.objects.count() == 0


def test_the_state_machine_refuses_impossible_moves(dataset, analyst):
    run = AnalysisRun.objects.create(dataset=dataset, started_by=analyst, parameters={})
    with pytest.raises(ValueError):
        services._transition(run.pk, RunStatus.QUEUED, RunStatus.SUCCEEDED)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AnalysisRun.objects.filter(pk=run.pk).update(results={"x": 1})
