"""Import and export of member records (CSV, XLSX, JSON), used by the management commands and
the admin's spreadsheet export.

- ``columns``: the one table format both directions share;
- ``reading``: files (CSV, Shift_JIS CSV, XLSX, JSON) into a table, headers onto columns;
- ``importing``: validation of every row, then one atomic write;
- ``exporting``: the records an audience may see, as file bytes.

The names below are the public surface; callers import them from ``members.transfer``.
"""

from .columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    FORMATS,
    GROUP_ONLY,
    INDIVIDUAL_ONLY,
    Column,
    formula_escaped,
)
from .exporting import export_columns, export_records, export_value, members_export
from .importing import ImportReport, members_import
from .reading import FileRefused, ImportLimits, RowError, Table, table_read

__all__ = [
    "COLUMNS",
    "COLUMN_BY_KEY",
    "FORMATS",
    "GROUP_ONLY",
    "INDIVIDUAL_ONLY",
    "Column",
    "FileRefused",
    "ImportLimits",
    "ImportReport",
    "RowError",
    "Table",
    "export_columns",
    "export_records",
    "export_value",
    "formula_escaped",
    "members_export",
    "members_import",
    "table_read",
]
