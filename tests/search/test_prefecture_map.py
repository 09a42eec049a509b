"""The directory's prefecture map (search_tags.prefecture_map): 47 shapes from the committed
geometry, links that toggle one prefecture in the current query, accessible names with counts,
the chosen ones marked, a page without counts when Elasticsearch is down, and counts that never
include a member the visitor may not see (real Elasticsearch)."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from members.models import Visibility
from members.models.privacy import NETWORK_MEMBERS_GROUP
from members.vocabulary import PREFECTURES
from search.params import DirectoryParams, parse_directory
from search.service import FacetValue, SearchResults

ROOT = Path(__file__).resolve().parents[2]
CODES = [code for code, *_ in PREFECTURES]
AICHI, TOKYO, HOKKAIDO, NARA = "23", "13", "01", "29"

# Vietnamese, Aichi chosen, sorted by name, on page 3 of some words.
PARAMS = DirectoryParams(
    q="支援", selected={"prefecture": (AICHI,), "language": ("vi",)}, sort="name", page=3
)
WORDS = "q=%E6%94%AF%E6%8F%B4"


def results(
    counts: dict[str, int | None], *, chosen=(AICHI,), counted=True, nationwide=None
) -> SearchResults:
    """What service.directory gives the template: the facet lists values with results and
    every chosen one; with nationwide groups, every value's count includes them."""
    everywhere = nationwide or 0
    values = [
        FacetValue(
            value=code,
            label=code,
            count=None if count is None else count + everywhere,
            selected=code in chosen,
        )
        for code, count in counts.items()
    ]
    return SearchResults(
        count=7,
        page=1,
        num_pages=1,
        results=[],
        facets={"prefecture": values},
        counted=counted,
        nationwide={} if nationwide is None else {"prefecture": nationwide},
    )


def render(results, params=PARAMS, language="ja") -> str:
    template = Template("{% load search_tags %}{% prefecture_map results params %}")
    with translation.override(language):
        return template.render(Context({"results": results, "params": params}))


def svg(html: str) -> str:
    return re.search(r"<svg.*?</svg>", html, re.S).group(0)


def shape(html: str, code: str) -> str:
    """The element (link or plain shape) of one prefecture in the map."""
    return re.search(rf'<(a|g) [^>]*data-code="{code}".*?</\1>', svg(html), re.S).group(0)


COUNTS = {AICHI: 2, TOKYO: 5, HOKKAIDO: 1}


def test_every_prefecture_is_drawn_once_and_listed_once_in_the_region_grid():
    html = render(results(COUNTS))
    drawn = re.findall(r'data-code="(\d\d)"', svg(html))
    assert sorted(drawn) == CODES
    grid = html[html.index('class="map-regions"') :]
    for _code, _region, ja, _en in PREFECTURES:
        assert grid.count(f"{ja} <span") + grid.count(f"{ja}</a>") == 1, ja


def test_links_toggle_one_prefecture_and_keep_the_rest_of_the_query():
    html = render(results(COUNTS))
    # Adding Tokyo keeps the words, Aichi, Vietnamese and the order, and goes back to page 1.
    tokyo = f'href="?{WORDS}&amp;prefecture=23&amp;language=vi&amp;sort=name&amp;prefecture=13"'
    assert tokyo in shape(html, TOKYO)
    link = re.search(r'href="\?([^"]*)"', shape(html, TOKYO)).group(1).replace("&amp;", "&")
    assert parse_directory(QueryDict(link)) == PARAMS.with_value("prefecture", TOKYO)
    # Aichi is chosen: its link removes it and nothing else.
    assert f'href="?{WORDS}&amp;language=vi&amp;sort=name"' in shape(html, AICHI)
    # The grid's links are the same links.
    assert html.count(tokyo) == 2


def test_a_prefecture_without_members_is_drawn_but_is_not_a_link():
    html = render(results(COUNTS))
    nara = shape(html, NARA)
    assert nara.startswith('<g class="pref step-0" aria-hidden="true"')
    assert "href" not in nara
    assert "<title>奈良県 0件</title>" in nara
    assert '<span class="is-empty">奈良県 <span class="count">0</span></span>' in html


def test_accessible_names_carry_the_count_in_japanese_and_english():
    ja = render(results(COUNTS))
    assert 'aria-label="東京都 5件"' in shape(ja, TOKYO)
    assert 'aria-label="愛知県 2件（選択中）"' in shape(ja, AICHI)
    assert 'aria-labelledby="prefecture-map-title"' in ja and 'role="group"' in ja
    en = render(results(COUNTS), language="en")
    assert 'aria-label="Tokyo: 5 members"' in shape(en, TOKYO)
    assert 'aria-label="Hokkaido: 1 member"' in shape(en, HOKKAIDO)
    assert 'aria-label="Aichi: 2 members (selected)"' in shape(en, AICHI)
    assert "Map of Japan: members by prefecture" in en


def test_chosen_prefectures_are_marked_and_their_region_is_open():
    html = render(results(COUNTS))
    assert "is-selected" in shape(html, AICHI) and "is-selected" not in shape(html, TOKYO)
    outlines = re.findall(r'<path class="pref-outline[^"]*" d="([^"]+)"', html)
    aichi_path = re.search(r'd="([^"]+)"', shape(html, AICHI)).group(1)
    assert outlines == [aichi_path, aichi_path]  # dark, then light: only Aichi
    regions = re.findall(r"<details( open)?>\s*<summary>(\S+)", html)
    assert [name for opened, name in regions if opened] == ["中部地方"]
    assert "選択中" in html.split('class="map-legend"')[1]


def test_shades_follow_the_counts_and_the_legend_names_them():
    html = render(results({TOKYO: 5, AICHI: 2, HOKKAIDO: 1}))
    assert 'class="pref step-4"' in shape(html, TOKYO)
    assert 'class="pref step-2 is-selected"' in shape(html, AICHI)
    assert 'class="pref step-1"' in shape(html, HOKKAIDO)
    legend = re.sub(r"<[^>]+>|\s+", " ", html.split('class="map-legend">')[1].split("</ul>")[0])
    assert legend.split() == ["0", "1", "2", "3", "4–5", "選択中"]


def test_nationwide_groups_are_shown_once_beside_the_map_only_when_counted():
    assert 'data-testid="map-nationwide"' not in render(results(COUNTS))
    html = render(results(COUNTS, nationwide=3), language="en")
    assert "Working nationwide, not on the map: 3 groups" in html
    # Each prefecture shows its own groups; the nationwide three are not added to it.
    assert f'aria-label="Aichi: {COUNTS[AICHI]} member' in html


def test_without_counts_every_prefecture_is_an_unshaded_link():
    uncounted = results(dict.fromkeys(CODES), counted=False)
    html = render(uncounted)
    assert "is-uncounted" in html and "件数は一時的に表示できません" in html
    assert not re.search(r"step-[1-9]", html)
    assert len(re.findall(r"<a href=", svg(html))) == 47
    assert 'aria-label="奈良県"' in shape(html, NARA)
    assert 'class="map-legend"' not in html


@pytest.mark.django_db
def test_the_page_renders_the_map_from_the_database_when_search_is_down(search_down, client):
    page = client.get("/members/", {"prefecture": AICHI})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="prefecture-map"' in html and "is-uncounted" in html
    assert sorted(re.findall(r'data-code="(\d\d)"', svg(html))) == CODES
    assert 'aria-label="愛知県（選択中）"' in html
    assert 'href="/static/css/map.css"' in html or "css/map." in html


def test_the_geometry_is_small_complete_and_licensed():
    path = ROOT / "search" / "data" / "prefectures.json"
    assert path.stat().st_size < 150_000
    data = json.loads(path.read_text())
    assert sorted(data["prefectures"]) == CODES
    assert all(re.fullmatch(r"M[\d LMZ]+Z", p["d"]) for p in data["prefectures"].values())
    licence = (ROOT / "search" / "data" / "LICENSE-japanmap.txt").read_text()
    assert "Apache License" in licence and "Saito Tsutomu" in licence


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_shade_with_members_stands_out_from_the_page_and_from_none():
    css = (ROOT / "static" / "css" / "map.css").read_text()
    fills = dict(re.findall(r"\.map-japan \.step-(\d) path \{ fill: (#[0-9a-f]{6}); \}", css))
    swatches = dict(re.findall(r"\.swatch\.step-(\d) \{ background: (#[0-9a-f]{6}); \}", css))
    assert fills == swatches and sorted(fills) == ["0", "1", "2", "3", "4"]
    for step in "1234":
        assert _contrast(fills[step], "#ffffff") >= 3, step
        assert _contrast(fills[step], fills["0"]) >= 3, step


@pytest.mark.elasticsearch
def test_an_anonymous_visitor_s_map_never_counts_a_members_only_group(
    es, refresh, make_group, client, django_user_model
):
    make_group("愛知の公開団体A", prefecture=AICHI, languages=["vi"])
    make_group("愛知の公開団体B", prefecture=AICHI, languages=["vi"])
    make_group(
        "愛知の会員限定団体", prefecture=AICHI, languages=["vi"], visibility=Visibility.MEMBERS
    )
    make_group(
        "奈良の会員限定団体", prefecture=NARA, languages=["vi"], visibility=Visibility.MEMBERS
    )
    refresh()

    html = client.get("/members/", {"language": "vi"}).content.decode()
    assert 'aria-label="愛知県 2件"' in shape(html, AICHI)
    assert "href" not in shape(html, NARA)  # 0 for this visitor: nothing to follow
    assert "<title>奈良県 0件</title>" in shape(html, NARA)

    # The same page for a network member counts them: the test can fail.
    user = django_user_model.objects.create_user("member", password="x")
    user.groups.add(Group.objects.get_or_create(name=NETWORK_MEMBERS_GROUP)[0])
    client.force_login(user)
    html = client.get("/members/", {"language": "vi"}).content.decode()
    assert 'aria-label="愛知県 3件"' in shape(html, AICHI)
    assert 'aria-label="奈良県 1件"' in shape(html, NARA)
