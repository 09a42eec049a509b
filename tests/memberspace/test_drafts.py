"""Directory entries as Wagtail snippets with drafts, revisions and a workflow."""

import pytest
from django.utils import timezone

from members.consent import member_narrow_visibility
from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import (
    ConsentSource,
    FieldTag,
    GroupMember,
    IndividualMember,
    Language,
    Prefecture,
    Tier,
    Visibility,
)
from search.documents import alias_name

pytestmark = pytest.mark.django_db


def test_both_kinds_go_through_the_directory_entry_approval_workflow():
    for model in (GroupMember, IndividualMember):
        workflow = model.get_default_workflow()
        assert workflow is not None and workflow.name == "Directory entry approval"
        task = workflow.tasks.get().specific
        assert list(task.groups.values_list("name", flat=True)) == ["Secretariat"]


def test_existing_and_new_rows_are_live_and_a_never_published_entry_is_not_listed():
    group = GroupMemberFactory()
    assert group.live and group.is_listed
    assert GroupMember.objects.listed().filter(pk=group.pk).exists()
    GroupMember.objects.filter(pk=group.pk).update(live=False)
    group.refresh_from_db()
    assert not group.is_listed
    assert not group.visible_to(Tier.ANONYMOUS)
    assert not GroupMember.objects.listed().filter(pk=group.pk).exists()
    assert not GroupMember.objects.visible_to(Tier.ANONYMOUS).filter(pk=group.pk).exists()


def test_a_revision_carries_tags_languages_and_service_area_and_only_publishing_writes_them():
    group = GroupMemberFactory(fields=["labour"], languages=["vi"])
    draft = group.get_latest_revision_as_object()
    draft.name = "新しい名前の会"
    draft.fields.set([FieldTag.objects.get(slug="refugees")])
    draft.languages.set(Language.objects.filter(code__in=["en", "tl"]))
    draft.service_prefectures.set(Prefecture.objects.filter(code="27"))
    revision = draft.save_revision()

    live = GroupMember.objects.get(pk=group.pk)
    assert live.name != "新しい名前の会"
    assert [t.slug for t in live.fields.all()] == ["labour"]
    assert [lang.code for lang in live.languages.all()] == ["vi"]
    assert not live.service_prefectures.exists()
    assert live.has_unpublished_changes

    revision.publish()
    live = GroupMember.objects.get(pk=group.pk)
    assert live.name == "新しい名前の会"
    assert [t.slug for t in live.fields.all()] == ["refugees"]
    assert sorted(lang.code for lang in live.languages.all()) == ["en", "tl"]
    assert [p.code for p in live.service_prefectures.all()] == ["27"]


def test_publishing_an_older_revision_keeps_the_live_privacy_values():
    group = GroupMemberFactory(visibility=Visibility.PUBLIC)
    draft = group.get_latest_revision_as_object()
    draft.description_ja = "下書きの説明"
    revision = draft.save_revision()  # made while the entry was public
    member_narrow_visibility(member=group, visibility=Visibility.MEMBERS, how=ConsentSource.MEMBER)
    withdrawn_at = timezone.now()
    GroupMember.objects.filter(pk=group.pk).update(
        consent_withdrawn_at=withdrawn_at, last_confirmed="2026-04-01"
    )

    revision.publish()
    live = GroupMember.objects.get(pk=group.pk)
    assert live.description_ja == "下書きの説明"
    assert live.visibility == Visibility.MEMBERS
    assert live.consent_tier == Visibility.MEMBERS
    assert live.consent_withdrawn_at == withdrawn_at
    assert str(live.last_confirmed) == "2026-04-01"
    assert not live.is_listed


def test_publishing_an_older_revision_never_relinks_an_account(django_user_model):
    first = django_user_model.objects.create_user("first")
    person = IndividualMemberFactory(user=first)
    revision = person.get_latest_revision_as_object().save_revision()
    IndividualMember.objects.filter(pk=person.pk).update(user=None)
    revision.publish()
    assert IndividualMember.objects.get(pk=person.pk).user_id is None


@pytest.mark.elasticsearch
def test_a_draft_never_reaches_the_index(es, refresh, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        group = GroupMemberFactory(name="索引の会", kana="さくいんのかい", fields=["labour"])
    refresh()
    doc = f"group-{group.pk}"
    assert es.get(index=alias_name("members"), id=doc)["_source"]["title"] == "索引の会"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        draft = group.get_latest_revision_as_object()
        draft.name = "下書きだけの会"
        draft.fields.set([FieldTag.objects.get(slug="refugees")])
        revision = draft.save_revision()
    assert callbacks  # the revision's save of the row did schedule a sync...
    refresh()
    source = es.get(index=alias_name("members"), id=doc)["_source"]
    assert source["title"] == "索引の会"  # ...which re-read the live row, not the draft
    assert "下書きだけの会" not in repr(source)

    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    refresh()
    assert es.get(index=alias_name("members"), id=doc)["_source"]["title"] == "下書きだけの会"
