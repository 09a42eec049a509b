import pytest

from portal.models import HomePage
from portal.seed import ensure_home_pages


@pytest.mark.django_db
def test_home_page_answers_in_japanese_and_english(client, home_pages):
    ja = client.get("/")
    en = client.get("/en/")
    assert ja.status_code == 200
    assert en.status_code == 200
    assert '<html lang="ja">' in ja.content.decode()
    assert '<html lang="en">' in en.content.decode()
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
    assert HomePage.objects.count() == 2
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == {"ja", "en"}
