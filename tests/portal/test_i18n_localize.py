"""Page translation through wagtail-localize (issue 13 §2): segment by segment from the Japanese
source, no machine translation, the demo seed and older copies brought under it, and the
outdated notice and the editors' report following wagtail-localize's own sync."""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.test.client import encode_multipart
from wagtail.models import Locale, Page, Revision
from wagtail.rich_text import RichText
from wagtail_localize.models import (
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from members.models.privacy import SECRETARIAT_GROUP
from portal.editors import ensure_secretariat_workflow
from portal.models import StandardPage
from portal.seed import HOME_TITLES
from portal.synced_translations import create_synced_translation, pages_to_adopt
from portal.translations import CURRENT, OUTDATED, translation_report
from projects.seed import ensure_site_content
from tests.builders import publish

NOTICE = 'data-testid="translation-outdated"'
BOUNDARY = "localize-boundary"


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def translation_of(page: Page, code: str) -> Translation:
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=code
    )


def live(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


def put_string(client, translation: Translation, path: str, value: str):
    """What wagtail-localize's editor sends when a translator saves one segment."""
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    response = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        data=encode_multipart(BOUNDARY, {"value": value}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    return response.status_code in {200, 201}


@pytest.fixture
def secretariat(home_pages):
    ensure_secretariat_workflow(home_pages=list(home_pages.values()))
    user = get_user_model().objects.create_user("secretary", password="pw-for-tests-only")
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    return user


@pytest.fixture
def visa(home_pages):
    """A Japanese page and its Vietnamese translation, made by wagtail-localize."""
    source = publish(
        home_pages["ja"],
        StandardPage(title="在留資格の相談", slug="visa", intro="まず相談してください。"),
    )
    vi = create_synced_translation(
        source_page=source,
        locale=locale("vi"),
        text={"title": "Tư vấn tư cách lưu trú", "intro": "Hãy hỏi trước."},
    )
    return source, vi


# Machine translation is off, and there is one way to translate.


@pytest.mark.django_db
def test_editor_ui_offers_no_machine_translation_by_default(client, secretariat, visa):
    source, vi = visa
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    client.force_login(secretariat)
    translation = translation_of(source, "vi")

    editor = client.get(f"/admin/pages/{vi.pk}/edit/")
    assert editor.status_code == 200
    assert json.loads(editor.context["props"])["machineTranslator"] is None
    machine = f"/admin/localize/translate/{translation.pk}/machine_translate/"
    assert client.post(machine).status_code == 404
    sync = client.get(f"/admin/localize/update/{translation.source_id}/")
    assert "use_machine_translation" not in sync.content.decode()


@pytest.mark.django_db
def test_only_wagtail_localize_offers_to_translate_a_page(client, secretariat, visa):
    source, _vi = visa
    assert apps.is_installed("wagtail_localize") and apps.is_installed("wagtail_localize.locales")
    assert not apps.is_installed("wagtail.contrib.simple_translation")
    assert not apps.is_installed("wagtail.locales")  # replaced by wagtail_localize.locales
    client.force_login(secretariat)
    html = client.get(f"/admin/pages/{source.pk}/edit/").content.decode()
    assert f"/admin/localize/submit/page/{source.pk}/" in html
    assert "/admin/translation/submit/" not in html  # simple_translation's action


# Wagtail 8: wagtail-localize's views answer an editor.


@pytest.mark.django_db
def test_localize_views_answer_a_secretariat_editor(client, secretariat, visa, home_pages):
    source, vi = visa
    translation = translation_of(source, "vi")
    assert secretariat.has_perm("wagtail_localize.submit_translation")
    client.force_login(secretariat)
    # The translation's editor (wagtail-localize takes over the page's edit view).
    editor = client.get(f"/admin/pages/{vi.pk}/edit/")
    assert editor.status_code == 200
    assert editor.templates[0].name == "wagtail_localize/admin/edit_translation.html"
    preview = f"/admin/localize/translate/{translation.pk}/preview/"
    assert client.get(preview).status_code == 200
    # "Translate this page" and "Sync translated pages", from the source's header and listing.
    source_edit = client.get(f"/admin/pages/{source.pk}/edit/").content.decode()
    sync_url = f"/admin/localize/update/{translation.source_id}/"
    assert sync_url in source_edit
    listing = client.get(f"/admin/pages/{home_pages['ja'].pk}/")
    assert listing.status_code == 200 and sync_url in listing.content.decode()
    assert client.get(f"/admin/localize/submit/page/{source.pk}/").status_code == 200
    assert client.get(sync_url).status_code == 200
    assert client.get("/admin/localize/reports/translations/").status_code == 200


@pytest.mark.django_db
def test_wagtail_localize_locales_admin_replaces_wagtails(admin_client, home_pages):
    assert admin_client.get("/admin/locales/").status_code == 200
    edit = admin_client.get(f"/admin/locales/edit/{locale('vi').pk}/")
    assert edit.status_code == 200
    assert "sync_from" in edit.content.decode()  # wagtail-localize's "Sync from" component


@pytest.mark.django_db
def test_translate_this_page_makes_a_synced_translation(
    client, secretariat, visa, django_capture_on_commit_callbacks
):
    source, _vi = visa
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{source.pk}/", {"locales": [locale("tl").pk]}
        )
    assert response.status_code == 302
    tl = source.get_translation(locale("tl"))
    assert tl.live and tl.title == source.title  # untranslated segments keep the source's words
    assert translation_of(source, "tl").enabled


@pytest.mark.django_db
def test_syncing_is_for_the_secretariat_only(client, home_pages, visa):
    source, _vi = visa
    staff = get_user_model().objects.create_user("someone", password="pw-for-tests-only")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    sync_url = f"/admin/localize/update/{translation_of(source, 'vi').source_id}/"
    assert client.get(sync_url).status_code in {302, 403}
    for name in ("Editors", "Moderators"):
        assert (
            not Group.objects.get(name=name)
            .permissions.filter(codename="submit_translation")
            .exists()
        )


# The outdated notice and the report follow wagtail-localize's sync.


@pytest.mark.django_db
def test_notice_appears_after_a_source_edit_and_goes_once_the_translation_is_synced(
    client, secretariat, visa, django_capture_on_commit_callbacks
):
    source, vi = visa
    reader = Client()
    assert NOTICE not in reader.get(vi.url).content.decode()

    source.intro = "まず支援団体に相談してください。"
    source.save_revision().publish()
    assert NOTICE in reader.get(vi.url).content.decode()
    assert status_of(source, "vi") == OUTDATED

    # "Sync translated pages" without publishing: the source's new segments reach the
    # translation's editor, readers still read the old translation, so the notice stays.
    client.force_login(secretariat)
    translation = translation_of(source, "vi")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/localize/update/{translation.source_id}/", {})
    assert response.status_code == 302
    assert NOTICE in reader.get(vi.url).content.decode()

    # The translator translates the new segment and publishes from wagtail-localize's editor.
    assert put_string(client, translation, "intro", "Hãy hỏi một nhóm hỗ trợ trước.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{vi.pk}/edit/", {"action": "publish"})
    html = reader.get(vi.url).content.decode()
    assert NOTICE not in html
    assert "Hãy hỏi một nhóm hỗ trợ trước." in html
    assert live(vi).title == "Tư vấn tư cách lưu trú"  # the other segments kept
    assert status_of(source, "vi") == CURRENT


@pytest.mark.django_db
def test_sync_and_publish_immediately_brings_the_report_back_to_current(
    client, secretariat, visa, django_capture_on_commit_callbacks
):
    source, vi = visa
    source.title = "在留資格の相談（改訂）"
    source.save_revision().publish()
    assert status_of(source, "vi") == OUTDATED

    client.force_login(secretariat)
    sync_url = f"/admin/localize/update/{translation_of(source, 'vi').source_id}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sync_url, {"publish_translations": "on"})
    assert live(vi).last_published_at > live(source).last_published_at
    assert NOTICE not in Client().get(vi.url).content.decode()
    assert status_of(source, "vi") == CURRENT


def status_of(source: Page, code: str) -> str:
    """The editors' report's status of ``source`` in ``code`` (an unlisted page is current)."""
    row = next((row for row in translation_report() if row.source.pk == source.pk), None)
    return CURRENT if row is None else dict(row.statuses)[code]


# The demo seed.


@pytest.mark.django_db
def test_seed_translates_through_wagtail_localize_from_the_japanese_page(site_tree):
    covid = site_tree["qa/covid-19-trouble"]
    for code in ("ja-x-easy", "en", "vi", "tl", "pt-br", "zh-hans"):
        translation = translation_of(covid["ja"], code)
        assert translation.source.locale.language_code == "ja"
        assert translation.enabled
    vi = live(covid["vi"])
    assert vi.title == "Hỏi đáp: khi gặp khó khăn vì COVID-19"
    assert "hãy hỏi một nhóm hỗ trợ" in str(vi.answers[0].value["answer"])
    title = StringTranslation.objects.get(
        locale__language_code="vi",
        context__object_id=covid["ja"].translation_key,
        context__path="title",
    )
    assert title.data == vi.title
    # Every demo translation is complete: each segment has its demo text.
    for translation in Translation.objects.select_related("source", "target_locale"):
        total, translated = translation.get_progress()
        assert translated == total, (translation.source.object_repr, translation.target_locale)
    # A language without demo text keeps the English text (home pages).
    assert site_tree["home"]["ne"].title == HOME_TITLES["en"]
    assert not pages_to_adopt().exists()


@pytest.mark.django_db
def test_seeding_again_changes_nothing_and_keeps_an_editors_translation(site_tree):
    vi = site_tree["qa/covid-19-trouble"]["vi"]
    edited = StringTranslation.objects.get(
        locale=vi.locale, context__object_id=vi.translation_key, context__path="title"
    )
    edited.data = "Hỏi đáp (đã sửa)"
    edited.save()

    def state():
        return (
            Page.objects.count(),
            Revision.objects.count(),
            Translation.objects.count(),
            TranslationSource.objects.count(),
            StringTranslation.objects.count(),
            list(Page.objects.order_by("pk").values_list("pk", "title", "last_published_at")),
        )

    before = state()
    ensure_site_content()
    assert state() == before
    edited.refresh_from_db()
    assert edited.data == "Hỏi đáp (đã sửa)"


@pytest.mark.django_db
def test_seed_content_brings_older_copies_under_wagtail_localize(site_tree):
    out = StringIO()
    call_command("seed_content", stdout=out)
    assert "Every translated page is already under wagtail-localize." in out.getvalue()


# Existing pages: manage.py localize_existing.


@pytest.fixture
def copied_en(home_pages):
    """A page translated the old way: copied, then its English text written over the copy."""
    source = publish(
        home_pages["ja"],
        StandardPage(
            title="相談の窓口",
            slug="advice",
            intro="困ったときは相談してください。",
            body=[
                ("heading", "相談できること"),
                (
                    "paragraph",
                    RichText(
                        '<p>仕事と在留資格。<a href="/members/">会員を探す</a></p><p>住まい。</p>'
                    ),
                ),
            ],
        ),
    )
    en = source.copy_for_translation(locale("en"))
    en.title = "Where to get advice"
    en.intro = "When in trouble, ask us."
    en.body = [
        ("heading", "What we can help with"),
        (
            "paragraph",
            RichText(
                '<p>Work and residence status. <a href="/en/members/">Find members</a></p>'
                "<p>Housing.</p>"
            ),
        ),
    ]
    en.save_revision().publish()
    return source, live(en)


@pytest.mark.django_db
def test_localize_existing_adopts_a_copied_translation_without_changing_it(
    client, secretariat, copied_en, django_capture_on_commit_callbacks
):
    source, en = copied_en
    before = (en.title, en.intro, json.dumps(list(en.body.raw_data)), en.last_published_at)
    revisions = Revision.objects.count()
    assert en.pk in pages_to_adopt().values_list("pk", flat=True)

    out = StringIO()
    call_command("localize_existing", stdout=out)
    assert f"en       {en.url_path}: 6 segments recorded" in out.getvalue()
    assert "left to the editor:" not in out.getvalue()

    translation = translation_of(source, "en")
    assert translation.source.locale.language_code == "ja" and translation.enabled
    total, translated = translation.get_progress()
    assert total == translated == 6  # title, slug, intro, heading, two paragraphs
    after = live(en)
    assert (
        after.title,
        after.intro,
        json.dumps(list(after.body.raw_data)),
        after.last_published_at,
    ) == before
    assert Revision.objects.count() == revisions
    # The English link target is kept as an override of the Japanese one.
    assert SegmentOverride.objects.filter(locale=en.locale, data_json='"/en/members/"').exists()

    # Edited in wagtail-localize's editor, then synced ("Publish immediately"): the edit goes
    # live, the rest of the English page stays as it was.
    client.force_login(secretariat)
    assert put_string(client, translation, "intro", "When in trouble, talk to us.")
    sync_url = f"/admin/localize/update/{translation.source_id}/"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(sync_url, {"publish_translations": "on"}).status_code == 302
    published = live(en)
    assert published.intro == "When in trouble, talk to us."
    assert published.title == "Where to get advice"
    assert published.body[0].value == "What we can help with"
    paragraph = str(published.body[1].value)
    assert 'Work and residence status. <a href="/en/members/">Find members</a>' in paragraph
    assert "<p>Housing.</p>" in paragraph

    # Idempotent: a second run finds nothing to do.
    again = StringIO()
    call_command("localize_existing", stdout=again)
    assert again.getvalue().strip() == "Every translated page is already under wagtail-localize."


@pytest.mark.django_db
def test_localize_existing_leaves_a_field_of_another_shape_to_the_editor(copied_en):
    source, en = copied_en
    en.body = [
        ("heading", "What we can help with"),
        ("paragraph", RichText("<p>Work.</p><p>Residence status.</p><p>Housing.</p>")),
    ]
    en.save_revision().publish()
    out = StringIO()
    call_command("localize_existing", "--dry-run", stdout=out)
    assert "left to the editor: body.1:paragraph" in out.getvalue()
    assert "Would bring 1 pages" in out.getvalue()
    assert not Translation.objects.filter(source__object_id=source.translation_key).exists()

    call_command("localize_existing", stdout=StringIO())
    total, translated = translation_of(source, "en").get_progress()
    assert translated == total - 2  # the two Japanese paragraphs wait for the translator
    assert live(en).body[1].value.source.count("<p>") == 3  # readers still see the English


@pytest.mark.django_db
def test_report_links_each_gap_to_wagtail_localize(client, secretariat, visa):
    source, vi = visa
    source.save_revision().publish()  # the Vietnamese translation is now behind its source
    client.force_login(secretariat)
    html = client.get("/admin/reports/translations/").content.decode()
    row = html.split(f'data-page="{source.pk}"')[1].split("</tr>")[0]
    assert f'href="/admin/pages/{vi.pk}/edit/"' in row  # outdated: the translation's editor
    translate = f"/admin/localize/submit/page/{source.pk}/?select_locale=ko"
    assert f'href="{translate}"' in row  # missing: Translate this page, Korean chosen
    assert client.get(translate).status_code == 200
