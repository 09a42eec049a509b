"""The directory is found from the home page, the つながる pillar and /join/, and the home page
states the network's membership honestly."""

import re

import pytest
from django.utils import timezone

from members import vocabulary
from members.models import IndividualMember, Status
from portal.models import PillarPage, StandardPage
from tests.builders import publish


def section(html: str, css_class: str) -> str:
    return re.search(rf'<section class="{css_class}".*?</section>', html, re.S).group(0)


@pytest.mark.django_db
def test_home_labels_membership_figures_and_says_the_directory_lists_some(
    client, home_pages, make_group
):
    make_group("公開の会")
    make_group("会員限定の会", visibility="members")
    for number in range(3):
        IndividualMember.objects.create(
            name=f"会員{number}", member_number=f"I-F{number}", consent_given_at=timezone.now()
        )
    IndividualMember.objects.filter(member_number="I-F0").update(status=Status.LAPSED)

    ja = section(client.get("/").content.decode(), "directory-search")
    assert (
        '会員数（団体 <strong data-count="groups">2</strong>・'
        '個人 <strong data-count="individuals">2</strong>）'
    ) in ja
    assert '<a href="/members/">名簿に公開されているのは一部です</a>' in ja
    en = section(client.get("/en/").content.decode(), "directory-search")
    assert (
        'Membership: <strong data-count="groups">2</strong> groups, '
        '<strong data-count="individuals">2</strong> individuals'
    ) in en
    assert 'href="/en/members/"' in en


@pytest.mark.django_db
def test_home_search_box_queries_the_directory_by_words_and_prefecture(client, home_pages):
    for prefix, region, prefecture in (("", "中部地方", "愛知県"), ("/en", "Chubu", "Aichi")):
        box = section(client.get(f"{prefix}/").content.decode(), "directory-search")
        assert f'<form method="get" action="{prefix}/members/" role="search"' in box
        assert '<label for="find-q">' in box and 'id="find-q" type="search" name="q"' in box
        assert '<label for="find-prefecture">' in box
        assert '<select id="find-prefecture" name="prefecture">' in box
        assert box.count("<optgroup") == len(vocabulary.REGIONS)
        assert f'<optgroup label="{region}">' in box
        assert f'<option value="23">{prefecture}</option>' in box
        assert len(re.findall(r'<option value="\d\d">', box)) == len(vocabulary.PREFECTURES)


@pytest.mark.django_db
def test_networking_pillar_links_to_the_directory(client, home_pages):
    for code, prefix, label in (("ja", "", "会員を探す"), ("en", "/en", "Find members")):
        pillar = publish(
            home_pages[code], PillarPage(title="Net", slug="networking", pillar="networking")
        )
        html = client.get(pillar.url).content.decode()
        assert f'<a class="button" href="{prefix}/members/">{label}</a>' in html
    advocacy = publish(
        home_pages["en"], PillarPage(title="Adv", slug="advocacy", pillar="advocacy")
    )
    main = re.search(r"<main.*?</main>", client.get(advocacy.url).content.decode(), re.S)
    assert "/members/" not in main.group(0)


@pytest.mark.django_db
def test_join_page_links_to_the_directory_in_its_language(client, site_tree):
    for code, prefix in (("ja", ""), ("en", "/en")):
        join = site_tree["join"][code]
        assert isinstance(join.specific, StandardPage)
        body = client.get(join.url).content.decode().split('<article class="prose">')[1]
        assert f'href="{prefix}/members/"' in body.split("</article>")[0]


@pytest.mark.django_db
def test_sub_networks_have_one_name_in_menu_breadcrumbs_and_headings(client, site_tree):
    index = site_tree["projects"]
    assert (index["ja"].title, index["en"].title) == ("プロジェクト", "Sub-networks")
    en = client.get(site_tree["projects/women"]["en"].url).content.decode()
    assert '<a href="/en/projects/">Sub-networks</a>' in en  # breadcrumbs
    assert "Projects" not in en
    home = client.get("/en/").content.decode()
    assert ">Sub-networks</a>" in home and ">Sub-networks</h2>" in home
    assert "Projects" not in home
    ja = client.get("/").content.decode()
    assert ">プロジェクト</a>" in ja and ">プロジェクト</h2>" in ja
    assert "サブネットワーク" not in ja


@pytest.mark.django_db
def test_cards_end_on_whole_words(client, home_pages):
    intro = " ".join(f"word{number}" for number in range(60))
    publish(home_pages["en"], PillarPage(title="Long", slug="long", pillar="advocacy", intro=intro))
    html = client.get("/en/").content.decode()
    card = re.search(r'<li class="card"><h3><a href="/en/long/">Long</a></h3><p>(.*?)</p>', html)
    assert card.group(1) == " ".join(f"word{number}" for number in range(30)) + " …"
