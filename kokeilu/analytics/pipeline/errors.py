"""One error type for every refusal of the pipeline, naming the file, line and column where there is one."""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """Bad input or a refused operation. `code` is stable (for translation and tests); `str()` is English.

    `line` is the physical line of a CSV file (the header is line 1) or, for Parquet, the 1-based row
    number (`line_kind` "row"); `column` is the column name.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        file: str | Path | None = None,
        line: int | None = None,
        column: str | None = None,
        line_kind: str = "line",
    ) -> None:
        self.message = message
        self.line_kind = line_kind
        self.code = code
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    def location(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"{self.line_kind} {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message
