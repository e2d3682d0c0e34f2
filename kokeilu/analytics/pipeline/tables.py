"""Reading and writing the extract's tables (CSV or Parquet) in batches, keeping track of line numbers.

CSV files have a header line and one record per line (quoted fields may contain the separator, not line
breaks). A batch is parsed with Polars; a batch Polars refuses, or whose row count does not match its line
count, is parsed again line by line with Python's csv module to name every malformed line. Parquet files
are read row group by row group with pyarrow; their "line" is the 1-based row number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import PipelineError

CSV_BLOCK_BYTES = 32 * 1024 * 1024
PARQUET_BATCH_ROWS = 1_000_000


def file_format(path: Path) -> str:
    """'csv' or 'parquet' from the file name (an '.enc' suffix of an encrypted file is ignored)."""
    name = path.name.removesuffix(".enc")
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".parquet"):
        return "parquet"
    raise PipelineError("unknown file type: expected .csv or .parquet", code="unknown_format", file=path)


@dataclass
class MalformedLine:
    line: int
    reason: str
    column: str | None = None


@dataclass
class Batch:
    """Rows of a table; `lines[i]` is the line (CSV) or row number (Parquet) of row i."""

    frame: pl.DataFrame
    lines: pl.Series
    malformed: list[MalformedLine] = field(default_factory=list)
    # How far into the file this batch ends, in the reader's `total_units` (bytes for CSV, rows for Parquet).
    position: int = 0


class TableReader:
    """One input table. Construction checks that the file exists, is not empty and has the columns."""

    def __init__(self, path: Path, *, required: Sequence[str], display_name: str | None = None) -> None:
        self.path = Path(path)
        self.display_name = display_name or str(path)
        self.format = file_format(self.path)
        if not self.path.exists():
            raise PipelineError("the file does not exist", code="missing_file", file=self.display_name)
        if self.path.stat().st_size == 0:
            raise PipelineError("the file is empty", code="empty_file", file=self.display_name)
        self.line_kind = "line" if self.format == "csv" else "row"
        self.columns = self._read_columns()
        self.total_units = (
            self.path.stat().st_size if self.format == "csv" else self._parquet.metadata.num_rows
        )
        for name in required:
            if name not in self.columns:
                raise PipelineError(
                    f"the required column {name!r} is missing (found: {', '.join(self.columns)})",
                    code="missing_column",
                    file=self.display_name,
                    line=1 if self.format == "csv" else None,
                    column=name,
                )

    def error(
        self, message: str, *, code: str, line: int | None = None, column: str | None = None
    ) -> PipelineError:
        return PipelineError(
            message, code=code, file=self.display_name, line=line, column=column, line_kind=self.line_kind
        )

    def _read_columns(self) -> list[str]:
        if self.format == "parquet":
            try:
                self._parquet = pq.ParquetFile(self.path)
            except (pa.ArrowInvalid, OSError) as error:
                raise self.error(
                    f"not a readable Parquet file; it may be truncated ({error})", code="truncated_file"
                ) from None
            return list(self._parquet.schema_arrow.names)
        with open(self.path, encoding="utf-8", newline="") as handle:
            header = handle.readline()
        if not header.strip():
            raise self.error("the header line is empty", code="empty_file", line=1)
        return next(csv.reader([header]))

    def batches(self) -> Iterator[Batch]:
        if self.format == "parquet":
            yield from self._parquet_batches()
        else:
            yield from self._csv_batches()

    def _parquet_batches(self) -> Iterator[Batch]:
        first = 1
        try:
            for record_batch in self._parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
                frame = pl.from_arrow(record_batch)
                assert isinstance(frame, pl.DataFrame)
                lines = pl.int_range(first, first + frame.height, eager=True, dtype=pl.Int64)
                first += frame.height
                yield Batch(frame, lines, position=first - 1)
        except (pa.ArrowInvalid, OSError) as error:
            raise self.error(
                f"the file cannot be read past row {first - 1}: {error}", code="truncated_file"
            ) from None
        if first == 1:
            raise self.error("the file has no rows", code="empty_file")

    def _csv_batches(self) -> Iterator[Batch]:
        schema = dict.fromkeys(self.columns, pl.String)
        with open(self.path, "rb") as handle:
            handle.readline()
            next_line = 2
            carry = b""
            rows_seen = 0
            while True:
                block = handle.read(CSV_BLOCK_BYTES)
                at_end = not block
                data = carry + block
                if not at_end:
                    cut = data.rfind(b"\n")
                    if cut < 0:
                        carry = data
                        continue
                    carry, data = data[cut + 1 :], data[: cut + 1]
                else:
                    carry = b""
                if data:
                    batch = self._parse_csv_block(data, next_line, schema)
                    batch.position = handle.tell() - len(carry)
                    next_line += data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
                    rows_seen += batch.frame.height + len(batch.malformed)
                    yield batch
                if at_end:
                    break
        if rows_seen == 0:
            raise self.error("the file has a header but no rows", code="empty_file")

    def _parse_csv_block(self, data: bytes, first_line: int, schema: dict[str, Any]) -> Batch:
        # The fast path needs every line to be a plain record: no quotes (so no quoted separators) and
        # exactly one separator fewer than there are columns. Polars pads short lines silently, so the
        # separators are counted first.
        if b'"' in data or b"\r" in data:
            return self._parse_csv_block_slowly(data, first_line)
        expected_rows = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        try:
            raw_lines = pl.read_csv(
                io.BytesIO(data),
                has_header=False,
                separator="\x1f",
                quote_char=None,
                schema={"line": pl.String},
            ).get_column("line")
            frame = pl.read_csv(io.BytesIO(data), has_header=False, schema=schema, empty_string_is_null=False)
        except pl.exceptions.PolarsError:
            return self._parse_csv_block_slowly(data, first_line)
        separators = raw_lines.fill_null("").str.count_matches(",", literal=True)
        if (
            frame.height != expected_rows
            or raw_lines.len() != expected_rows
            or not (separators == len(self.columns) - 1).all()
        ):
            return self._parse_csv_block_slowly(data, first_line)
        lines = pl.int_range(first_line, first_line + frame.height, eager=True, dtype=pl.Int64)
        return Batch(frame, lines)

    def _parse_csv_block_slowly(self, data: bytes, first_line: int) -> Batch:
        """Line by line: the good rows, and every malformed line with what is wrong with it."""
        good: list[list[str]] = []
        good_lines: list[int] = []
        malformed: list[MalformedLine] = []
        width = len(self.columns)
        text = data.decode("utf-8", errors="replace")
        for offset, raw in enumerate(text.split("\n")):
            if raw.endswith("\r"):
                raw = raw[:-1]
            line = first_line + offset
            if raw == "":
                continue
            try:
                fields = next(csv.reader([raw], strict=True))
            except csv.Error:
                malformed.append(MalformedLine(line, "unterminated or misplaced quote"))
                continue
            if len(fields) != width:
                malformed.append(MalformedLine(line, f"expected {width} fields, found {len(fields)}"))
                continue
            good.append(fields)
            good_lines.append(line)
        frame = pl.DataFrame(
            {name: [row[i] for row in good] for i, name in enumerate(self.columns)},
            schema=dict.fromkeys(self.columns, pl.String),
        )
        return Batch(frame, pl.Series(good_lines, dtype=pl.Int64), malformed)


def date_column(frame: pl.DataFrame, column: str) -> pl.Series:
    """The column as dates; values that are not ISO dates (YYYY-MM-DD) become null."""
    series = frame.get_column(column)
    if series.dtype == pl.Date:
        return series
    if isinstance(series.dtype, pl.Datetime):
        return series.dt.date()
    return series.cast(pl.String).str.strip_chars().str.to_date("%Y-%m-%d", strict=False)


class TableWriter:
    """Writes DataFrames of one schema to CSV or Parquet (a path or a binary file), batch by batch."""

    def __init__(self, target: Path | Any, file_format: str) -> None:
        if file_format not in ("csv", "parquet"):
            raise ValueError(f"unknown file format {file_format!r}")
        self.target = target
        self.file_format = file_format
        self.rows = 0
        self._parquet: pq.ParquetWriter | None = None
        self._wrote_header = False
        self._handle: Any = None
        self._owns_handle = False
        self._closed = False

    def write(self, frame: pl.DataFrame, *, row_group_size: int | None = None) -> None:
        self.rows += frame.height
        if self.file_format == "parquet":
            table = frame.to_arrow(compat_level=pl.CompatLevel.oldest())
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.target, table.schema, compression="zstd")
            self._parquet.write_table(table, row_group_size=row_group_size)
            return
        if self._handle is None:
            if isinstance(self.target, str | Path):
                self._handle = open(self.target, "wb")  # noqa: SIM115 - closed in close()
                self._owns_handle = True
            else:
                self._handle = self.target
        frame.write_csv(self._handle, include_header=not self._wrote_header)
        self._wrote_header = True

    def close(self, empty_schema: pl.DataFrame | None = None) -> None:
        """Finish the file; `empty_schema` gives the columns when nothing was written."""
        if self._closed:
            return
        self._closed = True
        if self._parquet is None and self._handle is None and empty_schema is not None:
            self.write(empty_schema.clear())
        if self._parquet is not None:
            self._parquet.close()
        if self._handle is not None and self._owns_handle:
            self._handle.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
