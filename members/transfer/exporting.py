"""Exporting members as CSV (UTF-8 with BOM), XLSX or JSON; an export imports back to the same
data. Each audience gets only what it may see: ``visible_to`` picks the records and
``private_field_visible_to`` each contact column."""

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from members.models import Grants, GroupMember, IndividualMember, Tier

from .columns import (
    COLUMNS,
    FORMATS,
    GROUP_ONLY,
    INDIVIDUAL_ONLY,
    LIST_COLUMNS,
    NATIONWIDE,
    OVERSEAS,
    Column,
    formula_escaped,
)


def export_columns(*, public_only: bool) -> list[Column]:
    if public_only:
        return [c for c in COLUMNS if not (c.private or c.internal)]
    return list(COLUMNS)


def export_records(*, public_only: bool) -> Iterable[dict[str, Any]]:
    """Rows for every record the export's audience may see, in member-number order.

    ``--public-only`` exports what an anonymous visitor may see (nothing limited to members or
    to sub-networks); a full export is the secretariat's view. Both go through ``visible_to``
    and ``private_field_visible_to`` with the grants of that viewer.
    """
    grants = Grants(Tier.ANONYMOUS if public_only else Tier.SECRETARIAT)
    columns = export_columns(public_only=public_only)
    for model in (GroupMember, IndividualMember):
        members = (
            model.objects.visible_to(grants)
            .order_by("member_number")
            .select_related("prefecture")
            .prefetch_related(
                "fields", "languages", "participations__subnetwork", "audience_subnetworks"
            )
        )
        if model is GroupMember:
            members = members.prefetch_related("service_prefectures")
        else:
            members = members.select_related("affiliation")
        for member in members:
            yield _record(member, columns, viewer=grants)


def _record(member, columns: list[Column], *, viewer: Grants) -> dict[str, Any]:
    is_group = isinstance(member, GroupMember)
    not_for_kind = INDIVIDUAL_ONLY if is_group else GROUP_ONLY
    record: dict[str, Any] = {}
    for column in columns:
        key = column.key
        # Each private column by its own rule: e-mail and phone, or the postal address.
        hidden = column.private and not member.private_field_visible_to(key, viewer)
        if key in not_for_kind or hidden:
            record[key] = [] if key in LIST_COLUMNS else ""
            continue
        record[key] = export_value(member, key)
    return record


def export_value(member, key: str):
    """One column of one member as plain data (codes, slugs, ISO dates); shared with the
    admin's spreadsheet export so both exports read the same."""
    if key == "type":
        return member.kind
    if key == "prefecture":
        return member.prefecture.code if member.prefecture else ""
    if key == "service_area":
        area = [p.code for p in sorted(member.service_prefectures.all(), key=lambda p: p.code)]
        return (
            ([NATIONWIDE] if member.serves_nationwide else [])
            + area
            + ([OVERSEAS] if member.serves_overseas else [])
        )
    if key == "fields":
        return sorted(t.slug for t in member.fields.all())
    if key == "languages":
        return sorted(lang.code for lang in member.languages.all())
    if key == "subnetworks":
        return sorted(f"{p.subnetwork.slug}:{p.role}" for p in member.participations.all())
    if key == "audience":
        return sorted(subnetwork.slug for subnetwork in member.audience_subnetworks.all())
    if key == "affiliation":
        return member.affiliation.member_number if member.affiliation else ""
    value = getattr(member, key)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def members_export(*, fmt: str, public_only: bool = False, headers: str = "en") -> bytes:
    """The export file's bytes. ``headers``: ``en`` (column keys) or ``ja`` (Japanese labels;
    JSON always uses the keys)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    columns = export_columns(public_only=public_only)
    records = list(export_records(public_only=public_only))
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2).encode()
    names = [c.ja if headers == "ja" else c.key for c in columns]
    lines = [[_cell(record[c.key]) for c in columns] for record in records]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        # Member text is data: "=HYPERLINK(…)" in a description must not run when opened.
        writer.writerows([formula_escaped(cell) for cell in line] for line in lines)
        # The BOM lets Excel open Japanese text correctly; the importer skips it.
        return out.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("members")
    sheet.append(names)
    for line in lines:
        cells = [WriteOnlyCell(sheet, value) for value in line]
        for cell in cells:
            # Member text is data: a description starting with "=" must not become a formula.
            cell.data_type = "s"
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)
