import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from members.models import SubNetwork
from members.models.privacy import NETWORK_MEMBERS_GROUP
from projects.models import SubNetworkIndexPage, SubNetworkPage
from tests.builders import news, news_index, publish


@pytest.fixture
def trainees_page(home_pages):
    index = publish(home_pages["ja"], SubNetworkIndexPage(title="プロジェクト", slug="projects"))
    return publish(
        index,
        SubNetworkPage(
            title="外国人技能実習生権利ネットワーク",
            slug="trainees",
            subnetwork=SubNetwork.objects.get(slug="trainees"),
            purpose="<p>技能実習生の権利を守る。</p>",
        ),
    )


def member_client(client):
    user = get_user_model().objects.create_user("member", password="x")
    user.groups.add(Group.objects.get_or_create(name=NETWORK_MEMBERS_GROUP)[0])
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_member_groups_are_listed_live_by_visibility(client, trainees_page, make_group):
    make_group("公開の支援団体", network="trainees")
    make_group("会員限定の支援団体", network="trainees", visibility="members")
    make_group("事務局限定の支援団体", network="trainees", visibility="secretariat")
    make_group("ほかのネットワークの団体", network="women")

    html = client.get(trainees_page.url).content.decode()
    assert "公開の支援団体" in html
    assert "会員限定の支援団体" not in html
    assert "事務局限定の支援団体" not in html
    assert "ほかのネットワークの団体" not in html

    html = member_client(client).get(trainees_page.url).content.decode()
    assert "会員限定の支援団体" in html
    assert "事務局限定の支援団体" not in html


@pytest.mark.django_db
def test_withdrawn_groups_disappear_from_the_page(client, trainees_page, make_group):
    from django.utils import timezone

    group = make_group("退会した団体", network="trainees")
    assert "退会した団体" in client.get(trainees_page.url).content.decode()
    group.consent_withdrawn_at = timezone.now()
    group.save()
    assert "退会した団体" not in client.get(trainees_page.url).content.decode()


@pytest.mark.django_db
def test_coordinators_and_directory_link(client, trainees_page, make_group):
    make_group("調整役の団体", network="trainees", role="coordinator")
    make_group("一般の団体", network="trainees")
    html = client.get(trainees_page.url).content.decode()
    coordinators = html.split('id="coordinators-title"')[1].split("</section>")[0]
    assert "調整役の団体" in coordinators and "一般の団体" not in coordinators
    assert 'href="/members/?network=trainees"' in html


@pytest.mark.django_db
def test_news_linked_to_the_subnetwork_or_kept_under_it_is_listed(
    client, trainees_page, home_pages
):
    index = news_index(home_pages["ja"])
    linked = news(index, "Linked statement")
    linked.subnetworks.add(SubNetwork.objects.get(slug="trainees"))
    linked.save_revision().publish()
    news(index, "Unrelated statement")
    news(trainees_page, "Own statement")
    html = client.get(trainees_page.url).content.decode()
    assert "Linked statement" in html and "Own statement" in html
    assert "Unrelated statement" not in html


@pytest.mark.django_db
def test_one_page_per_subnetwork_and_language(trainees_page):
    duplicate = SubNetworkPage(
        title="another", slug="another", subnetwork=trainees_page.subnetwork, purpose="<p>x</p>"
    )
    with pytest.raises(ValidationError):
        duplicate.clean()
    # Its own translations share the sub-network.
    trainees_page.clean()


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", ["ja", "en"])
def test_seeded_subnetwork_pages_render(client, site_tree, language_code, make_group):
    make_group("名古屋の支援団体", network="poverty", name_en="Nagoya Support Group")
    for slug in [
        "trainees",
        "immigration-law",
        "women",
        "health-welfare",
        "children-youth",
        "poverty",
    ]:
        page = site_tree[f"projects/{slug}"][language_code]
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.specific.subnetwork.slug == slug
    html = client.get(site_tree["projects/poverty"][language_code].url).content.decode()
    expected = "Nagoya Support Group" if language_code == "en" else "名古屋の支援団体"
    assert expected in html
    index_html = client.get(site_tree["projects"][language_code].url).content.decode()
    assert site_tree["projects/women"][language_code].url in index_html
