import re

import pytest
from django.conf import settings
from django.utils import timezone

from members import lifecycle
from members.models import IndividualMember, Status
from portal.models import HomePage
from portal.seed import ensure_home_pages


@pytest.mark.django_db
def test_home_page_answers_in_japanese_and_english(client, home_pages):
    ja = client.get("/")
    en = client.get("/en/")
    assert ja.status_code == 200
    assert en.status_code == 200
    assert '<html lang="ja" dir="ltr">' in ja.content.decode()
    assert '<html lang="en" dir="ltr">' in en.content.decode()
    assert "移住者と連帯する全国ネットワーク" in ja.content.decode()
    assert "Solidarity Network with Migrants Japan" in en.content.decode()


@pytest.mark.django_db
def test_language_switcher_links_to_the_translation(client, home_pages):
    html = client.get("/").content.decode()
    assert 'hreflang="en"' in html
    assert 'href="/en/"' in html


@pytest.mark.django_db
def test_home_pages_are_created_once(home_pages):
    ensure_home_pages()
    codes = [code for code, _name in settings.LANGUAGES]
    assert HomePage.objects.count() == len(codes)
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == set(codes)


def shown_counts(client, url="/") -> dict[str, int]:
    html = client.get(url).content.decode()
    return {
        key: int(value.replace(",", ""))
        for key, value in re.findall(r'data-count="(\w+)">([\d,]+)<', html)
    }


@pytest.mark.django_db
def test_home_counts_follow_the_directory(client, home_pages, make_group):
    assert shown_counts(client) == {"groups": 0, "individuals": 0}
    make_group("移住者支援ネット東海")
    # Members-only groups count too: a number reveals no one.
    make_group("非公開の会", visibility="members")
    for number in range(3):
        IndividualMember.objects.create(
            name=f"会員{number}", member_number=f"I-T{number}", consent_given_at=timezone.now()
        )
    assert shown_counts(client) == {"groups": 2, "individuals": 3}
    assert shown_counts(client, "/en/") == {"groups": 2, "individuals": 3}

    # Through members.lifecycle, as every bulk change goes: its signal drops the kept counts.
    lifecycle.set_status(
        members=IndividualMember.objects.filter(member_number="I-T0"), status=Status.LAPSED
    )
    assert shown_counts(client)["individuals"] == 2


@pytest.mark.django_db
def test_home_has_a_search_box_posting_q_to_search(client, home_pages):
    ja = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert 'method="get" action="/search/"' in ja
    assert 'method="get" action="/en/search/"' in en
    assert 'name="q"' in ja


@pytest.mark.django_db
def test_home_lists_pillars_news_events_and_subnetworks(client, site_tree):
    html = client.get("/en/").content.decode()
    for title in ["Advocacy", "Networking", "Publicity"]:
        assert title in html
    assert "National workshop: getting information across in many languages" in html
    # The past forum is not "upcoming".
    assert "SMJ National Forum" not in html
    assert site_tree["projects/women"]["en"].url in html
    assert "Statement on the proposed revision of the Immigration Control Act" in html
