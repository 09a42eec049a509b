"""Idempotent creation of the site's page tree in Japanese and English.

``ensure_home_pages`` makes the two home pages and the Site record; the other ``ensure_*``
functions build portal's sections below them from ``portal.demo_content``. The whole tree, with
the sub-network pages in their place, is composed by ``projects.seed`` (portal does not import
projects). Pages that already exist (matched by slug under their parent) are left as editors
left them; a missing translation is made by wagtail-localize from the Japanese page, with the
demo text as the translations of its segments (``portal.synced_translations``), so editors
find it in wagtail-localize's editor like any translation they make.
"""

import datetime
from collections.abc import Sequence
from io import BytesIO

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from members.models import FieldTag, Language, SubNetwork
from portal import demo_content as content
from portal.editors import ensure_secretariat_workflow
from portal.models import (
    EventIndexPage,
    EventPage,
    FundPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PillarPage,
    PublicationIndexPage,
    PublicationPage,
    QAIndexPage,
    QAPage,
    SiteSettings,
    StandardPage,
)
from portal.synced_translations import create_synced_translation

HOME_TITLES = {
    "ja": "移住者と連帯する全国ネットワーク",
    "ja-x-easy": "いじゅうれん（外国人を ささえる ネットワーク）",
    "en": "Solidarity Network with Migrants Japan",
    "vi": "Mạng lưới Đoàn kết với Người Di cư Nhật Bản",
    "tl": "Network ng Pakikiisa sa mga Migrante sa Japan",
    "pt-br": "Rede Nacional de Solidariedade com Migrantes no Japão",
    "zh-hans": "移民团结全国网络",
}
HOME_LEADS = {
    "ja": "全国の移住者支援団体と個人をつなぎ、移住者の権利と尊厳を守る社会をめざします。",
    "en": (
        "We connect migrant-support groups and supporters across Japan, working for a society "
        "that respects the rights and dignity of every migrant."
    ),
    "ja-x-easy": "日本に すむ 外国人を ささえる グループが つながって います。こまったときは そうだんして ください。",
    "vi": "Chúng tôi kết nối các nhóm hỗ trợ người di cư trên khắp Nhật Bản. Khi gặp khó khăn, hãy hỏi chúng tôi.",
    "tl": "Pinag-uugnay namin ang mga grupong tumutulong sa mga migrante sa buong Japan. Kapag may problema, lumapit sa amin.",
    "pt-br": "Conectamos grupos de apoio a migrantes em todo o Japão. Se precisar de ajuda, fale conosco.",
    "zh-hans": "我们把日本各地支援移民的团体联系在一起。遇到困难时，请来咨询。",
}  # fmt: skip

Pages = dict[str, Page]  # language code → the page in that locale


def _locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


@transaction.atomic
def ensure_home_pages() -> dict[str, HomePage]:
    """Make sure each configured language has a locale and a published home page.

    Replaces Wagtail's placeholder "Welcome" page on first run; later runs change nothing.
    """
    locales = _locales()
    default = locales[settings.LANGUAGE_CODE]
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        # Wagtail's first migration leaves a plain "Welcome" page in the way of our slug.
        for placeholder in root.get_children().filter(slug="home"):
            if placeholder.specific_class is Page:
                placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLES[default.language_code],
                slug="home",
                lead=HOME_LEADS[default.language_code],
                about=content.HOME_ABOUT.get(default.language_code, ""),
                locale=default,
            )
        )
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "移住連",
            },
        )

    homes = {default.language_code: home}
    for code, locale in locales.items():
        if code == default.language_code:
            continue
        translation = home.get_translation_or_none(locale)
        if translation is None:
            # A language without demo copy gets the English text, which its readers are likelier
            # to read than the Japanese.
            translation = create_synced_translation(
                source_page=home,
                locale=locale,
                text={
                    "title": HOME_TITLES.get(code, HOME_TITLES["en"]),
                    "lead": HOME_LEADS.get(code, HOME_LEADS["en"]),
                    "about": content.HOME_ABOUT.get(code, content.HOME_ABOUT["en"]),
                },
            )
        homes[code] = translation.specific
    return homes


def ensure_page(
    *,
    parents: Pages,
    model: type[Page],
    slug: str,
    ja: dict,
    en: dict,
    shared: dict | None = None,
    menu: bool = False,
    tags: Sequence[str] = (),
    subnetworks: Sequence[str] = (),
    translations: dict[str, dict] | None = None,
    help_fields: Sequence[str] = (),
    help_languages: Sequence[str] = (),
) -> Pages:
    """One published page in Japanese and its translations (English, and ``translations`` by
    language code where the parent exists in that language), created only if missing."""
    shared = shared or {}
    per_language = {"ja": ja, "en": en, **(translations or {})}
    default_code = settings.LANGUAGE_CODE
    original = parents[default_code].get_children().filter(slug=slug).first()
    if original is None:
        original = model(slug=slug, show_in_menus=menu, **shared, **per_language[default_code])
        parents[default_code].add_child(instance=original)
        if tags:
            original.tags.add(*FieldTag.objects.filter(slug__in=tags))
        if subnetworks:
            original.subnetworks.set(SubNetwork.objects.filter(slug__in=subnetworks))
        if help_fields:
            original.help_fields.set(FieldTag.objects.filter(slug__in=help_fields))
        if help_languages:
            original.help_languages.set(Language.objects.filter(code__in=help_languages))
        original.save_revision().publish()
    original = original.specific
    pages = {default_code: original}
    for code, locale in _locales().items():
        if code == default_code or code not in per_language or code not in parents:
            continue
        translation = original.get_translation_or_none(locale)
        if translation is None:
            translation = create_synced_translation(
                source_page=original, locale=locale, text=per_language[code]
            )
        pages[code] = translation.specific
    return pages


def _demo_issue_files(number: int) -> dict:
    """A drawn cover and a one-page PDF for a demo M-net issue, made once and reused."""
    title = f"M-net {number}"
    cover = Image.objects.filter(title=title).first()
    document = Document.objects.filter(title=title).first()
    if cover and document:
        return {"cover": cover, "pdf": document}
    drawing = PILImage.new("RGB", (600, 848), (11, 110, 79))
    pen = ImageDraw.Draw(drawing)
    pen.rectangle((40, 40, 560, 808), outline=(255, 255, 255), width=6)
    pen.text((80, 120), title, fill=(255, 255, 255), font_size=72)
    pen.text(
        (80, 220), "Solidarity Network with Migrants Japan", fill=(255, 255, 255), font_size=26
    )
    png, pdf = BytesIO(), BytesIO()
    drawing.save(png, "PNG")
    drawing.save(pdf, "PDF")
    cover = cover or Image.objects.create(
        title=title, file=ImageFile(png, name=f"m-net-{number}.png")
    )
    document = document or Document.objects.create(
        title=title, file=File(pdf, name=f"m-net-{number}.pdf")
    )
    return {"cover": cover, "pdf": document}


def _ensure_site_settings(site: Site) -> None:
    site_settings = SiteSettings.for_site(site)
    if site_settings.pk and site_settings.footer_text_ja:
        return
    # Placeholders until the secretariat fills in the real addresses in the admin.
    site_settings.contact_email = "info@example.org"
    site_settings.facebook_url = "https://www.facebook.com/"
    site_settings.x_url = "https://x.com/"
    site_settings.footer_text_ja = "誰も排除しない社会を、ここに暮らすすべての人とともに。"
    site_settings.footer_text_en = "A society that excludes no one, with everyone who lives here."
    site_settings.save()


def ensure_about_and_pillars(*, homes: dict[str, HomePage]) -> dict[str, Pages]:
    """The pages that come first in each home page's menu: about and the three pillars."""
    tree = {"about": ensure_page(parents=homes, model=StandardPage, **content.ABOUT)}
    for pillar in content.PILLARS:
        tree[pillar["slug"]] = ensure_page(parents=homes, model=PillarPage, **pillar)
    return tree


def ensure_news(*, homes: dict[str, HomePage]) -> dict[str, Pages]:
    tree = {
        "news": ensure_page(
            parents=homes, model=NewsIndexPage, slug="news", menu=True, **content.INDEXES["news"]
        )
    }
    for item in content.news_items(timezone.localdate()):
        tree[f"news/{item['slug']}"] = ensure_page(parents=tree["news"], model=NewsPage, **item)
    return tree


def ensure_sections_after_news(*, homes: dict[str, HomePage]) -> dict[str, Pages]:
    """Events, M-net, Q&A, the fund, joining and privacy, in that menu order."""
    tree = {
        "events": ensure_page(
            parents=homes,
            model=EventIndexPage,
            slug="events",
            menu=True,
            **content.INDEXES["events"],
        )
    }
    for event in content.events(timezone.localtime()):
        tree[f"events/{event['slug']}"] = ensure_page(
            parents=tree["events"], model=EventPage, **event
        )

    tree["m-net"] = ensure_page(
        parents=homes, model=PublicationIndexPage, slug="m-net", **content.INDEXES["m-net"]
    )
    for issue in content.PUBLICATIONS:
        files = _demo_issue_files(issue["shared"]["issue_number"])
        tree[f"m-net/{issue['slug']}"] = ensure_page(
            parents=tree["m-net"],
            model=PublicationPage,
            **{**issue, "shared": {**issue["shared"], **files}},
        )

    tree["qa"] = ensure_page(
        parents=homes, model=QAIndexPage, slug="qa", menu=True, **content.INDEXES["qa"]
    )
    for qa in content.qa_pages(timezone.localdate()):
        tree[f"qa/{qa['slug']}"] = ensure_page(parents=tree["qa"], model=QAPage, **qa)
    # One translation older than its source, so the 「原文が更新されています」 notice shows.
    _leave_behind(tree["qa/covid-19-trouble"]["tl"], source=tree["qa/covid-19-trouble"]["ja"])

    tree["fund"] = ensure_page(parents=homes, model=FundPage, **content.FUND)
    tree["join"] = ensure_page(parents=homes, model=StandardPage, **content.JOIN)
    tree["privacy"] = ensure_page(parents=homes, model=StandardPage, **content.PRIVACY)
    return tree


def _leave_behind(translation: Page, *, source: Page) -> None:
    """Date ``translation`` a week before its source's last publication, unless an editor has
    published it since the seed made it (then it is theirs)."""
    first, last = Page.objects.values_list("first_published_at", "last_published_at").get(
        pk=translation.pk
    )
    if first != last:
        return
    published = Page.objects.values_list("last_published_at", flat=True).get(pk=source.pk)
    earlier = published - datetime.timedelta(days=7)
    Page.objects.filter(pk=translation.pk).update(
        first_published_at=earlier, last_published_at=earlier
    )


def ensure_editorial_setup(*, homes: dict[str, HomePage]) -> None:
    """The Secretariat's rights and approval workflow on both trees, and the site settings."""
    ensure_secretariat_workflow(home_pages=list(homes.values()))
    _ensure_site_settings(Site.objects.get(is_default_site=True))
