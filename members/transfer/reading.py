"""Reading an import file: CSV (UTF-8, with or without BOM, or Shift_JIS), XLSX or JSON into a
``Table``, and mapping its headers to the columns of ``members.transfer.columns``."""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .columns import COLUMN_BY_KEY, COLUMNS, formula_unescaped, match_key


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (row number as the user sees it, header → value)


def table_read(*, path: Path) -> Table:
    """Read a CSV (UTF-8 with or without BOM, or Shift_JIS), XLSX (first sheet) or JSON
    (a list of objects)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix == ".json":
        return _read_json(path.read_text(encoding="utf-8"))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Japanese Windows saves CSV as Shift_JIS (cp932) unless told otherwise.
        text = raw.decode("cp932")
    return _read_csv(text)


def _read_csv(text: str) -> Table:
    reader = csv.reader(io.StringIO(text))
    headers = next(reader, [])
    rows = [
        (number, dict(zip(headers, map(formula_unescaped, values), strict=False)))
        for number, values in enumerate(reader, start=2)
        if any(v.strip() for v in values)
    ]
    return Table(headers=headers, rows=rows)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        headers = [str(h) if h is not None else "" for h in next(lines, ())]
        rows = [
            (number, dict(zip(headers, values, strict=False)))
            for number, values in enumerate(lines, start=2)
            if any(v not in (None, "") for v in values)
        ]
    finally:
        # A read-only workbook keeps its file open until closed.
        workbook.close()
    return Table(headers=headers, rows=rows)


def _read_json(text: str) -> Table:
    records = json.loads(text)
    if isinstance(records, dict):
        records = records.get("members", [])
    headers = list(dict.fromkeys(k for record in records for k in record))
    return Table(headers=headers, rows=list(enumerate(records, start=1)))


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
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
