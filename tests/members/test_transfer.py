import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import GroupMember, IndividualMember, ParticipationRole, Visibility
from members.transfer import members_export, members_import

pytestmark = pytest.mark.django_db

HEADER = "type,member_number,name,kana,prefecture,fields,languages,subnetworks,visibility\n"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_creates_groups_and_individuals(tmp_path):
    path = write(
        tmp_path,
        "members.csv",
        HEADER
        + "group,G1,名古屋ユニオン,なごやゆにおん,愛知県,労働; technical-intern-training,vi; Portuguese,trainees:coordinator,public\n"
        + "individual,P1,田中 花子,タナカ ハナコ,13,通訳・翻訳,ベトナム語,women,members\n",
    )
    report = members_import(path=path)
    assert report.ok, report.errors
    assert report.created == {"group": 1, "individual": 1}
    group = GroupMember.objects.get(member_number="G1")
    assert group.prefecture.code == "23"
    assert sorted(group.fields.names()) == ["労働", "技能実習"]
    assert sorted(group.languages.values_list("code", flat=True)) == ["pt-br", "vi"]
    assert group.participations.get().role == ParticipationRole.COORDINATOR
    assert group.slug  # derived from the reading when the file has none
    person = IndividualMember.objects.get(member_number="P1")
    assert person.kana == "たなか はなこ"
    assert person.romaji == "tanaka hanako"
    assert person.participations.get().subnetwork.slug == "women"


def test_japanese_headers_and_values(tmp_path):
    path = write(
        tmp_path,
        "会員.csv",
        "種別,会員番号,名称,都道府県,活動地域,公開範囲,状態\n"
        "団体,G7,大阪の会,Osaka,全国; 兵庫県; 海外,会員のみ,失効\n",
    )
    report = members_import(path=path)
    assert report.ok, report.errors
    group = GroupMember.objects.get(member_number="G7")
    assert group.prefecture.code == "27"
    assert group.serves_nationwide and group.serves_overseas
    assert list(group.service_prefectures.values_list("code", flat=True)) == ["28"]
    assert group.visibility == Visibility.MEMBERS
    assert group.status == "lapsed"


def test_shift_jis_csv_from_excel(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("種別,会員番号,名称,都道府県\n団体,G1,浜松の会,静岡県\n".encode("cp932"))
    assert members_import(path=path).ok
    assert GroupMember.objects.get().prefecture.code == "22"


def test_one_bad_row_writes_nothing_and_names_row_and_column(tmp_path):
    path = write(
        tmp_path,
        "members.csv",
        HEADER
        + "group,G1,良い会,よいかい,13,labour,vi,,public\n"
        + "group,G2,悪い会,わるいかい,99,labour,vi,,public\n"
        + "individual,P1,良い人,よいひと,13,,,,members\n",
    )
    report = members_import(path=path)
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(3, "prefecture")]
    assert "99" in report.errors[0].message
    assert GroupMember.objects.count() == 0
    assert IndividualMember.objects.count() == 0


def test_every_bad_row_is_reported(tmp_path):
    path = write(
        tmp_path,
        "members.csv",
        HEADER
        + "club,G1,会,,13,,,,public\n"
        + "group,G2,会,,13,no-such-field,xx,,public\n"
        + "individual,P1,人,,13,,,,public\n"
        + "group,G2,重複,,13,,,,public\n",
    )
    report = members_import(path=path)
    errors = {(e.row, e.column) for e in report.errors}
    assert (2, "type") in errors
    assert (3, "fields") in errors
    assert (3, "languages") in errors
    assert (4, "visibility") in errors  # a person cannot be public
    assert (5, "member_number") in errors  # G2 twice
    assert GroupMember.objects.count() == 0


def test_unknown_column_is_an_error(tmp_path):
    path = write(tmp_path, "m.csv", "type,member_number,name,colour\ngroup,G1,会,blue\n")
    report = members_import(path=path)
    assert [(e.row, e.column) for e in report.errors] == [(1, "colour")]


def test_command_reports_errors_and_fails(tmp_path):
    path = write(tmp_path, "m.csv", HEADER + "group,G1,会,,Atlantis,,,,public\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_members", str(path), stderr=err, verbosity=0)
    assert "row 2, column prefecture" in err.getvalue()


def test_dry_run_writes_nothing(tmp_path):
    path = write(tmp_path, "m.csv", HEADER + "group,G1,会,,13,,,,public\n")
    out = io.StringIO()
    call_command("import_members", str(path), "--dry-run", stdout=out, verbosity=0)
    assert "1 groups and 0 individuals would be created" in out.getvalue()
    assert GroupMember.objects.count() == 0


def test_reimport_updates_by_member_number(tmp_path):
    path = write(tmp_path, "m.csv", HEADER + "group,G1,会,,13,labour,,,public\n")
    members_import(path=path)
    path.write_text(HEADER + "group,G1,新しい名前,,14,refugees,,,public\n", encoding="utf-8")
    report = members_import(path=path)
    assert report.updated["group"] == 1
    assert report.created["group"] == 0
    group = GroupMember.objects.get()
    assert group.name == "新しい名前"
    assert group.prefecture.code == "14"
    assert list(group.fields.names()) == ["難民"]


def test_import_keeps_columns_the_file_does_not_have(tmp_path):
    group = GroupMemberFactory(member_number="G1", contact_email="keep@example.org")
    path = write(tmp_path, "m.csv", "type,member_number,name\ngroup,G1,改名した会\n")
    assert members_import(path=path).ok
    group.refresh_from_db()
    assert group.name == "改名した会"
    assert group.contact_email == "keep@example.org"


def test_affiliation_must_name_a_known_group(tmp_path):
    path = write(
        tmp_path,
        "m.csv",
        "type,member_number,name,affiliation\n"
        "group,G1,会,\n"
        "individual,P1,人,G1\n"
        "individual,P2,人,G404\n",
    )
    report = members_import(path=path)
    assert [(e.row, e.column) for e in report.errors] == [(4, "affiliation")]


def snapshot() -> str:
    return members_export(fmt="json").decode()


@pytest.fixture
def network(directory):
    person = directory["person"]
    person.affiliation = directory["public_group"]
    person.bio = "=1+1 is text, not a spreadsheet formula"
    person.save()
    IndividualMemberFactory(
        fields=["legal-aid", "refugees"],
        languages=["en", "fa"],
        subnetworks=[("immigration-law", "coordinator"), ("poverty", "member")],
        member_since="2015-04-01",
    )
    directory["public_group"].service_prefectures.add(
        *directory["public_group"].prefecture.region.prefectures.all()[:3]
    )
    directory["public_group"].save()  # a parental relation: written by the save
    return directory


@pytest.mark.parametrize(
    ("fmt", "headers"),
    [("csv", "en"), ("csv", "ja"), ("xlsx", "en"), ("xlsx", "ja"), ("json", "en")],
)
def test_round_trip(tmp_path, network, fmt, headers):
    before = snapshot()
    path = tmp_path / f"members.{fmt}"
    path.write_bytes(members_export(fmt=fmt, headers=headers))
    GroupMember.objects.all().delete()
    IndividualMember.objects.all().delete()
    report = members_import(path=path)
    assert report.ok, report.errors
    assert report.created == {"group": 4, "individual": 3}
    assert snapshot() == before
    # Importing the same file again changes nothing and creates nothing.
    report = members_import(path=path)
    assert report.created == {"group": 0, "individual": 0}
    assert snapshot() == before
    assert GroupMember.objects.count() == 4


def test_public_export_leaks_no_hidden_record_and_no_contact(network):
    for fmt in ("csv", "json"):
        data = members_export(fmt=fmt, public_only=True).decode("utf-8-sig")
        assert "公開の会" in data
        for hidden in ("会員限定の会", "事務局限定の会", "撤回した会", "田中 花子", "鈴木 一郎"):
            assert hidden not in data
        assert "secret-" not in data
        assert "03-1111-0001" not in data
        assert "contact_email" not in data
        assert "consent_given_at" not in data
    records = json.loads(members_export(fmt="json", public_only=True))
    assert [r["member_number"] for r in records] == [network["public_group"].member_number]


def test_full_export_has_contacts_and_everyone(network):
    data = members_export(fmt="csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == 7
    assert {r["type"] for r in rows} == {"group", "individual"}
    assert "secret-public-group@example.org" in data


def test_export_command_writes_a_file(tmp_path, network):
    output = tmp_path / "public.xlsx"
    call_command(
        "export_members", "--format", "xlsx", "--public-only", "--output", str(output), verbosity=0
    )
    from openpyxl import load_workbook

    rows = list(load_workbook(output).worksheets[0].values)
    assert rows[0][:3] == ("type", "member_number", "name")
    assert len(rows) == 2
    assert not any("secret-" in str(cell) for row in rows for cell in row)
