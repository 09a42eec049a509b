"""A member without a kana reading gets one derived from its name, flagged for review."""

import pytest
from django.urls import reverse

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import GroupMember, IndividualMember
from members.transfer import members_import

pytestmark = pytest.mark.django_db

HEADER = "type,member_number,name,kana,prefecture,visibility\n"


def test_a_new_member_without_reading_gets_one_flagged_for_review():
    group = GroupMemberFactory(name="仙台移住女性シェルター", kana="")
    assert group.kana == "せんだいいじゅうじょせいしぇるたー"
    assert group.kana_needs_review
    assert group.romaji.startswith("sendai ijuu josei sherutaa")
    person = IndividualMemberFactory(name="山田 花子", kana="")
    assert (person.kana, person.kana_needs_review) == ("やまだ はなこ", True)


def test_a_given_reading_is_not_flagged():
    group = GroupMemberFactory(name="郡山ユニオン", kana="コオリヤマユニオン")
    assert (group.kana, group.kana_needs_review) == ("こおりやまゆにおん", False)


def test_editing_the_derived_reading_clears_the_flag():
    group = GroupMemberFactory(name="郡山ユニオン", kana="")
    assert group.kana == "こうりやまゆにおん" and group.kana_needs_review
    group = GroupMember.objects.get(pk=group.pk)
    group.kana = "こおりやまゆにおん"
    group.save()
    assert not GroupMember.objects.get(pk=group.pk).kana_needs_review


def test_an_unreviewed_reading_follows_a_rename():
    group = GroupMemberFactory(name="金沢ユニオン", kana="")
    group = GroupMember.objects.get(pk=group.pk)
    group.name = "富山ユニオン"
    group.save()
    group.refresh_from_db()
    assert (group.kana, group.kana_needs_review) == ("とやまゆにおん", True)


def test_a_rename_with_a_blank_reading_derives_it():
    person = IndividualMemberFactory(name="山田 花子", kana="やまだ はなこ")
    person = IndividualMember.objects.get(pk=person.pk)
    person.name, person.kana = "田中 花子", ""
    person.save()
    assert (person.kana, person.kana_needs_review) == ("たなか はなこ", True)


def test_import_of_a_new_member_without_reading_flags_it(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(HEADER + "group,G1,江戸川ブラジル人コミュニティ,,13,public\n", encoding="utf-8")
    assert members_import(path=path).ok
    group = GroupMember.objects.get(member_number="G1")
    assert (group.kana, group.kana_needs_review) == ("えどがわぶらじるじんこみゅにてぃ", True)
    assert group.romaji.startswith("edogawa burajirujin komyuniti")


def test_blank_reading_cell_on_reimport_leaves_the_stored_reading(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        HEADER + "group,G1,郡山ユニオン,こおりやまゆにおん,07,public\n", encoding="utf-8"
    )
    assert members_import(path=path).ok
    path.write_text(HEADER + "group,G1,郡山ユニオン,,07,public\n", encoding="utf-8")
    assert members_import(path=path).ok
    group = GroupMember.objects.get(member_number="G1")
    assert (group.kana, group.kana_needs_review) == ("こおりやまゆにおん", False)
    # Renamed with a blank cell: the new name's reading is derived, for review.
    path.write_text(HEADER + "group,G1,仙台ユニオン,,07,public\n", encoding="utf-8")
    assert members_import(path=path).ok
    group.refresh_from_db()
    assert (group.kana, group.kana_needs_review) == ("せんだいゆにおん", True)


def test_a_rename_keeping_a_reviewed_reading_flags_it():
    group = GroupMemberFactory(name="郡山ユニオン", kana="こおりやまゆにおん")
    group = GroupMember.objects.get(pk=group.pk)
    group.name = "郡山労働ユニオン"
    group.save()
    assert (group.kana, group.kana_needs_review) == ("こおりやまゆにおん", True)


def test_admin_lists_and_filters_readings_to_review(editor_client):
    flagged = GroupMemberFactory(name="仙台移住女性シェルター", kana="")
    reviewed = GroupMemberFactory(name="郡山ユニオン", kana="こおりやまゆにおん")
    url = reverse("wagtailsnippets_members_groupmember:list")
    listing = editor_client.get(url).content.decode()
    assert "Reading to review" in listing or "よみがな要確認" in listing
    filtered = editor_client.get(url + "?kana_needs_review=true").content.decode()
    assert flagged.name in filtered
    assert reviewed.name not in filtered
    form = editor_client.get(
        reverse("wagtailsnippets_members_groupmember:edit", args=[flagged.pk])
    ).content.decode()
    assert 'name="kana_needs_review"' in form
