"""Rebuild with alias swap, status drift and repair, sync on commit (real Elasticsearch)."""

import pytest
from django.core.management import CommandError, call_command

from members.models import Visibility
from search.documents import alias_name
from search.indexing import rebuild

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def concrete(es, kind):
    return sorted(es.indices.get_alias(name=alias_name(kind)).keys())


def test_rebuild_fills_a_new_index_and_swaps_the_alias(es, make_group, make_person, capsys):
    make_group("第一の会", kana="だいいちのかい")
    make_person(visibility=Visibility.SECRETARIAT)  # never indexed
    before = concrete(es, "members")
    call_command("search_index", "rebuild", "--kind", "members")
    after = concrete(es, "members")
    assert len(after) == 1 and after != before
    assert not es.indices.exists(index=before[0])  # the old index is gone
    assert es.count(index=alias_name("members"))["count"] == 1
    assert "docs/s" in capsys.readouterr().out


def test_rebuild_result_reports_throughput(es, make_group):
    make_group("第二の会", kana="だいにのかい")
    result = rebuild("members")
    assert result.count == 1 and result.docs_per_second > 0


def test_status_reports_drift_and_repair_fixes_it(es, make_group, capsys):
    keep = make_group("残る会", kana="のこるかい")
    lost = make_group("消える会", kana="きえるかい")
    call_command("search_index", "status", "--kind", "members")
    es.delete(index=alias_name("members"), id=f"group-{lost.pk}", refresh=True)
    es.index(index=alias_name("members"), id="group-999999", document={"kind": "group",
             "visibility": "public", "title": "幽霊"}, refresh=True)  # fmt: skip
    with pytest.raises(CommandError, match="repair"):
        call_command("search_index", "status", "--kind", "members")
    assert "1 missing, 1 not allowed" in capsys.readouterr().out
    call_command("search_index", "repair", "--kind", "members")
    call_command("search_index", "status", "--kind", "members")
    ids = {hit["_id"] for hit in es.search(index=alias_name("members"), size=10)["hits"]["hits"]}
    assert ids == {f"group-{keep.pk}", f"group-{lost.pk}"}


def test_sync_happens_only_after_commit(es, make_group, django_capture_on_commit_callbacks):
    group = make_group("コミットの会", kana="こみっとのかい")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        group.name = "コミット後の会"
        group.save()
        group.fields.add("labour")  # a tag by name, in the same transaction
        group.save()  # a parental relation: written by the save
    source = es.get(index=alias_name("members"), id=f"group-{group.pk}")["_source"]
    assert source["title"] == "コミットの会"  # nothing written before commit
    assert callbacks
    callbacks[0]()  # the first callback syncs everything pending
    source = es.get(index=alias_name("members"), id=f"group-{group.pk}")["_source"]
    assert source["title"] == "コミット後の会"
    assert source["fields"]  # the tag added in the same transaction is in the document
    version = es.get(index=alias_name("members"), id=f"group-{group.pk}")["_version"]
    for callback in callbacks[1:]:
        callback()
    assert es.get(index=alias_name("members"), id=f"group-{group.pk}")["_version"] == version


def test_deleting_a_member_deletes_its_document(es, make_group, django_capture_on_commit_callbacks):
    group = make_group("削除の会", kana="さくじょのかい")
    doc = f"group-{group.pk}"
    assert es.exists(index=alias_name("members"), id=doc)
    with django_capture_on_commit_callbacks(execute=True):
        group.delete()
    assert not es.exists(index=alias_name("members"), id=doc)


def test_bulk_rebuild_and_single_sync_build_the_same_document(es, make_group, make_person):
    from members.models import GroupMember, IndividualMember
    from search.indexing import indexable_members
    from search.serializers import member_document

    group = make_group("同じ文書の会", kana="おなじぶんしょのかい", fields=["labour", "refugees"],
                       languages=["vi", "ne"], networks=["trainees", "poverty"])  # fmt: skip
    person = make_person(occupation="通訳", affiliation=group)
    bulk = {(type(m), m.pk): member_document(m) for m in indexable_members()}
    assert bulk[(GroupMember, group.pk)] == member_document(GroupMember.objects.get(pk=group.pk))
    assert bulk[(IndividualMember, person.pk)] == member_document(
        IndividualMember.objects.get(pk=person.pk)
    )
    assert bulk[(GroupMember, group.pk)]["networks"] == ["poverty", "trainees"]


def test_status_counts_tiers_as_the_index_stores_them(es, make_person, capsys):
    from members.models import IndividualMember

    person = make_person()
    # A legacy row marked public: individuals are indexed at the members tier regardless.
    IndividualMember.objects.filter(pk=person.pk).update(visibility=Visibility.PUBLIC)
    call_command("search_index", "rebuild", "--kind", "members")
    call_command("search_index", "status", "--kind", "members")
    assert "members      database      1  index      1  ok" in capsys.readouterr().out
