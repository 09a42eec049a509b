"""Every change of who may see an entry is in the consent ledger, whoever makes it: an import
(``ConsentSource.IMPORT``) and the secretariat's create and edit in the admin
(``ConsentSource.SECRETARIAT``), through the one writer ``record_privacy_changes``. The import
and export carry the chosen sub-networks, so a round trip keeps them."""

import json

import pytest
from django.utils import timezone

from members.factories import GroupMemberFactory
from members.models import ConsentRecord, GroupMember, SubNetwork, Visibility
from members.transfer import Table, export_columns, members_export, members_import

from .test_admin import _group_form, url

pytestmark = pytest.mark.django_db

NAME = "台帳の会"


def _import(*rows: dict):
    # The name is a required column; the same name changes nothing.
    rows = [{"name": NAME, **row} for row in rows]
    headers = sorted({key for row in rows for key in row})
    table = Table(headers=headers, rows=[(n, row) for n, row in enumerate(rows, start=2)])
    return members_import(table=table)


def _rows():
    return [
        (r.field, r.from_value, r.to_value, r.how)
        for r in ConsentRecord.objects.order_by("field", "pk")
    ]


def _group(**fields):
    values = {"visibility": Visibility.PUBLIC, "consent_tier": Visibility.PUBLIC, **fields}
    return GroupMemberFactory(name=NAME, member_number="G-LEDGER", **values)


def test_an_import_that_narrows_visibility_writes_one_ledger_row():
    _group()
    report = _import({"type": "group", "member_number": "G-LEDGER", "visibility": "members"})
    assert report.ok, report.errors
    assert _rows() == [("visibility", "public", "members", "import")]
    assert ConsentRecord.objects.get().by is None


def test_an_import_that_changes_nothing_private_writes_no_row():
    _group()
    report = _import(
        {"type": "group", "member_number": "G-LEDGER", "visibility": "public", "website": ""},
        {
            "type": "group",
            "member_number": "G-LEDGER-2",
            "name": "新しい会",
            "kana": "あたらしいかい",
        }
        | {"visibility": "", "website": "https://example.org"},
    )
    assert report.ok, report.errors
    rows = ConsentRecord.objects.all()
    # The new record starts its history; the unchanged one has none.
    assert {r.member_number for r in rows} == {"G-LEDGER-2"}


def test_the_audience_column_goes_round_and_narrows_on_import():
    group = _group(visibility=Visibility.SUBNETWORKS, subnetworks=[("trainees", "member")])
    group.audience_subnetworks.set(SubNetwork.objects.filter(slug__in=["trainees", "women"]))
    exported = json.loads(members_export(fmt="json"))
    row = next(r for r in exported if r["member_number"] == "G-LEDGER")
    assert row["audience"] == ["trainees", "women"]
    assert "audience" not in {c.key for c in export_columns(public_only=True)}
    # The same file back: nothing changes, nothing is recorded.
    assert _import(row).ok
    assert set(group.audience_subnetworks.values_list("slug", flat=True)) == {"trainees", "women"}
    assert not ConsentRecord.objects.exists()
    # One sub-network fewer narrows, and is recorded with the sub-networks named.
    report = _import({**row, "audience": ["trainees"]})
    assert report.ok, report.errors
    assert set(group.audience_subnetworks.values_list("slug", flat=True)) == {"trainees"}
    assert _rows() == [
        ("visibility", "subnetworks:trainees,women", "subnetworks:trainees", "import")
    ]


def test_an_unknown_audience_code_or_a_wider_audience_refuses_the_file():
    group = _group(visibility=Visibility.SUBNETWORKS)
    group.audience_subnetworks.set(SubNetwork.objects.filter(slug="trainees"))
    report = _import({"type": "group", "member_number": "G-LEDGER", "audience": "trainees; nope"})
    assert [(e.column, e.message) for e in report.errors] == [
        ("audience", "unknown sub-network code 'nope'")
    ]
    report = _import({"type": "group", "member_number": "G-LEDGER", "audience": "trainees; women"})
    assert [e.column for e in report.errors] == ["audience"]
    assert "women" in report.errors[0].message
    # Nothing lost, nothing written.
    assert set(group.audience_subnetworks.values_list("slug", flat=True)) == {"trainees"}
    assert not ConsentRecord.objects.exists()


def test_an_admin_edit_writes_one_row_and_none_without_a_privacy_change(client, secretariat_user):
    group = _group(consent_given_at=timezone.now())
    client.force_login(secretariat_user)
    response = client.post(
        url("groupmember", "edit", group.pk),
        _group_form(group, description_ja="説明だけ変えた", contact_visibility="secretariat"),
    )
    assert response.status_code == 302
    assert not ConsentRecord.objects.exists()
    response = client.post(
        url("groupmember", "edit", group.pk),
        _group_form(group, visibility="members", contact_visibility="secretariat"),
    )
    assert response.status_code == 302
    assert [
        (r.field, r.from_value, r.to_value, r.how, r.by) for r in ConsentRecord.objects.all()
    ] == [("visibility", "public", "members", "secretariat", secretariat_user)]


def test_an_admin_edit_of_the_chosen_sub_networks_applies_at_once_and_is_recorded(
    client, secretariat_user
):
    group = _group(visibility=Visibility.SUBNETWORKS)
    group.audience_subnetworks.set(SubNetwork.objects.filter(slug="trainees"))
    women = SubNetwork.objects.get(slug="women")
    client.force_login(secretariat_user)
    data = _group_form(group, contact_visibility="secretariat")
    data["audience_subnetworks"] = [women.pk]  # the checkboxes: one value each
    response = client.post(url("groupmember", "edit", group.pk), data)
    assert response.status_code == 302
    live = GroupMember.objects.get(pk=group.pk)
    assert set(live.audience_subnetworks.values_list("slug", flat=True)) == {"women"}
    assert _rows() == [("visibility", "subnetworks:trainees", "subnetworks:women", "secretariat")]


def test_an_admin_create_starts_the_entrys_history(client, secretariat_user, directory):
    template = directory["public_group"]
    client.force_login(secretariat_user)
    data = _group_form(
        template,
        name="新規の会",
        slug="new-group",
        member_number="G-NEW",
        visibility="members",
        contact_visibility="secretariat",
        postal_visibility="secretariat",
    )
    response = client.post(url("groupmember", "add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = GroupMember.objects.get(member_number="G-NEW")
    rows = {
        (r.field, r.from_value, r.to_value, r.how, r.by)
        for r in ConsentRecord.objects.filter(group=created)
    }
    assert ("visibility", "", "members", "secretariat", secretariat_user) in rows
    assert ("status", "", "active", "secretariat", secretariat_user) in rows
