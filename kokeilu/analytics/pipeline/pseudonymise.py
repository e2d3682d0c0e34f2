"""Pseudonymisation at the source: the data owner runs this where the extract lives, with no database.

Identity codes, names and addresses become keyed hashes (HMAC-SHA-256 with a domain label per kind of
value, truncated to 128 bits, as RFC 2104 §5 allows); the key comes from a file or an environment variable
and is never written anywhere. Dates of birth are coarsened to the month or the year on request. Every
other text column is scanned for values that validate as identity codes, and the command refuses,
naming the file, line and column, if it finds one. The output can be encrypted for transfer (crypto.py).

The command is strict: a malformed line, a missing or invalid identity code or a bad date of birth stops
it with the place of the error, because the data owner is the one who can correct the extract.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from . import crypto, hetu, keys
from .errors import PipelineError
from .progress import Progress, no_progress
from .tables import Batch, TableReader, TableWriter, date_column

PSEUDONYM_HEX_CHARS = 32
PSEUDONYM_METHOD = "HMAC-SHA-256 with a domain label per kind of value, truncated to 128 bits"
IDENTITY_COLUMN = "hetu"
NAME_COLUMNS = ("first_name", "last_name")
ADDRESS_COLUMNS = ("street_address", "postal_code")
BIRTH_DATE_COLUMN = "birth_date"
EVENT_DATE_COLUMN = "event_date"
MANIFEST_NAME = "manifest.json"
MANIFEST_KIND = "kokeilu-pseudonymised-extract"
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class PseudonymiseOptions:
    birth_date_precision: str = "month"
    output_format: str = "parquet"
    encrypt: bool = False

    def __post_init__(self) -> None:
        if self.birth_date_precision not in PRECISIONS:
            raise PipelineError(
                f"birth-date precision must be one of {', '.join(PRECISIONS)}", code="bad_option"
            )
        if self.output_format not in ("csv", "parquet"):
            raise PipelineError("output format must be csv or parquet", code="bad_option")


class Pseudonymiser:
    """Keyed hashes of identifiers; the same key and value always give the same pseudonym."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self._people: dict[str, str] = {}

    def pseudonym(self, kind: str, value: str) -> str:
        digest = hmac.new(self._key, kind.encode() + b"\x1f" + value.encode(), hashlib.sha256)
        return digest.hexdigest()[:PSEUDONYM_HEX_CHARS]

    def person(self, identity_code: str) -> str:
        cached = self._people.get(identity_code)
        if cached is None:
            cached = self._people[identity_code] = self.pseudonym("person", identity_code)
        return cached

    def people(self, identity_codes: pl.Series) -> pl.Series:
        """Pseudonyms for a column of identity codes (hashing each distinct code once)."""
        distinct = identity_codes.unique()
        mapping = {code: self.person(code) for code in distinct.to_list()}
        return identity_codes.replace_strict(mapping, return_dtype=pl.String)


def pseudonym_for(key: bytes, identity_code: str) -> str:
    """The person pseudonym of one identity code (tests and linkage checks use this)."""
    return Pseudonymiser(key).person(identity_code)


def _first_line_where(batch: Batch, mask: pl.Series) -> int:
    return int(batch.lines.filter(mask)[0])


def check_identity_codes(reader: TableReader, batch: Batch, column: str, valid_cache: set[str]) -> None:
    """Every value of the column must be a valid identity code; otherwise say where and why not."""
    values = batch.frame.get_column(column).cast(pl.String)
    missing = values.is_null() | (values.str.strip_chars() == "")
    if missing.any():
        raise reader.error(
            "the identity code is missing",
            code="missing_identity_code",
            line=_first_line_where(batch, missing),
            column=column,
        )
    for code in values.unique().to_list():
        if code in valid_cache:
            continue
        try:
            hetu.parse(code)
        except hetu.InvalidIdentityCode as error:
            raise reader.error(
                f"not a valid identity code: {error}",
                code=f"identity_code_{error.reason}",
                line=_first_line_where(batch, values == code),
                column=column,
            ) from None
        valid_cache.add(code)


def scan_for_identity_codes(reader: TableReader, batch: Batch, columns: list[str]) -> None:
    """Refuse if any of the text columns holds a value that validates as an identity code."""
    for column in columns:
        series = batch.frame.get_column(column)
        if series.dtype != pl.String:
            continue
        distinct = series.unique().drop_nulls()
        candidates = distinct.filter(distinct.str.contains(hetu.CANDIDATE_PATTERN))
        for value in candidates.to_list():
            if hetu.find_in_text(value):
                raise reader.error(
                    "a value that validates as a personal identity code; remove it before pseudonymising "
                    "(or list the column as the identity column)",
                    code="identity_code_in_column",
                    line=_first_line_where(batch, series == value),
                    column=column,
                )


def _refuse_malformed(reader: TableReader, batch: Batch) -> None:
    if batch.malformed:
        first = batch.malformed[0]
        raise reader.error(
            f"malformed line: {first.reason}", code="malformed_line", line=first.line, column=first.column
        )


def _joined(frame: pl.DataFrame, columns: list[str]) -> pl.Series:
    return frame.select(
        pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in columns], separator="\x1f")
    ).to_series()


def _coarsen(dates: pl.Series, precision: str) -> pl.Series:
    if precision == "month":
        return dates.dt.truncate("1mo")
    if precision == "year":
        return dates.dt.truncate("1y")
    return dates


@dataclass
class _Output:
    name: str
    writer: TableWriter


class _Outputs:
    """The output files, encrypted on request, named <table>.<format>[.enc]."""

    def __init__(self, out_dir: Path, options: PseudonymiseOptions, transfer_key: bytes | None) -> None:
        self.out_dir = out_dir
        self.options = options
        self.transfer_key = transfer_key
        self.stack = contextlib.ExitStack()

    def open(self, table: str) -> _Output:
        name = f"{table}.{self.options.output_format}" + (".enc" if self.options.encrypt else "")
        path = self.out_dir / name
        if self.options.encrypt:
            assert self.transfer_key is not None
            target: Any = self.stack.enter_context(crypto.encrypted_writer(path, self.transfer_key))
        else:
            target = path
        writer = TableWriter(target, self.options.output_format)
        # Registered after the encrypting writer, so the table is finished before the encryption is sealed.
        self.stack.callback(writer.close)
        return _Output(name, writer)


def pseudonymise_extract(
    *,
    people_path: Path,
    events_path: Path,
    out_dir: Path,
    key: bytes,
    options: PseudonymiseOptions | None = None,
    transfer_key: bytes | None = None,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """Pseudonymise a people file and an events file into out_dir; return (and write) the manifest."""
    options = options or PseudonymiseOptions()
    if options.encrypt and transfer_key is None:
        raise PipelineError("encrypted output needs a transfer key", code="key_missing")
    out_dir.mkdir(parents=True, exist_ok=True)
    people_reader = TableReader(people_path, required=[IDENTITY_COLUMN, BIRTH_DATE_COLUMN])
    events_reader = TableReader(events_path, required=[IDENTITY_COLUMN, EVENT_DATE_COLUMN, "service_code"])
    pseudonymiser = Pseudonymiser(key)
    valid_codes: set[str] = set()
    outputs = _Outputs(out_dir, options, transfer_key)
    files: dict[str, Any] = {}
    try:
        with outputs.stack:
            people_out = outputs.open("people")
            files["people"] = _pseudonymise_people(
                people_reader, people_out, pseudonymiser, valid_codes, options, progress
            )
            events_out = outputs.open("events")
            files["events"] = _pseudonymise_events(
                events_reader, events_out, pseudonymiser, valid_codes, progress
            )
    except BaseException:
        # A refused extract leaves nothing half-written behind.
        for table in ("people", "events"):
            for suffix in ("", ".enc"):
                (out_dir / f"{table}.{options.output_format}{suffix}").unlink(missing_ok=True)
        raise
    manifest = {
        "kind": MANIFEST_KIND,
        "version": 1,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "pseudonym": {"method": PSEUDONYM_METHOD, "key_fingerprint": keys.fingerprint(key, "pseudonym")},
        "birth_date_precision": options.birth_date_precision,
        "encryption": (
            {"method": crypto.METHOD, "key_fingerprint": keys.fingerprint(transfer_key, "transfer")}
            if options.encrypt and transfer_key is not None
            else None
        ),
        "files": files,
    }
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _pseudonymise_people(
    reader: TableReader,
    output: _Output,
    pseudonymiser: Pseudonymiser,
    valid_codes: set[str],
    options: PseudonymiseOptions,
    progress: Progress,
) -> dict[str, Any]:
    names = [c for c in NAME_COLUMNS if c in reader.columns]
    addresses = [c for c in ADDRESS_COLUMNS if c in reader.columns]
    passed = [c for c in reader.columns if c not in (IDENTITY_COLUMN, BIRTH_DATE_COLUMN, *names, *addresses)]
    seen: dict[str, int] = {}
    for batch in reader.batches():
        _refuse_malformed(reader, batch)
        frame = batch.frame
        check_identity_codes(reader, batch, IDENTITY_COLUMN, valid_codes)
        codes = frame.get_column(IDENTITY_COLUMN).cast(pl.String)
        for code, line in zip(codes.to_list(), batch.lines.to_list(), strict=True):
            if code in seen:
                raise reader.error(
                    f"the identity code appears twice (first on {reader.line_kind} {seen[code]})",
                    code="duplicate_identity_code",
                    line=line,
                    column=IDENTITY_COLUMN,
                )
            seen[code] = line
        birth = date_column(frame, BIRTH_DATE_COLUMN)
        bad = birth.is_null()
        if bad.any():
            raise reader.error(
                "not a date (expected YYYY-MM-DD)",
                code="bad_date",
                line=_first_line_where(batch, bad),
                column=BIRTH_DATE_COLUMN,
            )
        scan_for_identity_codes(reader, batch, passed)
        columns: dict[str, pl.Series] = {"person_id": pseudonymiser.people(codes)}
        if names:
            joined = _joined(frame, names)
            columns["name_pseudonym"] = joined.map_elements(
                lambda v: pseudonymiser.pseudonym("name", v), return_dtype=pl.String
            )
        if addresses:
            joined = _joined(frame, addresses)
            columns["address_pseudonym"] = joined.map_elements(
                lambda v: pseudonymiser.pseudonym("address", v), return_dtype=pl.String
            )
        columns[BIRTH_DATE_COLUMN] = _coarsen(birth, options.birth_date_precision)
        for name in passed:
            columns[name] = frame.get_column(name)
        output.writer.write(pl.DataFrame(columns))
        progress("pseudonymise people", batch.position, reader.total_units)
    return {
        "name": output.name,
        "format": output.writer.file_format,
        "rows": output.writer.rows,
        "columns": [
            "person_id",
            *(["name_pseudonym"] if names else []),
            *(["address_pseudonym"] if addresses else []),
            BIRTH_DATE_COLUMN,
            *passed,
        ],
    }


def _pseudonymise_events(
    reader: TableReader,
    output: _Output,
    pseudonymiser: Pseudonymiser,
    valid_codes: set[str],
    progress: Progress,
) -> dict[str, Any]:
    passed = [c for c in reader.columns if c != IDENTITY_COLUMN]
    for batch in reader.batches():
        _refuse_malformed(reader, batch)
        check_identity_codes(reader, batch, IDENTITY_COLUMN, valid_codes)
        scan_for_identity_codes(reader, batch, passed)
        frame = batch.frame
        person = pseudonymiser.people(frame.get_column(IDENTITY_COLUMN).cast(pl.String))
        output.writer.write(frame.select(pl.lit(person).alias("person_id"), *passed))
        progress("pseudonymise events", batch.position, reader.total_units)
    return {
        "name": output.name,
        "format": output.writer.file_format,
        "rows": output.writer.rows,
        "columns": ["person_id", *passed],
    }
