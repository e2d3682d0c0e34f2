"""One analysis run over an ingested store: sequences → features → groups → early identification → report.

Used by the command line and by the Django task alike; progress goes to a callback (progress.py). Only the
report leaves a run: suppressed aggregates, never a row per person.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PipelineError
from .progress import Progress, no_progress

if TYPE_CHECKING:
    from .engine import Window

# The numerical stages (numpy, Polars, numba, scikit-learn) are imported when a run starts, not when this
# module is: the web processes import the parameters and progress helpers here and must stay light.

METHODS = ("optimal_matching", "features")
COSTS = ("trate", "constant")
# Each stage's share of the whole run, for one overall percentage.
STAGE_WEIGHTS = {"sequences": 15, "features": 10, "groups": 50, "early": 15, "report": 10}


@dataclass(frozen=True)
class AnalysisParameters:
    resolution: str = "quarter"
    window_start: date = date(2002, 1, 1)
    window_years: int = 15
    method: str = "optimal_matching"
    costs: str = "trate"
    k_min: int = 2
    k_max: int = 8
    horizon_years: int = 3
    target_group: int | None = None  # 1-based; None: the group using the most sectors
    threshold: int = 5
    seed: int = 1
    engine: str = "polars"
    clara_samples: int = 5
    clara_sample_size: int = 400

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise PipelineError(f"method must be one of {', '.join(METHODS)}", code="bad_option")
        if self.costs not in COSTS:
            raise PipelineError(f"substitution costs must be one of {', '.join(COSTS)}", code="bad_option")
        if not 2 <= self.k_min <= self.k_max <= 20:
            raise PipelineError(
                "the numbers of groups must satisfy 2 <= k_min <= k_max <= 20", code="bad_option"
            )
        if self.threshold < 2:
            raise PipelineError("the suppression threshold must be at least 2", code="bad_option")
        if not 1 <= self.horizon_years < self.window_years:
            raise PipelineError(
                "the early-identification horizon must be shorter than the window", code="bad_option"
            )

    @property
    def window(self) -> Window:
        from .engine import Window

        try:
            return Window(start=self.window_start, years=self.window_years, resolution=self.resolution)
        except ValueError as error:
            raise PipelineError(str(error), code="bad_option") from None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["window_start"] = self.window_start.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnalysisParameters:
        values = dict(data)
        if isinstance(values.get("window_start"), str):
            values["window_start"] = date.fromisoformat(values["window_start"])
        known = set(cls.__dataclass_fields__)
        return cls(**{key: value for key, value in values.items() if key in known})


@dataclass
class StageTimer:
    seconds: dict[str, float] = field(default_factory=dict)

    def run(self, name: str, function: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            self.seconds[name] = time.perf_counter() - started


class _StageProgress:
    """Maps each stage's own 0–1 progress onto the overall stage callback."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def __call__(self, stage: str, fraction: float) -> None:
        self.progress(stage, max(0.0, min(1.0, fraction)), 1.0)


def check_store(store: Path) -> None:
    for name in ("people.parquet", "events.parquet"):
        if not (store / name).exists():
            raise PipelineError(
                "the analytics store has no such file; ingest the extract first",
                code="missing_file",
                file=store / name,
            )


def run_analysis(
    store: Path,
    parameters: AnalysisParameters,
    progress: Progress = no_progress,
    timer: StageTimer | None = None,
) -> dict[str, Any]:
    """Run every stage on the store and return the suppressed report."""
    from . import cluster, early, features, om, report, sequences
    from .engine import engine_named

    check_store(store)
    timer = timer or StageTimer()
    stage = _StageProgress(progress)
    window = parameters.window
    engine = engine_named(parameters.engine)

    stage("sequences", 0.0)
    seqs = timer.run("sequences", sequences.build_sequences, engine, store, window)
    if seqs.people < parameters.threshold:
        raise PipelineError(
            "the store has fewer people than the suppression threshold", code="too_few_people"
        )
    stage("sequences", 1.0)

    stage("features", 0.0)
    births = features.birth_dates(store)
    use = timer.run("features.sector_use", features.sector_use, engine, store, window)
    table = timer.run("features", features.compute_features, seqs, use, births)
    timer.seconds["features"] += timer.seconds.pop("features.sector_use")
    del table  # the per-person feature table stays in memory only; the report is built from aggregates
    stage("features", 1.0)

    k_values = range(parameters.k_min, parameters.k_max + 1)
    stage("groups", 0.0)
    if parameters.method == "features":
        grouping = timer.run(
            "groups",
            cluster.feature_groups,
            cluster.time_in_state_profile(seqs.states),
            k_values,
            seed=parameters.seed,
            min_group_size=parameters.threshold,
            progress=lambda f: stage("groups", f),
        )
    else:
        costs = (
            om.transition_rate_costs(seqs.states, len(features.codes.STATES))
            if parameters.costs == "trate"
            else om.constant_costs(len(features.codes.STATES))
        )
        grouping = timer.run(
            "groups",
            cluster.om_groups,
            seqs.states,
            k_values,
            costs=costs,
            seed=parameters.seed,
            samples=parameters.clara_samples,
            sample_size=parameters.clara_sample_size,
            min_group_size=parameters.threshold,
            progress=lambda f: stage("groups", f),
        )
    stage("groups", 1.0)

    stage("early", 0.0)
    if parameters.target_group is not None and not 1 <= parameters.target_group <= grouping.k:
        raise PipelineError(
            f"there is no group {parameters.target_group}; the run found {grouping.k}", code="bad_option"
        )
    target = (
        parameters.target_group - 1
        if parameters.target_group is not None
        else early.multi_problem_group(seqs.states, grouping.labels, grouping.k)
    )
    early_result = timer.run(
        "early",
        early.early_identification,
        seqs.states,
        births,
        window,
        grouping.labels,
        target,
        horizon_years=parameters.horizon_years,
        seed=parameters.seed,
        threshold=parameters.threshold,
    )
    stage("early", 1.0)

    stage("report", 0.0)
    result = timer.run(
        "report",
        report.build_report,
        states=seqs.states,
        window=window,
        grouping=grouping,
        early=early_result,
        threshold=parameters.threshold,
        parameters=parameters.as_json(),
    )
    stage("report", 1.0)
    return result


def overall_percent(stage: str, fraction: float) -> int:
    """The whole run's progress in percent when `stage` is `fraction` done."""
    done = 0.0
    for name, weight in STAGE_WEIGHTS.items():
        if name == stage:
            done += weight * fraction
            break
        done += weight
    return math.floor(100 * done / sum(STAGE_WEIGHTS.values()))
