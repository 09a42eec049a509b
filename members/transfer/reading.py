"""Reading an import file: CSV (UTF-8, with or without BOM, or Shift_JIS), XLSX or JSON into a
``Table``, and mapping its headers to the columns of ``members.transfer.columns``.

A file is checked against ``ImportLimits`` before it is held in memory: its size, for an XLSX
the size its zip expands to, and its number of rows, counted as they stream in.
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from .columns import COLUMN_BY_KEY, COLUMNS, formula_unescaped, match_key


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (row number as the user sees it, header → value)


class FileRefused(ValueError):
    """A file over one of the import limits, refused before it is read whole."""


@dataclass(frozen=True)
class ImportLimits:
    max_file_bytes: int
    max_expanded_bytes: int
    max_rows: int

    @classmethod
    def from_settings(cls) -> "ImportLimits":
        return cls(
            max_file_bytes=settings.MEMBERS_IMPORT_MAX_FILE_BYTES,
            max_expanded_bytes=settings.MEMBERS_IMPORT_MAX_EXPANDED_BYTES,
            max_rows=settings.MEMBERS_IMPORT_MAX_ROWS,
        )


def table_read(*, path: Path, limits: ImportLimits | None = None) -> Table:
    """Read a CSV (UTF-8 with or without BOM, or Shift_JIS), XLSX (first sheet) or JSON
    (a list of objects); raise ``FileRefused`` for a file over ``limits``."""
    limits = limits or ImportLimits.from_settings()
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise FileRefused(
            f"the file has {size:,} bytes, more than the {limits.max_file_bytes:,} bytes "
            "an import accepts (MEMBERS_IMPORT_MAX_FILE_BYTES)"
        )
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, limits)
    if suffix == ".json":
        return _read_json(path.read_text(encoding="utf-8"), limits)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Japanese Windows saves CSV as Shift_JIS (cp932) unless told otherwise.
        text = raw.decode("cp932")
    return _read_csv(text, limits)


def _counted(rows: Iterable[tuple[int, Any]], limits: ImportLimits) -> Iterator[tuple[int, Any]]:
    """The rows, refused as soon as one more than the limit arrives (nothing beyond is read)."""
    for count, row in enumerate(rows, start=1):
        if count > limits.max_rows:
            raise FileRefused(
                f"more than {limits.max_rows:,} rows; an import takes at most "
                f"{limits.max_rows:,} (MEMBERS_IMPORT_MAX_ROWS): split the file"
            )
        yield row


def _read_csv(text: str, limits: ImportLimits) -> Table:
    reader = csv.reader(io.StringIO(text))
    headers = next(reader, [])
    rows = _counted(
        (
            (number, dict(zip(headers, map(formula_unescaped, values), strict=False)))
            for number, values in enumerate(reader, start=2)
            if any(v.strip() for v in values)
        ),
        limits,
    )
    return Table(headers=headers, rows=list(rows))


def _read_xlsx(path: Path, limits: ImportLimits) -> Table:
    from openpyxl import load_workbook

    _check_expanded_size(path, limits)
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        # read_only streams the sheet's XML row by row, so rows past the limit are never parsed.
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        headers = [str(h) if h is not None else "" for h in next(lines, ())]
        rows = _counted(
            (
                (number, dict(zip(headers, values, strict=False)))
                for number, values in enumerate(lines, start=2)
                if any(v not in (None, "") for v in values)
            ),
            limits,
        )
        return Table(headers=headers, rows=list(rows))
    finally:
        # A read-only workbook keeps its file open until closed.
        workbook.close()


def _check_expanded_size(path: Path, limits: ImportLimits) -> None:
    """An XLSX is a zip: a small file can hold a sheet of gigabytes. The sizes its directory
    declares are a real bound, since ``zipfile`` stops each member at its declared size."""
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise FileRefused("not an XLSX file (it is not a zip archive)") from error
    if expanded > limits.max_expanded_bytes:
        raise FileRefused(
            f"the spreadsheet would expand to {expanded:,} bytes, more than the "
            f"{limits.max_expanded_bytes:,} bytes an import accepts "
            "(MEMBERS_IMPORT_MAX_EXPANDED_BYTES)"
        )


def _read_json(text: str, limits: ImportLimits) -> Table:
    records = json.loads(text)
    if isinstance(records, dict):
        records = records.get("members", [])
    headers = list(dict.fromkeys(k for record in records for k in record))
    return Table(headers=headers, rows=list(_counted(enumerate(records, start=1), limits)))


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        # Row 0 is the file as a whole (a limit it is over).
        where = "file" if self.row == 0 else f"row {self.row}"
        where += f", column {self.column}" if self.column else ""
        return f"{where}: {self.message}"


def header_mapping(headers: list[str], errors: list[RowError]) -> dict[str, str]:
    """Map each file header to a column key; unknown headers are errors (a typo would
    otherwise silently drop a column)."""
    spellings = {
        match_key(spelling): column.key
        for column in COLUMNS
        for spelling in (column.key, column.en, column.ja, *column.aliases)
    }
    mapping = {}
    for header in headers:
        key = spellings.get(match_key(header))
        if key is None:
            errors.append(RowError(1, header, "unknown column"))
        elif key in mapping.values():
            errors.append(RowError(1, header, "column given twice"))
        else:
            mapping[header] = key
    for required in ("type", "member_number", "name"):
        if required not in mapping.values():
            errors.append(RowError(1, COLUMN_BY_KEY[required].en, "required column is missing"))
    return mapping
