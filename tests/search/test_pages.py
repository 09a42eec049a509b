"""Pages in the site search: only live, public, unexpired pages, synced on publish (real ES)."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from members.models import Grants, Tier
from portal.models import StandardPage
from search import service
from search.documents import alias_name

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def home(es, home_pages):
    return home_pages["ja"]


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def _publish(parent, title, intro, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            page = parent.add_child(instance=StandardPage(title=title, intro=intro, **extra))
            page.save_revision().publish()
        return page

    return _publish


def titles(q):
    return [r["name"] for r in service.site(q, grants=Grants(Tier.ANONYMOUS)).results]


def test_published_page_is_found_and_unpublishing_removes_it(
    home, publish, django_capture_on_commit_callbacks
):
    page = publish(home, "緊急支援のご案内", "ペンギン基金の申請方法")
    assert titles("ペンギン基金") == ["緊急支援のご案内"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles("ペンギン基金") == []


def test_drafts_are_never_indexed(home, django_capture_on_commit_callbacks, es):
    with django_capture_on_commit_callbacks(execute=True):
        draft = home.add_child(
            instance=StandardPage(title="下書き", intro="カピバラ計画", live=False)
        )
        draft.save_revision()
    assert titles("カピバラ") == []
    assert not es.exists(index=alias_name("pages"), id=f"page-{draft.pk}")


def test_private_pages_leave_the_index_with_their_subtree(
    home, publish, django_capture_on_commit_callbacks
):
    parent = publish(home, "会員向け", "オカピ会議の記録")
    child = publish(parent, "会員向け資料", "オカピ資料の一覧")
    assert len(titles("オカピ")) == 2
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)
    assert titles("オカピ") == []
    assert child.pk  # the child went with its restricted parent


def test_expired_pages_are_not_indexed(home, publish, es):
    past = timezone.now() - dt.timedelta(days=1)
    page = publish(home, "期限切れ", "アルマジロ募集", expire_at=past)
    page.refresh_from_db()
    assert titles("アルマジロ") == []


def test_site_search_mixes_pages_and_members_with_type_labels(home, publish, make_group, refresh):
    publish(home, "技能実習生ホットライン", "電話相談のご案内")
    make_group("技能実習生支援ネット", kana="ぎのうじっしゅうせいしえんねっと")
    refresh()
    results = service.site("技能実習生", grants=Grants(Tier.ANONYMOUS)).results
    assert {r["type"] for r in results} == {"page", "group"}
    assert all(r["type_label"] for r in results)


def test_page_search_follows_the_viewer_language(home_pages, publish, es):
    publish(home_pages["en"], "Emergency fund guide", "How to apply to the wombat fund")
    from django.utils import translation

    with translation.override("en"):
        assert titles("wombat") == ["Emergency fund guide"]
    with translation.override("ja"):
        assert titles("wombat") == []
