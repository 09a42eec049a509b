import datetime

import pytest
from django.test import override_settings

from portal.models import QAIndexPage, QAPage
from tests.builders import news, news_index, publish


@pytest.mark.django_db
def test_not_found_page_is_translated_and_offers_a_way_back(client, home_pages):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'href="/en/"' in html and 'action="/en/search/"' in html


@override_settings(DEBUG=False)
def test_server_error_page_stands_alone():
    from django.template.loader import render_to_string

    # Rendered with no request context (see portal.errors): Japanese unless told otherwise,
    # and nothing in it needs the database, menus or site settings.
    html = render_to_string("500.html")
    assert '<html lang="ja">' in html and 'href="/"' in html
    assert "{%" not in html and "stylesheet" not in html


@pytest.mark.django_db
def test_switcher_falls_back_to_the_home_page_when_no_translation_is_live(client, home_pages):
    page = news(news_index(home_pages["ja"]), "日本語だけの声明")
    html = client.get(page.url).content.decode()
    assert 'href="/en/" lang="en" hreflang="en"' in html


def qa_page(parent, title, **fields):
    defaults = {
        "as_of": datetime.date(2020, 5, 1),
        "review_due": datetime.date.today() + datetime.timedelta(days=30),
        "answers": [("qa", {"question": "Q?", "answer": "<p>A.</p>"})],
    }
    return publish(
        parent, QAPage(title=title, slug=title.lower().replace(" ", "-"), **{**defaults, **fields})
    )


@pytest.mark.django_db
def test_qa_page_warns_when_past_review_and_points_to_its_successor(client, home_pages):
    index = publish(home_pages["en"], QAIndexPage(title="Q&A", slug="qa"))
    new = qa_page(index, "New rules")
    old = qa_page(
        index,
        "Old rules",
        review_due=datetime.date.today() - datetime.timedelta(days=1),
        superseded_by=new,
    )
    old_html = client.get(old.url).content.decode()
    assert "This information may be out of date." in old_html
    assert f'href="{new.url}"' in old_html and "The rules have changed." in old_html
    new_html = client.get(new.url).content.decode()
    assert "This information may be out of date." not in new_html
    assert "The rules have changed." not in new_html
    assert old.is_past_review and not new.is_past_review


@pytest.mark.django_db
def test_pillar_pages_list_what_belongs_to_them(client, site_tree):
    advocacy = client.get(site_tree["advocacy"]["en"].url).content.decode()
    assert "Ministry negotiation report: COVID-19" in advocacy
    assert "Report on the Migrants and Refugees Emergency Fund" not in advocacy  # announcement
    networking = client.get(site_tree["networking"]["en"].url).content.decode()
    assert site_tree["projects/trainees"]["en"].url in networking
    assert "National workshop: getting information across" in networking
    publicity = client.get(site_tree["publicity"]["en"].url).content.decode()
    assert "M-net No. 213" in publicity
    assert "Report on the Migrants and Refugees Emergency Fund" in publicity
