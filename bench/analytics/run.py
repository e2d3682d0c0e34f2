"""Service-path analytics at Espoo's scale: 520,000 people and about 37 million events.

Generates the population once (cached under var/bench-analytics/, or $KOKEILU_BENCH_DIR), then times
pseudonymise → ingest → sequences → features → groups → early identification → suppressed report,
with each stage's wall time and peak memory (the process's resident-set high-water mark, reset before each
stage through /proc/self/clear_refs). The floor is the same engine merely reading the events and counting
them per person. Last, the optimal-matching kernel's speed in nanoseconds per dynamic-programming cell on
2,000 sequences of 72 months, side by side with the sequenzo package on the same sequences and costs.

Writes bench/results/analytics.json. Targets (issue 5): whole pipeline under 5 minutes, peak memory under
12 GiB, feature stage within 3× of the floor.

    make bench-analytics                      # or: .venv/bin/python bench/analytics/run.py [--people N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402

from kokeilu.analytics.pipeline import (  # noqa: E402
    cluster,
    early,
    features,
    generate,
    ingest,
    keys,
    om,
    pseudonymise,
    report,
    runner,
    sequences,
)
from kokeilu.analytics.pipeline.engine import PolarsEngine, Window  # noqa: E402

GIB = 1024**3
TARGET_SECONDS = 300
TARGET_PEAK_GIB = 12
TARGET_FEATURE_RATIO = 3.0


def reset_peak_memory() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_memory_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


class Stages:
    def __init__(self) -> None:
        self.results: dict[str, dict[str, float]] = {}

    def run(self, name: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        reset_peak_memory()
        started = time.perf_counter()
        value = function(*args, **kwargs)
        seconds = time.perf_counter() - started
        peak = peak_memory_bytes()
        self.results[name] = {"seconds": round(seconds, 3), "peak_memory_gib": round(peak / GIB, 3)}
        print(f"  {name:<34} {seconds:8.2f} s   peak {peak / GIB:6.2f} GiB", flush=True)
        return value


def cached_population(directory: Path, people: int, seed: int) -> dict[str, int]:
    """Generate the raw extract once; later runs reuse it."""
    marker = directory / "generated.json"
    if marker.exists():
        return json.loads(marker.read_text())
    shutil.rmtree(directory, ignore_errors=True)
    print(f"generating {people:,} people (seed {seed}) into {directory} — once", flush=True)
    started = time.perf_counter()
    counts = generate.write_population(
        generate.GenerationConfig(people=people, seed=seed), directory, file_format="parquet", with_truth=True
    )
    counts["seconds"] = round(time.perf_counter() - started, 1)
    marker.write_text(json.dumps(counts))
    return counts


FEATURE_COLUMNS = ["person", "month", "state", "event_date"]


def floor(store: Path) -> pl.DataFrame:
    """The floor: the same engine reads the columns the feature stage reads and counts events per person.

    Projection pushdown is switched off so that Polars really reads every one of those columns.
    """
    query = pl.scan_parquet(store / "events.parquet").select(FEATURE_COLUMNS).group_by("person").agg(pl.len())
    return query.collect(engine="streaming", optimizations=pl.QueryOptFlags(projection_pushdown=False))


def warm_up(base: Path) -> float:
    """Run the whole pipeline once on 300 people so that numba's kernels are compiled (or loaded from its
    cache) before anything is timed; returns the seconds it took."""
    started = time.perf_counter()
    directory = base / "warm-up"
    shutil.rmtree(directory, ignore_errors=True)
    generate.write_population(generate.GenerationConfig(people=300, seed=1), directory / "raw")
    pseudonymise.pseudonymise_extract(
        people_path=directory / "raw" / "people.parquet",
        events_path=directory / "raw" / "events.parquet",
        out_dir=directory / "transfer",
        key=keys.new_key(),
    )
    ingest.ingest_extract(extract_dir=directory / "transfer", store_dir=directory / "store")
    runner.run_analysis(directory / "store", runner.AnalysisParameters())
    runner.run_analysis(directory / "store", runner.AnalysisParameters(method="features"))
    om.pairwise_distances(np.zeros((3, 72), dtype=np.uint8), om.constant_costs(7))
    shutil.rmtree(directory, ignore_errors=True)
    return time.perf_counter() - started


def om_kernel_benchmark(store: Path, seed: int) -> dict[str, Any]:
    """ns per DP cell of our kernel and of sequenzo, on the same 2,000 sequences of 72 months."""
    window = Window(resolution="month")
    states = sequences.build_sequences(PolarsEngine(), store, window).states
    rng = np.random.default_rng(seed)
    chosen = states[rng.choice(states.shape[0], size=2_000, replace=False), :72]
    costs = om.transition_rate_costs(chosen, 7)
    om.pairwise_distances(chosen[:20], costs)  # compile outside the timing
    pairs = 2_000 * 1_999 // 2
    cells = pairs * 72 * 72
    started = time.perf_counter()
    ours = om.pairwise_distances(chosen, costs)
    ours_seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "sequences": 2_000,
        "length": 72,
        "pairs": pairs,
        "dp_cells": cells,
        "costs": "TRATE substitution, indel auto (half the largest substitution)",
        "threads": int(__import__("numba").get_num_threads()),
        "kokeilu": {"seconds": round(ours_seconds, 3), "ns_per_cell": round(ours_seconds / cells * 1e9, 3)},
    }
    try:
        import pandas as pd
        from sequenzo import SequenceData, get_distance_matrix
    except ImportError:
        result["sequenzo"] = {"error": "sequenzo is not installed (uv sync --group bench)"}
        return result
    names = [f"s{i}" for i in range(7)]
    frame = pd.DataFrame({f"t{i}": [names[v] for v in chosen[:, i]] for i in range(72)})
    frame.insert(0, "id", range(2_000))
    with contextlib.redirect_stdout(io.StringIO()):
        data = SequenceData(frame, time=[f"t{i}" for i in range(72)], states=names, id_col="id")
        started = time.perf_counter()
        theirs = np.asarray(
            get_distance_matrix(data, method="OM", sm="TRATE", indel="auto"), dtype=np.float64
        )
        theirs_seconds = time.perf_counter() - started
    result["sequenzo"] = {
        "version": __import__("sequenzo").__version__,
        "seconds": round(theirs_seconds, 3),
        "ns_per_cell": round(theirs_seconds / cells * 1e9, 3),
        "max_abs_difference_from_kokeilu": float(np.abs(theirs - ours).max()),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=520_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "analytics.json"))
    args = parser.parse_args(argv)
    base = Path(os.environ.get("KOKEILU_BENCH_DIR", ROOT / "var" / "bench-analytics"))
    raw = base / f"raw-{args.people}-{args.seed}"
    work = base / "work"
    generated = cached_population(raw, args.people, args.seed)
    print(f"population: {generated['people']:,} people, {generated['events']:,} events", flush=True)
    warm_up_seconds = warm_up(base)
    print(
        f"warm-up on 300 people (compiles the numba kernels; not timed): {warm_up_seconds:.1f} s", flush=True
    )
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    key, transfer_key = keys.new_key(), keys.new_key()
    window = Window(resolution="quarter")
    engine = PolarsEngine()
    stages = Stages()

    print("pipeline:", flush=True)
    stages.run(
        "pseudonymise (encrypted output)",
        pseudonymise.pseudonymise_extract,
        people_path=raw / "people.parquet",
        events_path=raw / "events.parquet",
        out_dir=work / "transfer",
        key=key,
        transfer_key=transfer_key,
        options=pseudonymise.PseudonymiseOptions(encrypt=True),
    )
    ingested = stages.run(
        "ingest (decrypt, check, store)",
        ingest.ingest_extract,
        extract_dir=work / "transfer",
        store_dir=work / "store",
        transfer_key=transfer_key,
    )
    store = work / "store"
    seqs = stages.run("sequences", sequences.build_sequences, engine, store, window)

    def feature_stage() -> features.FeatureTable:
        use = features.sector_use(engine, store, window)
        return features.compute_features(seqs, use, features.birth_dates(store))

    table = stages.run("features", feature_stage)
    costs = om.transition_rate_costs(seqs.states, 7)
    grouping = stages.run(
        "groups (optimal matching, CLARA)",
        cluster.om_groups,
        seqs.states,
        range(2, 9),
        costs=costs,
        seed=1,
        min_group_size=5,
    )
    by_features = stages.run(
        "groups (features, k-means)",
        cluster.feature_groups,
        cluster.time_in_state_profile(seqs.states),
        range(2, 9),
        seed=1,
        min_group_size=5,
    )
    births = features.birth_dates(store)
    target = early.multi_problem_group(seqs.states, grouping.labels, grouping.k)
    early_result = stages.run(
        "early identification",
        early.early_identification,
        seqs.states,
        births,
        window,
        grouping.labels,
        target,
        horizon_years=3,
        seed=1,
        threshold=5,
    )
    published = stages.run(
        "suppressed report",
        report.build_report,
        states=seqs.states,
        window=window,
        grouping=grouping,
        early=early_result,
        threshold=5,
        parameters={"resolution": "quarter", "method": "optimal_matching", "costs": "trate"},
    )
    print("floor:", flush=True)
    stages.run("floor (read and count per person)", floor, store)

    pipeline_stages = [name for name in stages.results if not name.startswith("floor")]
    total = sum(stages.results[name]["seconds"] for name in pipeline_stages)
    peak = max(stages.results[name]["peak_memory_gib"] for name in pipeline_stages)
    floor_seconds = stages.results["floor (read and count per person)"]["seconds"]
    feature_ratio = stages.results["features"]["seconds"] / floor_seconds
    paths_ratio = (
        stages.results["sequences"]["seconds"] + stages.results["features"]["seconds"]
    ) / floor_seconds

    print("optimal-matching kernel (2,000 sequences × 72 months):", flush=True)
    kernel = om_kernel_benchmark(store, args.seed)
    ours, theirs = kernel["kokeilu"], kernel.get("sequenzo", {})
    print(
        f"  kokeilu  {ours['ns_per_cell']:7.3f} ns per cell "
        f"({ours['seconds']:.2f} s, {kernel['threads']} threads)",
        flush=True,
    )
    if "ns_per_cell" in theirs:
        print(
            f"  sequenzo {theirs['ns_per_cell']:7.3f} ns per cell ({theirs['seconds']:.2f} s); "
            f"largest difference in distances {theirs['max_abs_difference_from_kokeilu']:.2e}",
            flush=True,
        )
    else:
        print(f"  sequenzo: {kernel['sequenzo']['error']}", flush=True)

    from sklearn.metrics import adjusted_rand_score

    truth = pl.read_parquet(raw / "truth.parquet")
    pseudonymiser = pseudonymise.Pseudonymiser(key)
    truth = truth.with_columns(person_id=pseudonymiser.people(truth.get_column("hetu")))
    people = pl.read_parquet(store / "people.parquet", columns=["person", "person_id"])
    planted = people.join(truth.select("person_id", "path_type"), on="person_id").sort("person")
    planted_types = planted.get_column("path_type")
    planted_people = planted.get_column("person").to_numpy()
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / GIB, 1),
            "python": platform.python_version(),
            "polars": pl.__version__,
            "numpy": np.__version__,
        },
        "population": {
            "people": generated["people"],
            "events": generated["events"],
            "events_stored": ingested.events,
            "rejected_rows": ingested.rejected_count,
            "generation_seconds_once": generated.get("seconds"),
            "resolution": "quarter",
            "periods": window.periods,
            "feature_columns": table.frame.width - 1,
        },
        "warm_up_seconds_not_timed": round(warm_up_seconds, 2),
        "floor_definition": "Polars reads the columns the feature stage reads "
        + ", ".join(FEATURE_COLUMNS)
        + " (projection pushdown off) and counts events per person",
        "stages": stages.results,
        "pipeline_seconds": round(total, 2),
        "peak_memory_gib": peak,
        "floor_seconds": floor_seconds,
        "feature_stage_to_floor": round(feature_ratio, 2),
        "sequences_and_features_to_floor": round(paths_ratio, 2),
        "groups": {
            "optimal_matching": {
                "k": grouping.k,
                "silhouettes": {str(k): round(v, 4) for k, v in grouping.silhouettes.items()},
                "adjusted_rand_index_vs_planted": round(
                    adjusted_rand_score(planted_types, grouping.labels[planted_people]),
                    4,
                ),
            },
            "features": {
                "k": by_features.k,
                "silhouettes": {str(k): round(v, 4) for k, v in by_features.silhouettes.items()},
                "adjusted_rand_index_vs_planted": round(
                    adjusted_rand_score(planted_types, by_features.labels[planted_people]),
                    4,
                ),
            },
        },
        "early_identification": {"auc": early_result.auc, "test_people": early_result.test_people},
        "report_tables": len(report.all_tables(published)),
        "om_kernel": kernel,
        "targets": {
            "pipeline_under_seconds": TARGET_SECONDS,
            "pipeline_met": total < TARGET_SECONDS,
            "peak_memory_under_gib": TARGET_PEAK_GIB,
            "peak_memory_met": peak < TARGET_PEAK_GIB,
            "feature_stage_within_floor_times": TARGET_FEATURE_RATIO,
            "feature_stage_met": feature_ratio <= TARGET_FEATURE_RATIO,
        },
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")

    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    targets = results["targets"]
    print(
        f"pipeline {total:.1f} s (target < {TARGET_SECONDS} s: {verdict(targets['pipeline_met'])}), "
        f"peak {peak:.2f} GiB (target < {TARGET_PEAK_GIB} GiB: {verdict(targets['peak_memory_met'])}), "
        f"features {feature_ratio:.2f}× the floor of {floor_seconds:.2f} s "
        f"(target ≤ {TARGET_FEATURE_RATIO}×: {verdict(targets['feature_stage_met'])}); "
        f"sequences and features together {paths_ratio:.2f}×",
        flush=True,
    )
    print(f"wrote {out}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
