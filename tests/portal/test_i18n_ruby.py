"""Furigana for やさしい日本語: 漢字《かんじ》 in Q&A text becomes <ruby>, with a reader toggle."""

import datetime

import pytest
from wagtail.models import Locale

from portal.models import QAIndexPage, QAPage
from portal.ruby import with_ruby
from tests.builders import publish


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("相談《そうだん》して", "<ruby>相談<rp>(</rp><rt>そうだん</rt><rp>)</rp></ruby>して"),
        ("｜日本語教室《にほんごきょうしつ》へ", "<ruby>日本語教室<rp>(</rp><rt>にほんごきょうしつ</rt><rp>)</rp></ruby>へ"),
        ("《》だけ", "《》だけ"),
        ("<b>危険《きけん》</b>", "&lt;b&gt;<ruby>危険<rp>(</rp><rt>きけん</rt><rp>)</rp></ruby>&lt;/b&gt;"),
        ("悪意《<script>》", "悪意《&lt;script&gt;》"),  # only kana become a reading
    ],
)  # fmt: skip
def test_readings_become_ruby_and_plain_text_is_escaped_first(text, expected):
    assert with_ruby(text, is_html=False) == expected


@pytest.mark.django_db
def test_easy_japanese_qa_page_shows_ruby_and_the_toggle(client, home_pages):
    index = publish(home_pages["ja"], QAIndexPage(title="Q&A", slug="qa"))
    easy_index = index.copy_for_translation(Locale.objects.get(language_code="ja-x-easy"))
    easy_index.save_revision().publish()
    today = datetime.date.today()
    page = publish(
        index,
        QAPage(
            title="相談",
            slug="soudan",
            as_of=today,
            review_due=today,
            answers=[("qa", {"question": "どこ？", "answer": "<p>市役所《しやくしょ》へ。</p>"})],
        ),
    )
    easy = page.copy_for_translation(Locale.objects.get(language_code="ja-x-easy"))
    easy.save_revision().publish()
    html = client.get(easy.url).content.decode()
    assert "<ruby>市役所<rp>(</rp><rt>しやくしょ</rt><rp>)</rp></ruby>へ。" in html
    assert 'data-ruby-toggle aria-pressed="true" hidden>ふりがな</button>' in html
    assert "/static/js/ruby.js" in html and "<script>" not in html  # no inline script
    plain = publish(index, QAPage(title="No", slug="no", as_of=today, review_due=today, answers=[]))
    assert "data-ruby-toggle" not in client.get(plain.url).content.decode()
