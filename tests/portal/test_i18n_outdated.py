"""「原文が更新されています」: a translation published before its Japanese source's latest
publication says so to its readers, in their language, with the source's date."""

import pytest
from django.utils import timezone
from wagtail.models import Locale

from portal.models import QAPage, StandardPage
from portal.translations import outdated_source
from tests.builders import publish


@pytest.fixture
def source_and_vi(home_pages):
    source = publish(home_pages["ja"], StandardPage(title="在留資格の相談", slug="visa"))
    vi = source.copy_for_translation(Locale.objects.get(language_code="vi"))
    vi.title = "Tư vấn tư cách lưu trú"
    vi.save_revision().publish()
    return source, vi


@pytest.mark.django_db
def test_notice_appears_when_the_source_changes_and_goes_when_the_translation_is_synced(
    client, source_and_vi
):
    source, vi = source_and_vi
    assert "translation-outdated" not in client.get(vi.url).content.decode()

    source.title = "在留資格の相談（改訂）"
    source.save_revision().publish()
    html = client.get(vi.url).content.decode()
    assert 'data-testid="translation-outdated"' in html
    assert "Bản gốc đã được cập nhật." in html
    date = timezone.localtime(source.last_published_at)
    assert f"{date.day} tháng {date.month} năm {date.year}" in html  # the source's date
    assert f'href="{source.url}" lang="ja"' in html
    # The Japanese source itself never carries the notice.
    assert "translation-outdated" not in client.get(source.url).content.decode()

    vi.refresh_from_db()
    vi.save_revision().publish()  # the translation is synced and published again
    assert "translation-outdated" not in client.get(vi.url).content.decode()


@pytest.mark.django_db
def test_japanese_reader_sees_the_notice_in_japanese_on_easy_japanese_page(client, home_pages):
    source = publish(home_pages["ja"], StandardPage(title="家賃", slug="rent"))
    easy = source.copy_for_translation(Locale.objects.get(language_code="ja-x-easy"))
    easy.save_revision().publish()
    source.save_revision().publish()
    html = client.get(easy.url).content.decode()
    assert "もとの ページが かわりました。" in html


@pytest.mark.django_db
def test_seed_leaves_the_tagalog_covid_answer_behind_its_source(site_tree):
    pages = {p.locale.language_code: p for p in QAPage.objects.filter(slug="covid-19-trouble")}
    assert outdated_source(pages["tl"]) == pages["ja"]
    assert outdated_source(pages["vi"]) is None and outdated_source(pages["ja"]) is None
