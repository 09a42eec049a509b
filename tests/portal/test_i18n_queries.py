"""Thirteen languages must not cost a query each: a page's translations (for the language links,
the translation notice, the Q&A picker and the menu's home page) come in one query per request,
and Locales are read once per process."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from members.models import FieldTag, Language
from portal.models import QAIndexPage, QAPage
from tests.builders import publish

TODAY = datetime.date.today()


def translate(page, code, **fields):
    copy = page.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


@pytest.fixture
def qa(home_pages):
    index = publish(home_pages["ja"], QAIndexPage(title="Q&A", slug="qa", show_in_menus=True))
    page = publish(
        index,
        QAPage(
            title="コロナ禍で困ったとき",
            slug="covid",
            as_of=TODAY,
            review_due=TODAY + datetime.timedelta(days=90),
            answers=[("qa", {"question": "仕事を失いました", "answer": "<p>相談を。</p>"})],
        ),
    )
    page.help_fields.set(FieldTag.objects.filter(slug="labour"))
    page.help_languages.set(Language.objects.filter(code="en"))
    page.save_revision().publish()
    pages = {"ja": page}
    for code in ("vi", "en"):
        translate(index, code)
        pages[code] = translate(page, code, title=f"Q&A ({code})")
    return pages


def queries_for(client, url) -> list[str]:
    for _warm_up in range(2):  # fill the site look-up and Wagtail's own caches (root paths)
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.django_db
def test_a_translated_page_costs_the_same_whatever_its_number_of_translations(client, qa):
    url = qa["vi"].url
    before = queries_for(client, url)
    index = qa["ja"].get_parent()
    for code in ("tl", "pt-br", "zh-hans", "ne", "ko"):
        translate(index, code)
        translate(qa["ja"], code, title=f"Q&A ({code})")
    after = queries_for(client, url)
    html = client.get(url).content.decode()
    assert html.count('hreflang="ko"') >= 2  # the picker and the language links list it
    assert len(after) == len(before), "\n".join(after)
    # The translations of the page and the home pages: one query for all languages.
    assert sum('"translation_key" IN' in sql for sql in after) == 1


@pytest.mark.django_db
def test_a_translation_costs_at_most_one_query_more_than_its_japanese_source(client, qa):
    # The one more: Wagtail's routing finds the home page of the reader's language.
    assert len(queries_for(client, qa["vi"].url)) <= len(queries_for(client, qa["ja"].url)) + 1


@pytest.mark.django_db
def test_locales_are_read_once_and_forgotten_when_one_is_saved_or_deleted(
    django_assert_num_queries,
):
    Locale.objects.get_or_create(language_code="ja")
    Locale.objects.filter(language_code="vi").delete()
    with translation.override("vi"):
        assert Locale.get_active().language_code == "ja"  # no Vietnamese locale yet
        with django_assert_num_queries(0):
            assert Locale.get_active().language_code == "ja"
            assert Locale.get_default().language_code == "ja"
        vietnamese = Locale.objects.create(language_code="vi")
        assert Locale.get_active() == vietnamese
        vietnamese.delete()
        assert Locale.get_active().language_code == "ja"
