"""Idempotent creation of the site's page tree (ja home page, en translation, Site record)."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from portal.models import HomePage

HOME_TITLES = {
    "ja": "移住者と連帯する全国ネットワーク",
    "en": "Solidarity Network with Migrants Japan",
}
HOME_LEADS = {
    "ja": "全国の移住者支援団体と個人をつなぎ、移住者の権利と尊厳を守る社会をめざします。",
    "en": (
        "We connect migrant-support groups and supporters across Japan, working for a society "
        "that respects the rights and dignity of every migrant."
    ),
}


@transaction.atomic
def ensure_home_pages() -> dict[str, HomePage]:
    """Make sure each configured language has a locale and a published home page.

    Replaces Wagtail's placeholder "Welcome" page on first run; later runs change nothing.
    """
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }
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
            translation = home.copy_for_translation(locale)
            translation.title = HOME_TITLES.get(code, home.title)
            translation.lead = HOME_LEADS.get(code, home.lead)
            translation.save_revision().publish()
        homes[code] = translation.specific
    return homes
