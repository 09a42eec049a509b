import pytest
from django.urls import reverse

from members.factories import IndividualMemberFactory
from members.models import Visibility

# The directory from the database: the same page as with Elasticsearch (tests/search), so the
# privacy rules are proven for both backends.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_down")]

DIRECTORY = "/members/"


def html(response) -> str:
    return response.content.decode()


def group_url(group) -> str:
    return f"/members/groups/{group.slug}/"


def person_url(person) -> str:
    return f"/members/people/{person.slug}/"


def test_anonymous_directory_lists_public_groups_only(client, directory):
    page = html(client.get(DIRECTORY))
    assert "公開の会" in page
    for hidden in ("会員限定の会", "事務局限定の会", "撤回した会", "田中 花子", "鈴木 一郎"):
        assert hidden not in page
    assert "secret-" not in page


def test_member_directory_adds_members_groups_and_individuals(member_client, directory):
    page = html(member_client.get(DIRECTORY))
    for shown in ("公開の会", "会員限定の会", "田中 花子"):
        assert shown in page
    for hidden in ("事務局限定の会", "撤回した会", "鈴木 一郎"):
        assert hidden not in page


def test_secretariat_directory_lists_what_the_index_would(secretariat_client, directory):
    # Secretariat-only and withdrawn records are never indexed, so the fallback leaves them
    # out as well; the secretariat finds them in the admin.
    page = html(secretariat_client.get(DIRECTORY))
    for shown in ("公開の会", "会員限定の会", "田中 花子"):
        assert shown in page
    for hidden in ("事務局限定の会", "撤回した会", "鈴木 一郎"):
        assert hidden not in page


def test_directory_in_english_with_filters(client, directory):
    response = client.get("/en/members/?region=kanto&field=labour&language=vi&bogus=1")
    assert response.status_code == 200
    page = html(response)
    assert '<html lang="en" dir="ltr">' in page
    assert "Migrant Support Association" in page  # the English name of 公開の会
    assert "Vietnamese" in page


@pytest.mark.parametrize(("page", "status"), [("999", 404), ("-1", 200), ("abc", 200)])
def test_odd_page_numbers_never_fail(client, directory, page, status):
    response = client.get(f"{DIRECTORY}?page={page}")
    assert response.status_code == status
    assert "Search is temporarily limited" in html(client.get(f"/en{DIRECTORY}"))


def test_pagination_links_keep_the_filters(client, directory):
    from members.factories import GroupMemberFactory

    GroupMemberFactory.create_batch(25, fields=["labour"])
    page = html(client.get(f"{DIRECTORY}?field=labour"))
    assert "?field=labour&amp;page=2" in page


@pytest.mark.parametrize(
    ("key", "anonymous", "member", "secretariat"),
    [
        ("public_group", 200, 200, 200),
        ("members_group", 404, 200, 200),
        ("secret_group", 404, 404, 200),
        ("withdrawn_group", 404, 404, 200),
        ("person", 404, 200, 200),
        ("secret_person", 404, 404, 200),
    ],
)
def test_detail_pages_per_tier(
    client, member_user, secretariat_user, directory, key, anonymous, member, secretariat
):
    record = directory[key]
    url = group_url(record) if key.endswith("group") else person_url(record)
    assert client.get(url).status_code == anonymous
    client.force_login(member_user)
    assert client.get(url).status_code == member
    client.force_login(secretariat_user)
    assert client.get(url).status_code == secretariat


def test_hidden_and_missing_records_answer_the_same_404(client, directory):
    hidden = client.get(group_url(directory["members_group"]))
    missing = client.get("/members/groups/no-such-group/")
    assert hidden.status_code == missing.status_code == 404
    # Identical but for the requested address (echoed in og:url).
    assert html(hidden).replace("members-group", "?") == html(missing).replace("no-such-group", "?")
    assert client.get("/members/people/nosuchperson/").status_code == 404


@pytest.mark.parametrize("logged_in", [False, True])
def test_public_email_is_shown_but_private_contacts_are_not(
    client, member_user, directory, logged_in
):
    group = directory["public_group"]
    if logged_in:
        client.force_login(member_user)
    page = html(client.get(group_url(group)))
    assert "info@public-group.example.org" in page
    assert "secret-public-group@example.org" not in page
    assert "03-1111-0001" not in page


def test_secretariat_sees_private_contacts(secretariat_client, directory):
    page = html(secretariat_client.get(group_url(directory["public_group"])))
    assert "secret-public-group@example.org" in page
    assert "03-1111-0001" in page
    page = html(secretariat_client.get(person_url(directory["person"])))
    assert "secret-hanako@example.org" in page


def test_contacts_granted_to_members_are_shown_to_members(member_client, directory):
    person = IndividualMemberFactory(
        contact_email="shared-with-members@example.org", contact_visibility=Visibility.MEMBERS
    )
    assert "shared-with-members@example.org" in html(member_client.get(person_url(person)))
    member_client.logout()
    assert member_client.get(person_url(person)).status_code == 404


def test_person_page_links_the_affiliation_only_when_visible(member_client, directory):
    person = IndividualMemberFactory(affiliation=directory["secret_group"])
    page = html(member_client.get(person_url(person)))
    assert "事務局限定の会" not in page
    person.affiliation = directory["members_group"]
    person.save()
    page = html(member_client.get(person_url(person)))
    assert group_url(directory["members_group"]) in page


def test_login_and_logout(client, member_user):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert 'autocomplete="current-password"' in html(page)
    response = client.post(
        reverse("login"),
        {"username": "member", "password": "pw-for-tests-only", "next": DIRECTORY},
    )
    assert response.status_code == 302
    assert response["Location"] == DIRECTORY
    assert "Log out" in html(client.get("/en/members/"))
    assert client.post(reverse("logout")).status_code == 302
    assert "Member log-in" in html(client.get("/en/members/"))


def test_wrong_password_shows_an_error(client, member_user):
    response = client.post(reverse("login"), {"username": "member", "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in html(response)


def test_directory_page_queries_do_not_grow_with_the_page(
    member_client, directory, django_assert_max_num_queries
):
    from members.factories import GroupMemberFactory

    GroupMemberFactory.create_batch(30, fields=["labour", "refugees"], languages=["vi", "en"])
    # Session, user, tier, the viewer's sub-networks, counts (results, listed, membership: two
    # each), one UNION page, members, tags, languages, participations, audiences, service areas
    # and the site chrome of base.html (locale, menu pages, site, site settings): a fixed set,
    # whatever the page holds. Counted on the second request: the first fills the shared caches
    # (caching.shared), whose fills depend on what earlier tests left.
    member_client.get(DIRECTORY)
    with django_assert_max_num_queries(26):
        response = member_client.get(DIRECTORY)
    assert response.content.decode().count("data-kind=") == 20


def test_logout_by_get_shows_a_button_and_keeps_the_session(member_client):
    page = member_client.get(reverse("logout"))
    assert page.status_code == 200
    assert 'method="post"' in html(page)
    # Still logged in: a GET never logs out (no cross-site logout by a link or an image).
    assert "Log out" in html(member_client.get("/en/members/"))


def test_english_group_page_marks_the_japanese_municipality(client, directory):
    group = directory["public_group"]
    group.municipality = "小牧市"
    group.save()
    page = html(client.get(f"/en{group_url(group)}"))
    assert '<span lang="ja">(小牧市)</span>' in page
    assert '<span lang="ja">' not in html(client.get(group_url(group)))
