"""Ingest: a pseudonymised (perhaps encrypted) extract becomes the analytics store, Parquet under a directory.

Before anything is stored, ingest checks again that no raw identifier is present: raw identifier columns
are refused, pseudonym columns must hold pseudonyms, and every text column is scanned for values that
validate as identity codes. Any of these stops the ingest, naming file, line and column.

Row by row, it then validates dates, service codes and references between the files. Malformed rows are
never silently dropped: each is listed with its file, line, column and reason (never its value) in
`rejected_lines.csv` and counted in `ingest_report.json`, and the rest are stored. With `strict`, or when
more than `max_malformed_share` of the rows are malformed, ingest refuses instead.

Store layout: people.parquet (person: int32 index, person_id pseudonym, birth_date, home_area) and
events.parquet (person, event_date, service_code, unit, and two columns derived once here for every later
analysis: month, months since January 1900, and state, the rank of the code's sector), plus the report.
People are numbered in the order of the people file, so the store is reproducible.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from . import codes, crypto, hetu, keys
from .engine import FIRST_MONTH_YEAR
from .errors import PipelineError
from .progress import Progress, no_progress
from .pseudonymise import MANIFEST_KIND, MANIFEST_NAME, PSEUDONYM_HEX_CHARS, scan_for_identity_codes
from .tables import Batch, MalformedLine, TableReader, TableWriter, date_column

RAW_IDENTIFIER_COLUMNS = frozenset(
    {
        "hetu",
        "henkilotunnus",
        "ssn",
        "first_name",
        "last_name",
        "name",
        "street_address",
        "address",
        "postal_code",
    }
)
PSEUDONYM_COLUMNS = ("person_id", "name_pseudonym", "address_pseudonym")
PSEUDONYM_PATTERN = rf"^[0-9a-f]{{{PSEUDONYM_HEX_CHARS}}}$"
REPORT_NAME = "ingest_report.json"
REJECTED_NAME = "rejected_lines.csv"
LISTED_IN_REPORT = 200
STORE_ROW_GROUP = 250_000
PEOPLE_SCHEMA = {"person": pl.Int32, "person_id": pl.String, "birth_date": pl.Date, "home_area": pl.String}
EVENTS_SCHEMA = {
    "person": pl.Int32,
    "event_date": pl.Date,
    "service_code": pl.String,
    "unit": pl.String,
    "month": pl.Int16,
    "state": pl.Int8,
}


@dataclass(frozen=True)
class IngestOptions:
    strict: bool = False
    max_malformed_share: float = 0.01
    earliest_date: date = date(1900, 1, 1)
    latest_date: date | None = None
    # Row groups of the stored events: the unit a distributed engine reads as one partition.
    row_group_rows: int = STORE_ROW_GROUP


@dataclass
class Rejected:
    file: str
    line: int
    line_kind: str
    column: str | None
    reason: str


@dataclass
class IngestReport:
    people: int = 0
    events: int = 0
    rows_read: int = 0
    rejected_count: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    birth_date_precision: str = ""
    pseudonym_key_fingerprint: str = ""
    ingested_at: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rejected"] = data["rejected"][:LISTED_IN_REPORT]
        data["rejected_listed"] = len(data["rejected"])
        return data


class _Rejections:
    def __init__(self) -> None:
        self.items: list[Rejected] = []
        self.counts: Counter[str] = Counter()

    def add(self, reader: TableReader, line: int, column: str | None, reason: str) -> None:
        self.items.append(Rejected(reader.path.name, line, reader.line_kind, column, reason))
        self.counts[f"{reader.path.name}: {reason}"] += 1

    def add_mask(
        self, reader: TableReader, batch: Batch, mask: pl.Series, column: str | None, reason: str
    ) -> None:
        for line in batch.lines.filter(mask).to_list():
            self.add(reader, line, column, reason)

    def add_malformed(self, reader: TableReader, malformed: list[MalformedLine]) -> None:
        for item in malformed:
            self.add(reader, item.line, item.column, item.reason)


def read_manifest(extract_dir: Path) -> dict[str, Any]:
    path = extract_dir / MANIFEST_NAME
    if not path.exists():
        raise PipelineError(
            "no manifest: ingest takes the directory written by `pseudonymise`",
            code="missing_file",
            file=path,
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise PipelineError(
            f"the manifest is not valid JSON: {error}", code="bad_manifest", file=path
        ) from None
    if not isinstance(manifest, dict) or manifest.get("kind") != MANIFEST_KIND:
        raise PipelineError("not a manifest of a pseudonymised extract", code="bad_manifest", file=path)
    return manifest


def _plain_file(
    extract_dir: Path,
    entry: dict[str, Any],
    manifest: dict[str, Any],
    transfer_key: bytes | None,
    staging: Path,
) -> tuple[Path, str]:
    """The table's plaintext path (decrypting into the staging directory) and its display name."""
    source = extract_dir / entry["name"]
    if not source.exists():
        raise PipelineError(
            "the file listed in the manifest does not exist", code="missing_file", file=source
        )
    if source.stat().st_size == 0:
        raise PipelineError("the file is empty", code="empty_file", file=source)
    if not crypto.is_encrypted(source):
        if manifest.get("encryption"):
            raise PipelineError(
                "the manifest says this file is encrypted but it is not", code="not_encrypted", file=source
            )
        return source, str(source)
    if transfer_key is None:
        raise PipelineError(
            f"the file is encrypted: give the transfer key file or set {keys.TRANSFER_KEY_ENV}",
            code="key_missing",
            file=source,
        )
    expected = (manifest.get("encryption") or {}).get("key_fingerprint")
    if expected and expected != keys.fingerprint(transfer_key, "transfer"):
        raise PipelineError("wrong decryption key for this file", code="wrong_decryption_key", file=source)
    target = staging / entry["name"].removesuffix(".enc")
    crypto.decrypt_file(source, target, transfer_key)
    return target, str(source)


def _refuse_raw_columns(reader: TableReader) -> None:
    for column in reader.columns:
        if column.lower() in RAW_IDENTIFIER_COLUMNS:
            raise reader.error(
                "a raw identifier column; the extract must be pseudonymised before ingest",
                code="raw_identifier_column",
                line=1 if reader.format == "csv" else None,
                column=column,
            )


def _check_pseudonyms(reader: TableReader, batch: Batch, rejections: _Rejections) -> pl.Series:
    """Rows whose pseudonym columns hold pseudonyms; refuses outright if one holds an identity code."""
    ok = pl.Series([True] * batch.frame.height, dtype=pl.Boolean)
    for column in PSEUDONYM_COLUMNS:
        if column not in batch.frame.columns:
            continue
        values = batch.frame.get_column(column).cast(pl.String)
        looks_right = values.str.contains(PSEUDONYM_PATTERN).fill_null(False)
        for value in values.filter(~looks_right).drop_nulls().unique().to_list():
            if hetu.is_valid(value.strip()) or hetu.find_in_text(value):
                raise reader.error(
                    "a raw personal identity code where a pseudonym belongs; refusing the extract",
                    code="raw_identity_code",
                    line=int(batch.lines.filter(values == value)[0]),
                    column=column,
                )
        if column == "person_id":
            rejections.add_mask(reader, batch, ~looks_right, column, "not a pseudonym")
            ok = ok & looks_right
    return ok


def ingest_extract(
    *,
    extract_dir: Path,
    store_dir: Path,
    transfer_key: bytes | None = None,
    options: IngestOptions | None = None,
    progress: Progress = no_progress,
) -> IngestReport:
    """Validate the extract and write the store to `store_dir` (which must not exist or be empty)."""
    options = options or IngestOptions()
    manifest = read_manifest(extract_dir)
    files = manifest.get("files") or {}
    for table in ("people", "events"):
        if table not in files:
            raise PipelineError(
                f"the manifest lists no {table} file", code="bad_manifest", file=extract_dir / MANIFEST_NAME
            )
    if store_dir.exists() and any(store_dir.iterdir()):
        raise PipelineError("the store directory is not empty", code="store_exists", file=store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".ingest-", dir=store_dir.parent))
    try:
        staging = work / "staging"
        staging.mkdir()
        output = work / "store"
        output.mkdir()
        report = _ingest(extract_dir, manifest, output, staging, transfer_key, options, progress)
        shutil.rmtree(staging)
        if store_dir.exists():
            store_dir.rmdir()
        output.rename(store_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


def _ingest(
    extract_dir: Path,
    manifest: dict[str, Any],
    output: Path,
    staging: Path,
    transfer_key: bytes | None,
    options: IngestOptions,
    progress: Progress,
) -> IngestReport:
    files = manifest["files"]
    latest = options.latest_date or date.today()
    rejections = _Rejections()
    report = IngestReport(
        birth_date_precision=str(manifest.get("birth_date_precision", "")),
        pseudonym_key_fingerprint=str((manifest.get("pseudonym") or {}).get("key_fingerprint", "")),
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )

    people_path, people_name = _plain_file(extract_dir, files["people"], manifest, transfer_key, staging)
    people_reader = TableReader(people_path, required=["person_id", "birth_date"], display_name=people_name)
    _refuse_raw_columns(people_reader)
    people_rows = 0
    person_ids: list[pl.DataFrame] = []
    seen: set[str] = set()
    next_person = 0
    has_area = "home_area" in people_reader.columns
    with TableWriter(output / "people.parquet", "parquet") as writer:
        for batch in people_reader.batches():
            rejections.add_malformed(people_reader, batch.malformed)
            people_rows += batch.frame.height + len(batch.malformed)
            scan_for_identity_codes(
                people_reader, batch, [c for c in batch.frame.columns if c != "person_id"]
            )
            ok = _check_pseudonyms(people_reader, batch, rejections)
            birth = date_column(batch.frame, "birth_date")
            bad_birth = ok & (birth.is_null() | (birth < options.earliest_date) | (birth > latest)).fill_null(
                True
            )
            rejections.add_mask(people_reader, batch, bad_birth, "birth_date", "not a valid date of birth")
            ok = ok & ~bad_birth
            ids = batch.frame.get_column("person_id").cast(pl.String)
            duplicate = []
            for value, good in zip(ids.to_list(), ok.to_list(), strict=True):
                is_duplicate = good and value in seen
                duplicate.append(is_duplicate)
                if good and not is_duplicate:
                    seen.add(value)
            duplicate_mask = pl.Series(duplicate, dtype=pl.Boolean)
            rejections.add_mask(people_reader, batch, duplicate_mask, "person_id", "the person appears twice")
            ok = ok & ~duplicate_mask
            kept = batch.frame.filter(ok)
            count = kept.height
            stored = pl.DataFrame(
                {
                    "person": pl.int_range(next_person, next_person + count, eager=True, dtype=pl.Int32),
                    "person_id": kept.get_column("person_id").cast(pl.String),
                    "birth_date": birth.filter(ok),
                    "home_area": (
                        kept.get_column("home_area").cast(pl.String)
                        if has_area
                        else pl.Series([None] * count, dtype=pl.String)
                    ),
                }
            )
            next_person += count
            writer.write(stored)
            person_ids.append(stored.select("person_id", "person"))
            progress("ingest people", batch.position, people_reader.total_units)
        writer.close(empty_schema=pl.DataFrame(schema=PEOPLE_SCHEMA))
    _check_row_count(people_reader, files["people"], people_rows)
    report.people = next_person
    people_map = (
        pl.concat(person_ids)
        if person_ids
        else pl.DataFrame(schema={"person_id": pl.String, "person": pl.Int32})
    )
    del seen

    events_path, events_name = _plain_file(extract_dir, files["events"], manifest, transfer_key, staging)
    events_reader = TableReader(
        events_path, required=["person_id", "event_date", "service_code"], display_name=events_name
    )
    _refuse_raw_columns(events_reader)
    known_codes = list(codes.CODES_BY_KEY)
    has_unit = "unit" in events_reader.columns
    events_rows = 0
    with TableWriter(output / "events.parquet", "parquet") as writer:
        for batch in events_reader.batches():
            rejections.add_malformed(events_reader, batch.malformed)
            events_rows += batch.frame.height + len(batch.malformed)
            scan_for_identity_codes(
                events_reader, batch, [c for c in batch.frame.columns if c != "person_id"]
            )
            ok = _check_pseudonyms(events_reader, batch, rejections)
            frame = batch.frame.with_columns(pl.col("person_id").cast(pl.String)).join(
                people_map, on="person_id", how="left", maintain_order="left"
            )
            unknown = ok & frame.get_column("person").is_null()
            rejections.add_mask(
                events_reader, batch, unknown, "person_id", "the person is not in the people file"
            )
            ok = ok & ~unknown
            event_date = date_column(frame, "event_date")
            bad_date = ok & (
                event_date.is_null() | (event_date < options.earliest_date) | (event_date > latest)
            ).fill_null(True)
            rejections.add_mask(events_reader, batch, bad_date, "event_date", "not a valid event date")
            ok = ok & ~bad_date
            code = frame.get_column("service_code").cast(pl.String)
            bad_code = ok & ~code.is_in(known_codes).fill_null(False)
            rejections.add_mask(
                events_reader, batch, bad_code, "service_code", "not on the service code list"
            )
            ok = ok & ~bad_code
            stored = with_derived_columns(
                pl.DataFrame(
                    {
                        "person": frame.get_column("person").filter(ok),
                        "event_date": event_date.filter(ok),
                        "service_code": code.filter(ok),
                        "unit": (
                            frame.get_column("unit").cast(pl.String).filter(ok)
                            if has_unit
                            else pl.Series([None] * int(ok.sum()), dtype=pl.String)
                        ),
                    }
                )
            )
            writer.write(stored, row_group_size=options.row_group_rows)
            report.events += stored.height
            progress("ingest events", batch.position, events_reader.total_units)
        writer.close(empty_schema=pl.DataFrame(schema=EVENTS_SCHEMA))
    _check_row_count(events_reader, files["events"], events_rows)

    report.rows_read = people_rows + events_rows
    report.rejected = rejections.items
    report.rejected_count = len(rejections.items)
    report.rejected_by_reason = dict(rejections.counts)
    if report.rejected_count:
        first = rejections.items[0]
        where = f"{first.file}, {first.line_kind} {first.line}" + (
            f", column {first.column!r}" if first.column else ""
        )
        if options.strict:
            raise PipelineError(
                f"{report.rejected_count} malformed rows (strict ingest); the first: {where}: {first.reason}",
                code="malformed_rows",
            )
        if report.rejected_count > options.max_malformed_share * max(report.rows_read, 1):
            raise PipelineError(
                f"{report.rejected_count} of {report.rows_read} rows are malformed, more than the allowed "
                f"{options.max_malformed_share:.1%}; the first: {where}: {first.reason}",
                code="malformed_rows",
            )
    _write_rejections(output / REJECTED_NAME, rejections.items)
    (output / REPORT_NAME).write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
    return report


def with_derived_columns(events: pl.DataFrame) -> pl.DataFrame:
    """Add what every analysis needs from an event, computed once at ingest rather than on every run:
    `month`, months since January 1900, and `state`, the rank of the service code's sector (codes.py)."""
    mapping = codes.state_number_by_code()
    date = pl.col("event_date")
    return events.with_columns(
        ((date.dt.year().cast(pl.Int32) - FIRST_MONTH_YEAR) * 12 + date.dt.month().cast(pl.Int32) - 1)
        .cast(pl.Int16)
        .alias("month"),
        pl.col("service_code").replace_strict(mapping, return_dtype=pl.Int8).alias("state"),
    )


def _check_row_count(reader: TableReader, entry: dict[str, Any], rows: int) -> None:
    expected = entry.get("rows")
    if isinstance(expected, int) and rows < expected:
        raise reader.error(
            f"the file has {rows} rows but the manifest lists {expected}: it is truncated",
            code="truncated_file",
        )
    if isinstance(expected, int) and rows > expected:
        raise reader.error(
            f"the file has {rows} rows but the manifest lists {expected}: it was altered", code="corrupt_file"
        )


def _write_rejections(path: Path, items: list[Rejected]) -> None:
    frame = pl.DataFrame(
        {
            "file": [item.file for item in items],
            "line": [item.line for item in items],
            "line_kind": [item.line_kind for item in items],
            "column": [item.column or "" for item in items],
            "reason": [item.reason for item in items],
        },
        schema={
            "file": pl.String,
            "line": pl.Int64,
            "line_kind": pl.String,
            "column": pl.String,
            "reason": pl.String,
        },
    )
    frame.write_csv(path)


def read_report(store_dir: Path) -> dict[str, Any]:
    return json.loads((store_dir / REPORT_NAME).read_text(encoding="utf-8"))
