"""The site's languages: one setting, URL prefixes, lang/dir, registration and UI fallbacks."""

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from devtools.translation_status import shares
from members.models import Language
from portal.models import SiteSettings

SITE_CODES = [code for code, *_ in settings.SITE_LANGUAGES]


def test_one_setting_lists_every_language_for_django_and_wagtail():
    assert [
        *("ja", "ja-x-easy", "en", "vi", "tl", "pt-br", "zh-hans"),
        *("ne", "id", "ko", "es", "th", "my"),
    ] == SITE_CODES
    assert settings.LANGUAGES == settings.WAGTAIL_CONTENT_LANGUAGES
    assert dict(settings.LANGUAGES)["ja-x-easy"] == "やさしい日本語"
    assert dict(settings.LANGUAGES)["my"] == "မြန်မာ"


@pytest.mark.parametrize(("code", "local"), [("ja-x-easy", "やさしい日本語"), ("tl", "Tagalog")])
def test_codes_django_lacks_are_registered_with_their_own_name(code, local):
    info = translation.get_language_info(code)
    assert info["name_local"] == local and info["bidi"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["ja-x-easy", "vi", "tl", "pt-br", "zh-hans", "my"])
def test_every_language_has_its_prefix_and_sets_lang_and_dir(client, home_pages, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}" dir="ltr">' in html
    assert Locale.objects.filter(language_code=code).exists()
    # The picker names each language in its own script.
    assert 'lang="vi" hreflang="vi"' in html and ">Tiếng Việt</a>" in html


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("vi", "Model name"),  # untranslated: the English msgid, not the default Japanese
        ("ne", "Model name"),
        ("ja-x-easy", "モデル名"),  # やさしい日本語 falls back to Japanese
        ("ja", "モデル名"),
    ],
)
def test_a_missing_ui_string_falls_back_to_english_or_to_japanese_for_easy_japanese(code, expected):
    # Our catalogues are complete for the five main languages, so the example is one of Django
    # admin's strings, translated into Japanese but into neither Vietnamese nor Nepali.
    with translation.override(code):
        assert translation.gettext("Model name") == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ja-x-easy", "たすけて くれる グループ"),
        ("vi", "Các nhóm có thể giúp bạn"),
        ("tl", "Mga grupong makakatulong"),
        ("pt-br", "Grupos que podem ajudar"),
        ("zh-hans", "可以提供帮助的团体"),
    ],
)
def test_the_five_translated_catalogues_are_used(code, expected):
    with translation.override(code):
        assert translation.gettext("Groups that can help") == expected
        assert translation.gettext("Skip to main content") != "Skip to main content"
        # The page shown while the database is down, added to the site after the catalogues.
        assert translation.gettext("Temporarily unavailable") != "Temporarily unavailable"


FIRST_MET = [
    "Skip to main content",
    "Main menu",
    "Language",
    "Search",
    "Member directory",
    "Groups that can help",
    "This page in other languages",
    "Page not found",
    "Something went wrong",
    "Search is temporarily unavailable",
    "Temporarily unavailable",  # the page shown while the database is down
    "Too many log-in attempts",
    "NPO Solidarity Network with Migrants Japan (SMJ)",
]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ne", "मद्दत गर्न सक्ने समूहहरू"),
        ("id", "Kelompok yang dapat membantu"),
        ("ko", "도움을 줄 수 있는 단체"),
        ("es", "Grupos que pueden ayudar"),
        ("th", "กลุ่มที่ช่วยเหลือได้"),
        ("my", "ကူညီပေးနိုင်သော အဖွဲ့များ"),
    ],
)
def test_the_six_later_languages_have_the_chrome_a_newcomer_meets_first(code, expected):
    with translation.override(code):
        assert translation.gettext("Groups that can help") == expected
        for msgid in FIRST_MET:
            assert translation.gettext(msgid) != msgid, (code, msgid)


def test_share_translated_per_locale(capsys):
    by_code = {share.code: share for share in shares()}
    with capsys.disabled():
        print()
        for share in by_code.values():
            print(f"  {share.code:10} {share.translated:4}/{share.total} {share.percent:5.1f}%")
    assert by_code["ja"].percent == 100
    for code in set(SITE_CODES) - {"en"}:
        # Every string: the site chrome, forms, e-mails' subjects and the labels editors meet.
        assert by_code[code].percent == 100, code
    assert set(by_code) == set(SITE_CODES) - {"en"}


@pytest.mark.django_db
def test_directory_languages_share_the_site_codes():
    codes = set(Language.objects.values_list("code", flat=True))
    # Every site language but やさしい日本語 (Japanese, register-wise) is a directory language.
    assert set(SITE_CODES) - {"ja-x-easy"} <= codes
    assert not {"pt", "zh"} & codes


@pytest.mark.django_db
def test_sitemap_links_each_page_to_its_translations_with_hreflang(client, home_pages):
    body = client.get("/sitemap.xml").content.decode()
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in body
    vi_home = home_pages["vi"].get_full_url()
    for code in SITE_CODES:
        url = home_pages[code].get_full_url()
        assert f"<loc>{url}</loc>" in body
        assert f'<xhtml:link rel="alternate" hreflang="{code}" href="{url}"/>' in body
    assert f'hreflang="x-default" href="{home_pages["ja"].get_full_url()}"' in body
    # Every home page lists all thirteen alternates, itself included.
    assert body.count(f'hreflang="vi" href="{vi_home}"') == len(SITE_CODES)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("vi", "A society"), ("ne", "A society"), ("ja-x-easy", "誰も"), ("ja", "誰も")],
)
def test_footer_text_is_english_for_every_reader_but_a_japanese_one(code, expected):
    site_settings = SiteSettings(footer_text_ja="誰も排除しない社会", footer_text_en="A society")
    with translation.override(code):
        assert site_settings.footer_text.startswith(expected)
