"""Q&A pages for readers of many languages: the picker, currency in every language, and the
groups that can help, drawn live from the directory under the directory's privacy rules."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from wagtail.models import Locale

from members.factories import GroupMemberFactory
from members.models import FieldTag, Language, Prefecture, Visibility
from members.models.privacy import NETWORK_MEMBERS_GROUP
from portal.models import QAIndexPage, QAPage
from tests.builders import publish

TODAY = datetime.date.today()


def translate(page, code, *, live=True, **fields):
    copy = page.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(copy, name, value)
    revision = copy.save_revision()
    if live:
        revision.publish()
    return copy


@pytest.fixture
def qa(home_pages):
    index = publish(home_pages["ja"], QAIndexPage(title="Q&A", slug="qa"))
    for code in ("vi", "tl", "en"):
        translate(index, code)
    page = publish(
        index,
        QAPage(
            title="コロナ禍で困ったとき",
            slug="covid",
            as_of=TODAY - datetime.timedelta(days=10),
            review_due=TODAY + datetime.timedelta(days=90),
            answers=[("qa", {"question": "仕事を失いました", "answer": "<p>相談を。</p>"})],
        ),
    )
    page.help_fields.set(FieldTag.objects.filter(slug="labour"))
    page.help_languages.set(Language.objects.filter(code="en"))
    page.save_revision().publish()
    pages = {
        "ja": page,
        "vi": translate(page, "vi", title="Khi gặp khó khăn"),
        "tl": translate(page, "tl", title="Kapag may problema", live=False),
        "en": translate(page, "en", title="When in trouble"),
    }
    return pages


@pytest.mark.django_db
def test_picker_lists_the_live_translations_each_in_its_own_script(client, qa):
    html = client.get(qa["vi"].url).content.decode()
    assert '<html lang="vi" dir="ltr">' in html
    picker = html.split('class="qa-languages"')[1].split("</nav>")[0]
    assert 'lang="ja" hreflang="ja">日本語</a>' in picker
    assert 'hreflang="vi" aria-current="page">Tiếng Việt</a>' in picker
    assert ">English</a>" in picker
    assert "Tagalog" not in picker  # a draft translation is not offered


@pytest.mark.django_db
def test_head_names_the_readers_locale_and_only_the_real_translations(client, qa):
    html = client.get(qa["vi"].url).content.decode()
    head = html.split("</head>")[0]
    assert '<meta property="og:locale" content="vi_VN">' in head
    alternates = re.findall(r'og:locale:alternate" content="([^"]+)"', head)
    assert alternates == ["en_US", "ja_JP"]  # not Tagalog's draft, nor languages it lacks
    hreflangs = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', head)
    assert sorted(hreflangs) == ["en", "ja", "vi"]
    # A view that is the same in every language (the directory) names them all.
    head = client.get("/vi/members/").content.decode().split("</head>")[0]
    assert len(re.findall(r'<link rel="alternate" hreflang=', head)) == len(settings.LANGUAGES)
    assert "og:locale:alternate" in head and 'content="my_MM"' in head


@pytest.mark.django_db
def test_currency_and_successor_are_shown_in_the_readers_language(client, qa, home_pages):
    html = client.get(qa["vi"].url).content.decode()
    assert "Thông tin tính đến" in html and "Còn hiệu lực" in html  # as of, next check
    successor = publish(
        qa["ja"].get_parent(),
        QAPage(title="新しい制度", slug="new", as_of=TODAY, review_due=TODAY, answers=[]),
    )
    successor_vi = translate(successor, "vi", title="Quy định mới")
    old = qa["vi"]
    old.superseded_by = successor
    old.review_due = TODAY - datetime.timedelta(days=1)
    old.save_revision().publish()
    html = client.get(old.url).content.decode()
    assert "Quy định đã thay đổi." in html and "Thông tin này có thể đã cũ." in html
    assert f'href="{successor_vi.url}">Quy định mới</a>' in html


@pytest.fixture
def groups(db):
    aichi = Prefecture.objects.get(code="23")
    tokyo = Prefecture.objects.get(code="13")

    def group(name_en, *, prefecture=aichi, languages=("vi",), fields=("labour",), **extra):
        return GroupMemberFactory(
            name_en=name_en, prefecture=prefecture, languages=languages, fields=fields, **extra
        )

    return {
        "aichi_vi": group("Aichi Vietnamese Union"),
        "tokyo_vi": group("Tokyo Vietnamese Centre", prefecture=tokyo),
        "nationwide_vi": group("Nationwide Hotline", prefecture=tokyo, serves_nationwide=True),
        "aichi_pt": group("Aichi Brazilian Support", languages=("pt-br",)),
        "aichi_vi_other_field": group("Aichi Vietnamese Classroom", fields=("children-education",)),
        "members_only": group("Members-only Vietnamese Group", visibility=Visibility.MEMBERS),
        "secretariat": group("Secretariat-only Group", visibility=Visibility.SECRETARIAT),
        "withdrawn": group("Withdrawn Group", consent_given_at=None),
    }


def helping(html: str) -> str:
    return html.split('class="qa-help-groups"')[1].split("</ul>")[0]


@pytest.mark.django_db
def test_groups_that_help_follow_the_readers_language_and_prefecture(client, qa, groups):
    shown = helping(client.get(qa["vi"].url).content.decode())
    assert "Aichi Vietnamese Union" in shown and "Tokyo Vietnamese Centre" in shown
    assert "Aichi Brazilian Support" not in shown  # not the reader's language
    assert "Aichi Vietnamese Classroom" not in shown  # not a field the page names
    in_aichi = helping(client.get(qa["vi"].url, {"prefecture": "23"}).content.decode())
    assert "Aichi Vietnamese Union" in in_aichi and "Nationwide Hotline" in in_aichi
    assert "Tokyo Vietnamese Centre" not in in_aichi
    # English is a directory language too: the English page asks for English speakers.
    assert "Aichi Vietnamese Union" not in helping(client.get(qa["en"].url).content.decode())


@pytest.mark.django_db
def test_groups_that_help_never_show_a_member_the_reader_may_not_see(client, qa, groups):
    html = client.get(qa["vi"].url).content.decode()
    for hidden in ("Members-only Vietnamese Group", "Secretariat-only Group", "Withdrawn Group"):
        assert hidden not in html
    user = User.objects.create_user("member", password="pw-123456789")
    user.groups.add(Group.objects.get_or_create(name=NETWORK_MEMBERS_GROUP)[0])
    client.force_login(user)
    html = client.get(qa["vi"].url).content.decode()
    assert "Members-only Vietnamese Group" in html
    assert "Secretariat-only Group" not in html and "Withdrawn Group" not in html


@pytest.mark.django_db
def test_a_page_without_fields_or_languages_shows_no_helping_groups(client, home_pages, groups):
    index = publish(home_pages["ja"], QAIndexPage(title="Q&A", slug="qa"))
    page = publish(index, QAPage(title="Q", slug="q", as_of=TODAY, review_due=TODAY, answers=[]))
    assert "qa-help" not in client.get(page.url).content.decode()
