"""Findings 5 and 7 of issue 11, and the mode of export files.

- Every CSV writer escapes cells a spreadsheet would run as a formula, judged after NFKC
  (a full-width ＝ is a formula to Excel too); XLSX cells are typed as text and stay as they are.
- An import refuses files that are too large, that expand too much, or that have too many
  rows, before holding them in memory.
"""

import csv
import io
import stat
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import GroupMember, IndividualMember
from members.transfer import formula_escaped, members_export, members_import
from members.transfer.columns import formula_unescaped

pytestmark = pytest.mark.django_db

DANGEROUS = {
    "=1+1": "'=1+1",
    '＝HYPERLINK("http://x")': '\'＝HYPERLINK("http://x")',  # full-width: = after NFKC
    "+81 3 1234": "'+81 3 1234",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "＠SUM(A1)": "'＠SUM(A1)",
    "\t=1": "'\t=1",
    "\r=1": "'\r=1",
    "'=1": "''=1",  # an apostrophe already there is kept, so the import gets the text back
}
HARMLESS = ["普通の紹介文", "a = b", "", "'quoted'", "03-1234-5678"]


@pytest.mark.parametrize(("text", "escaped"), DANGEROUS.items())
def test_formula_cells_get_an_apostrophe(text, escaped):
    assert formula_escaped(text) == escaped


@pytest.mark.parametrize("text", HARMLESS)
def test_other_cells_are_unchanged(text):
    assert formula_escaped(text) == text


@pytest.mark.parametrize("text", [*DANGEROUS, *HARMLESS, "''=1", "＇=1"])
def test_the_csv_reader_takes_the_apostrophe_off_again(text):
    assert formula_unescaped(formula_escaped(text)) == text


def _formula_people():
    group = GroupMemberFactory(
        member_number="G1", description_ja="＝cmd|' /C calc'!A0", name_en="@evil"
    )
    IndividualMemberFactory(member_number="P1", bio="=1+1", occupation="+弁護士", affiliation=group)
    return group


def test_export_members_csv_escapes_formulas_after_nfkc():
    _formula_people()
    rows = list(csv.DictReader(io.StringIO(members_export(fmt="csv").decode("utf-8-sig"))))
    group, person = rows
    assert group["description_ja"] == "'＝cmd|' /C calc'!A0"
    assert group["name_en"] == "'@evil"
    assert person["bio"] == "'=1+1"
    assert person["occupation"] == "'+弁護士"


def test_export_members_xlsx_is_untouched():
    from openpyxl import load_workbook

    _formula_people()
    sheet = load_workbook(io.BytesIO(members_export(fmt="xlsx"))).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert any(c.value == "=1+1" and c.data_type == "s" for c in cells)
    assert not any(str(c.value).startswith("'") for c in cells)


def test_escaped_csv_imports_back_to_the_same_text(tmp_path):
    _formula_people()
    before = members_export(fmt="json")
    path = tmp_path / "members.csv"
    path.write_bytes(members_export(fmt="csv"))
    IndividualMember.objects.all().delete()
    GroupMember.objects.all().delete()
    report = members_import(path=path)
    assert report.ok, report.errors
    assert members_export(fmt="json") == before


@pytest.mark.parametrize("model", ["groupmember", "individualmember"])
def test_admin_csv_export_escapes_formulas(secretariat_client, model):
    _formula_people()
    response = secretariat_client.get(
        reverse(f"wagtailsnippets_members_{model}:list") + "?export=csv"
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code == 200
    row = next(csv.reader(io.StringIO(text.splitlines()[1])))
    if model == "groupmember":
        assert "'＝cmd|' /C calc'!A0" in row and "'@evil" in row
    else:
        assert "'=1+1" in row and "'+弁護士" in row
    assert not any(cell[:1] in "=+-@＝＠" and cell for cell in row)


def test_admin_xlsx_export_is_untouched(secretariat_client):
    from openpyxl import load_workbook

    _formula_people()
    response = secretariat_client.get(
        reverse("wagtailsnippets_members_individualmember:list") + "?export=xlsx"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    values = [c for row in sheet.values for c in row]
    assert "=1+1" in values
    assert "'=1+1" not in values


# ----------------------------------------------------------------------------- export files


def test_export_files_are_readable_by_their_owner_only(tmp_path):
    GroupMemberFactory()
    output = tmp_path / "full.csv"
    output.write_text("an older file, world-readable")
    output.chmod(0o644)
    call_command("export_members", "--output", str(output), stderr=io.StringIO(), verbosity=0)
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert "private" in output.read_text(encoding="utf-8-sig")  # the contacts are in it
    fresh = tmp_path / "fresh.xlsx"
    call_command("export_members", "--format", "xlsx", "--output", str(fresh), stderr=io.StringIO())
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


# ----------------------------------------------------------------------------- import limits


def _xlsx(path, rows):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("members")
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_a_small_xlsx_that_expands_beyond_the_limit_is_refused_before_openpyxl(
    tmp_path, settings, monkeypatch
):
    settings.MEMBERS_IMPORT_MAX_EXPANDED_BYTES = 1_000_000
    path = _xlsx(
        tmp_path / "bomb.xlsx",
        [("type", "member_number", "name", "bio")]
        + [("individual", f"P{n}", "人", "あ" * 30_000) for n in range(20)],
    )
    assert path.stat().st_size < 100_000  # small on disk
    expanded = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    assert expanded > 1_000_000

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open a file over the limit")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    report = members_import(path=path)
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(0, "")]
    message = str(report.errors[0])
    assert message.startswith("file: ")
    assert "1,000,000" in message and "expand" in message
    assert IndividualMember.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.MEMBERS_IMPORT_MAX_FILE_BYTES = 1000
    path = tmp_path / "big.csv"
    path.write_text("type,member_number,name\n" + "group,G1,会\n" * 200, encoding="utf-8")
    report = members_import(path=path)
    assert not report.ok
    assert "1,000 bytes" in str(report.errors[0])
    assert GroupMember.objects.count() == 0


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json"])
def test_a_file_over_the_row_limit_is_refused(tmp_path, settings, suffix):
    settings.MEMBERS_IMPORT_MAX_ROWS = 3
    rows = [("type", "member_number", "name")] + [("group", f"G{n}", f"会{n}") for n in range(4)]
    path = tmp_path / f"rows.{suffix}"
    if suffix == "xlsx":
        _xlsx(path, rows)
    elif suffix == "json":
        import json

        path.write_text(json.dumps([dict(zip(rows[0], r, strict=True)) for r in rows[1:]]))
    else:
        path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    report = members_import(path=path)
    assert not report.ok
    assert "more than 3 rows" in str(report.errors[0])
    assert GroupMember.objects.count() == 0
    settings.MEMBERS_IMPORT_MAX_ROWS = 4
    assert members_import(path=path).ok


def test_the_command_names_the_limit(tmp_path, settings):
    from django.core.management import CommandError

    settings.MEMBERS_IMPORT_MAX_ROWS = 1
    path = tmp_path / "rows.csv"
    path.write_text("type,member_number,name\ngroup,G1,a\ngroup,G2,b\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_members", str(path), stderr=err, verbosity=0)
    assert "rows.csv: file: more than 1 rows" in err.getvalue()


def test_default_limits_are_set(settings):
    assert settings.MEMBERS_IMPORT_MAX_FILE_BYTES >= 1_000_000
    assert settings.MEMBERS_IMPORT_MAX_EXPANDED_BYTES >= settings.MEMBERS_IMPORT_MAX_FILE_BYTES
    assert settings.MEMBERS_IMPORT_MAX_ROWS >= 10_000
