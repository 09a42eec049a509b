"""Finding 4 of issue 11: re-importing an old or blank spreadsheet never widens exposure.

A blank cell means "unchanged"; an import never clears a withdrawal, re-activates a member, or
widens a visibility or a consent; a row that would is refused with a message and nothing of the
file is written."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import GroupMember, IndividualMember, Status, Visibility
from members.transfer import members_export, members_import

pytestmark = pytest.mark.django_db

WITHDRAWN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def write(tmp_path, text: str):
    path = tmp_path / "members.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_blank_cells_change_nothing(tmp_path):
    group = GroupMemberFactory(
        member_number="G1",
        status=Status.LAPSED,
        visibility=Visibility.MEMBERS,
        consent_tier=Visibility.MEMBERS,
        consent_withdrawn_at=WITHDRAWN,
        contact_email="keep@example.org",
        description_ja="残す紹介文",
    )
    path = write(
        tmp_path,
        "type,member_number,name,status,visibility,consent_tier,consent_withdrawn_at,"
        "contact_email,description_ja,fields\n"
        "group,G1,,,,,,,,\n",
    )
    report = members_import(path=path)
    assert report.ok, report.errors
    stored = GroupMember.objects.get(pk=group.pk)
    assert stored.name == group.name
    assert stored.status == Status.LAPSED  # a blank status does not re-activate
    assert stored.visibility == Visibility.MEMBERS  # not the model default, public
    assert stored.consent_tier == Visibility.MEMBERS
    assert stored.consent_withdrawn_at == WITHDRAWN  # a blank date does not clear it
    assert stored.contact_email == "keep@example.org"
    assert stored.description_ja == "残す紹介文"


@pytest.mark.parametrize(
    ("stored", "cells", "column"),
    [
        ({"status": Status.LAPSED}, {"status": "active"}, "status"),
        ({"status": Status.LAPSED}, {"status": "活動中"}, "status"),
        (
            {"visibility": Visibility.MEMBERS, "consent_tier": Visibility.PUBLIC},
            {"visibility": "public"},
            "visibility",
        ),
        (
            {"contact_visibility": Visibility.SECRETARIAT},
            {"contact_visibility": "members"},
            "contact_visibility",
        ),
        (
            {"visibility": Visibility.MEMBERS, "consent_tier": Visibility.MEMBERS},
            {"consent_tier": "public"},
            "consent_tier",
        ),
        ({"consent_given_at": None}, {"consent_given_at": "2026-02-01"}, "consent_given_at"),
    ],
    ids=["reactivate", "reactivate-ja", "visibility", "contacts", "consent-tier", "new-consent"],
)
def test_a_widening_row_is_refused_and_nothing_is_written(tmp_path, stored, cells, column):
    group = GroupMemberFactory(member_number="G1", **stored)
    other = GroupMemberFactory(member_number="G2", name="元の名前")
    keys = list(cells)
    path = write(
        tmp_path,
        f"type,member_number,name,{','.join(keys)}\n"
        f"group,G2,新しい名前,{','.join('' for _ in keys)}\n"
        f"group,G1,{group.name},{','.join(cells.values())}\n",
    )
    before = members_export(fmt="json")
    report = members_import(path=path)
    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert "import" in report.errors[0].message  # says why, and where to do it instead
    assert members_export(fmt="json") == before
    assert GroupMember.objects.get(pk=other.pk).name == "元の名前"


def test_narrowing_is_applied(tmp_path):
    group = GroupMemberFactory(member_number="G1", visibility=Visibility.PUBLIC)
    path = write(
        tmp_path,
        "type,member_number,name,status,visibility,consent_withdrawn_at\n"
        f"group,G1,{group.name},lapsed,secretariat,2026-03-01T09:00+09:00\n",
    )
    report = members_import(path=path)
    assert report.ok, report.errors
    group.refresh_from_db()
    assert group.status == Status.LAPSED
    assert group.visibility == Visibility.SECRETARIAT
    assert group.consent_withdrawn_at == dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def test_a_narrower_consent_narrows_a_blank_visibility(tmp_path):
    group = GroupMemberFactory(member_number="G1", visibility=Visibility.PUBLIC)
    path = write(
        tmp_path,
        f"type,member_number,name,visibility,consent_tier\ngroup,G1,{group.name},,members\n",
    )
    report = members_import(path=path)
    assert report.ok, report.errors
    group.refresh_from_db()
    assert (group.consent_tier, group.visibility) == (Visibility.MEMBERS, Visibility.MEMBERS)


def test_blank_visibility_on_a_new_group_is_members_only_not_public(tmp_path):
    path = write(
        tmp_path,
        "type,member_number,name,visibility,consent_tier\n"
        "group,G1,新しい会,,\n"
        "group,G2,事務局にだけ同意した会,,secretariat\n",
    )
    report = members_import(path=path)
    assert report.ok, report.errors
    assert GroupMember.objects.get(member_number="G1").visibility == Visibility.MEMBERS
    # Never wider than the consent the row records.
    assert GroupMember.objects.get(member_number="G2").visibility == Visibility.SECRETARIAT


def test_a_new_group_without_a_visibility_column_is_members_only(tmp_path):
    path = write(tmp_path, "type,member_number,name\ngroup,G1,新しい会\n")
    assert members_import(path=path).ok
    assert GroupMember.objects.get().visibility == Visibility.MEMBERS


def test_a_row_older_than_the_record_is_warned_about(tmp_path):
    person = IndividualMemberFactory(member_number="P1", last_confirmed=dt.date(2026, 4, 1))
    path = write(
        tmp_path,
        "type,member_number,name,last_confirmed,occupation\n"
        f"individual,P1,{person.name},2025-04-01,弁護士\n",
    )
    report = members_import(path=path)
    assert report.ok, report.errors
    assert [(w.row, w.column) for w in report.warnings] == [(2, "last_confirmed")]
    assert "2026-04-01" in report.warnings[0].message
    person.refresh_from_db()
    # The older date does not move the record's confirmation back.
    assert person.last_confirmed == dt.date(2026, 4, 1)
    assert person.occupation == "弁護士"


def test_the_command_prints_warnings(tmp_path):
    person = IndividualMemberFactory(member_number="P1", last_confirmed=dt.date(2026, 4, 1))
    path = write(
        tmp_path,
        f"type,member_number,name,last_confirmed\nindividual,P1,{person.name},2025-04-01\n",
    )
    err = io.StringIO()
    call_command("import_members", str(path), stdout=io.StringIO(), stderr=err, verbosity=0)
    assert "row 2, column last_confirmed" in err.getvalue()
    assert "older" in err.getvalue()


def test_a_withdrawn_person_reimported_from_an_old_full_export_stays_withdrawn(tmp_path):
    person = IndividualMemberFactory(member_number="P1", visibility=Visibility.MEMBERS)
    old = tmp_path / "old.csv"
    old.write_bytes(members_export(fmt="csv"))
    person.consent_withdrawn_at = WITHDRAWN
    person.save()
    report = members_import(path=old)
    assert report.ok, report.errors
    assert IndividualMember.objects.get().consent_withdrawn_at == WITHDRAWN
