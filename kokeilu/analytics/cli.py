"""Command line for the analytics pipeline; needs no Django and no database.

    python -m kokeilu.analytics.cli keygen KEYFILE
    python -m kokeilu.analytics.cli generate --people 520000 --seed 2017 --out raw/
    python -m kokeilu.analytics.cli pseudonymise --people raw/people.parquet --events raw/events.parquet \\
        --out transfer/ --key-file pseudonym.key --birth-date-precision month \\
        --encrypt --transfer-key-file transfer.key
    python -m kokeilu.analytics.cli ingest --extract transfer/ --store store/ --transfer-key-file transfer.key
    python -m kokeilu.analytics.cli run --store store/ --out report/

Keys come from the named file or, without one, from KOKEILU_PSEUDONYM_KEY / KOKEILU_TRANSFER_KEY. Each
stage shows a progress bar; errors name the file, line and column and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .pipeline import generate, ingest, keys, pseudonymise, report, runner
from .pipeline.errors import PipelineError


class TqdmProgress:
    """One progress bar per stage; a new stage closes the previous bar."""

    def __init__(self, *, disable: bool = False) -> None:
        self.disable = disable
        self.stage: str | None = None
        self.bar: Any = None

    def __call__(self, stage: str, done: float, total: float | None = None) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, unit_scale=True, disable=self.disable, leave=True)
        if self.bar is not None:
            if total is not None and self.bar.total != total:
                self.bar.total = total
            self.bar.n = done
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _key_file(value: str | None) -> Path | None:
    return Path(value) if value else None


def command_keygen(args: argparse.Namespace, progress: TqdmProgress) -> None:
    keys.write_key_file(Path(args.key_file))
    print(f"wrote a new key to {args.key_file} (readable by you only); keep it away from the data")


def command_generate(args: argparse.Namespace, progress: TqdmProgress) -> None:
    config = generate.GenerationConfig(people=args.people, seed=args.seed, chunk_size=args.chunk_size)
    written = [0]

    def advance(people: int) -> None:
        written[0] += people
        progress("generate", written[0], args.people)

    counts = generate.write_population(
        config, Path(args.out), file_format=args.format, with_truth=args.with_truth, progress=advance
    )
    progress.close()
    print(f"{counts['people']} people and {counts['events']} events in {args.out}")


def command_pseudonymise(args: argparse.Namespace, progress: TqdmProgress) -> None:
    key = keys.load_key(
        key_file=_key_file(args.key_file), env_var=keys.PSEUDONYM_KEY_ENV, purpose="pseudonymisation"
    )
    transfer_key = None
    if args.encrypt:
        transfer_key = keys.load_key(
            key_file=_key_file(args.transfer_key_file), env_var=keys.TRANSFER_KEY_ENV, purpose="transfer"
        )
    manifest = pseudonymise.pseudonymise_extract(
        people_path=Path(args.people),
        events_path=Path(args.events),
        out_dir=Path(args.out),
        key=key,
        transfer_key=transfer_key,
        options=pseudonymise.PseudonymiseOptions(
            birth_date_precision=args.birth_date_precision, output_format=args.format, encrypt=args.encrypt
        ),
        progress=progress,
    )
    progress.close()
    files = manifest["files"]
    print(
        f"{files['people']['rows']} people and {files['events']['rows']} events pseudonymised into {args.out}"
    )


def command_ingest(args: argparse.Namespace, progress: TqdmProgress) -> None:
    transfer_key = None
    if args.transfer_key_file or os.environ.get(keys.TRANSFER_KEY_ENV):
        transfer_key = keys.load_key(
            key_file=_key_file(args.transfer_key_file), env_var=keys.TRANSFER_KEY_ENV, purpose="transfer"
        )
    result = ingest.ingest_extract(
        extract_dir=Path(args.extract),
        store_dir=Path(args.store),
        transfer_key=transfer_key,
        options=ingest.IngestOptions(strict=args.strict, max_malformed_share=args.max_malformed_share),
        progress=progress,
    )
    progress.close()
    print(f"stored {result.people} people and {result.events} events in {args.store}")
    if result.rejected_count:
        print(
            f"{result.rejected_count} malformed rows were not stored; "
            f"see {Path(args.store) / ingest.REJECTED_NAME}:"
        )
        for reason, count in sorted(result.rejected_by_reason.items()):
            print(f"  {count:>8}  {reason}")


def command_run(args: argparse.Namespace, progress: TqdmProgress) -> None:
    parameters = runner.AnalysisParameters(
        resolution=args.resolution,
        window_start=date.fromisoformat(args.window_start),
        window_years=args.window_years,
        method=args.method,
        costs=args.costs,
        k_min=args.k_min,
        k_max=args.k_max,
        horizon_years=args.horizon_years,
        target_group=args.target_group,
        threshold=args.threshold,
        seed=args.seed,
        engine=args.engine,
    )
    timer = runner.StageTimer()
    result = runner.run_analysis(Path(args.store), parameters, progress=progress, timer=timer)
    progress.close()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    for table in report.all_tables(result):
        (out / f"{table['key']}.csv").write_text(report.table_csv(table), encoding="utf-8")
    grouping = result["grouping"]
    print(f"{grouping['k']} groups ({grouping['method']}); report and suppressed tables in {out}")
    print("stage times: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timer.seconds.items()))


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m kokeilu.analytics.cli", description=__doc__.split("\n")[0])
    main.add_argument("--quiet", action="store_true", help="no progress bars")
    commands = main.add_subparsers(dest="command", required=True)

    keygen = commands.add_parser("keygen", help="write a new random key to a file")
    keygen.add_argument("key_file")
    keygen.set_defaults(handler=command_keygen)

    gen = commands.add_parser("generate", help="write a synthetic extract with raw identifiers")
    gen.add_argument("--people", type=int, default=520_000)
    gen.add_argument("--seed", type=int, default=2017)
    gen.add_argument("--chunk-size", type=int, default=20_000)
    gen.add_argument("--out", required=True)
    gen.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    gen.add_argument("--with-truth", action="store_true", help="also write each person's planted path type")
    gen.set_defaults(handler=command_generate)

    pse = commands.add_parser("pseudonymise", help="pseudonymise an extract where it lives")
    pse.add_argument("--people", required=True)
    pse.add_argument("--events", required=True)
    pse.add_argument("--out", required=True)
    pse.add_argument("--key-file", help=f"pseudonymisation key (default: ${keys.PSEUDONYM_KEY_ENV})")
    pse.add_argument("--birth-date-precision", choices=pseudonymise.PRECISIONS, default="month")
    pse.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    pse.add_argument("--encrypt", action="store_true", help="encrypt the output for transfer")
    pse.add_argument("--transfer-key-file", help=f"transfer key (default: ${keys.TRANSFER_KEY_ENV})")
    pse.set_defaults(handler=command_pseudonymise)

    ing = commands.add_parser("ingest", help="check a pseudonymised extract and write the analytics store")
    ing.add_argument("--extract", required=True)
    ing.add_argument("--store", required=True)
    ing.add_argument("--transfer-key-file", help=f"transfer key (default: ${keys.TRANSFER_KEY_ENV})")
    ing.add_argument("--strict", action="store_true", help="refuse the extract if any row is malformed")
    ing.add_argument("--max-malformed-share", type=float, default=0.01)
    ing.set_defaults(handler=command_ingest)

    run = commands.add_parser("run", help="sequences, features, groups, early identification and the report")
    run.add_argument("--store", required=True)
    run.add_argument("--out", required=True)
    run.add_argument("--resolution", choices=("month", "quarter", "year"), default="quarter")
    run.add_argument("--window-start", default="2002-01-01")
    run.add_argument("--window-years", type=int, default=15)
    run.add_argument("--method", choices=runner.METHODS, default="optimal_matching")
    run.add_argument("--costs", choices=runner.COSTS, default="trate")
    run.add_argument("--k-min", type=int, default=2)
    run.add_argument("--k-max", type=int, default=8)
    run.add_argument("--horizon-years", type=int, default=3)
    run.add_argument("--target-group", type=int)
    run.add_argument("--threshold", type=int, default=5)
    run.add_argument("--seed", type=int, default=1)
    run.add_argument("--engine", choices=("polars", "dask"), default="polars")
    run.set_defaults(handler=command_run)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    progress = TqdmProgress(disable=args.quiet)
    try:
        args.handler(args, progress)
    except PipelineError as error:
        progress.close()
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
