"""The generic page checks can fail: each catches a deliberately broken page, and passes a
sound one (so a green page test means something)."""

import pytest

from .checks import (
    assert_accessible,
    assert_no_horizontal_scroll,
    assert_screen_reader_text_hidden,
)

pytestmark = pytest.mark.browser

SOUND = """<!doctype html><html lang="ja"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>テスト</title>
<style>.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
clip: rect(0 0 0 0); white-space: nowrap; }</style></head>
<body><main><h1>会員を探す</h1><p><span class="visually-hidden">分野:</span>子ども・教育</p>
<img src="data:," alt="ロゴ"><label>言葉 <input name="q"></label></main></body></html>"""


@pytest.fixture
def phone(pages):
    return pages(390)


def test_a_sound_page_passes_every_check(phone):
    phone.set_content(SOUND)
    assert_no_horizontal_scroll(phone)
    assert_screen_reader_text_hidden(phone)
    assert_accessible(phone)


def test_axe_reports_serious_violations_with_rule_and_target(phone):
    # An image without alt text (critical) and an unlabelled input (critical).
    phone.set_content(SOUND.replace(' alt="ロゴ"', "").replace("<label>言葉 <input", "<input"))
    with pytest.raises(AssertionError) as failure:
        assert_accessible(phone)
    message = str(failure.value)
    assert "image-alt" in message
    assert "label" in message
    assert "img" in message  # the target selector


def test_a_page_wider_than_the_phone_fails(phone):
    phone.set_content(SOUND.replace("<h1>", '<h1 class="wide" style="width: 600px">'))
    with pytest.raises(AssertionError, match=r"scrolls sideways at 390 px.*h1\.wide"):
        assert_no_horizontal_scroll(phone)


@pytest.mark.parametrize(
    "broken",
    [
        # The stylesheet that defines the class is not loaded (the defect of issue 8).
        lambda html: html.replace(".visually-hidden {", ".not-loaded {"),
        # Sized to 1 px but neither clipped nor hiding its overflow: the text spills out.
        lambda html: html.replace("overflow: hidden;\nclip: rect(0 0 0 0);", "").replace(
            "height: 1px;", "height: 20px;"
        ),
    ],
    ids=["class-not-styled", "not-clipped"],
)
def test_visible_screen_reader_text_fails(phone, broken):
    phone.set_content(broken(SOUND))
    with pytest.raises(AssertionError, match="分野:"):
        assert_screen_reader_text_hidden(phone)
