"""The viewer's tier filters in the main query: nothing hidden leaks through any surface."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from members.models import Grants, Tier, Visibility
from members.models.privacy import NETWORK_MEMBERS_GROUP
from search import service
from search.documents import alias_name
from search.params import DirectoryParams

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

SECRET_WORD = "ゾウガメ研究"  # appears only in the members-only person's bio


@pytest.fixture
def people(es, refresh, make_group, make_person):
    public_group = make_group(
        "多文化共生センター東京",
        kana="たぶんかきょうせいせんたーとうきょう",
        fields=["labour", "medical-care"],
        languages=["vi"],
        contact_email="office@example.org",
        contact_phone="03-0000-0000",
        postal_address="東京都新宿区1-2-3",
    )
    make_group(
        "移住者医療ネット東京", kana="いじゅうしゃいりょうねっととうきょう", fields=["medical-care"]
    )
    hidden = make_person(
        "鈴木 珍太郎",
        "すずき ちんたろう",
        bio=f"{SECRET_WORD}をしています",
        contact_email="suzuki@example.org",
    )
    refresh()
    return {"group": public_group, "person": hidden}


def anon(q="", **selected):
    params = DirectoryParams(q=q, selected={k: tuple(v) for k, v in selected.items()})
    return service.directory(params, grants=Grants(Tier.ANONYMOUS))


def facet_total(results, facet):
    return sum(v.count for v in results.facets[facet])


def test_anonymous_search_for_a_members_only_word_finds_nothing(people):
    assert anon(SECRET_WORD).count == 0
    assert anon("ちんたろう").count == 0
    assert anon("chintarou").count == 0
    member_view = service.directory(DirectoryParams(q=SECRET_WORD), grants=Grants(Tier.MEMBER))
    assert [r["name"] for r in member_view.results] == ["鈴木 珍太郎"]


def test_hidden_member_appears_in_no_facet_count(people):
    results = anon()
    assert results.count == 2
    assert {v.value: v.count for v in results.facets["type"]} == {"group": 2}
    for facet in ("prefecture", "region", "type"):
        assert facet_total(results, facet) == 2, facet
    member_results = service.directory(DirectoryParams(), grants=Grants(Tier.MEMBER))
    assert {v.value: v.count for v in member_results.facets["type"]} == {
        "group": 2,
        "individual": 1,
    }


def test_hidden_member_is_never_suggested(people):
    assert service.suggest("鈴木", grants=Grants(Tier.ANONYMOUS)) == []
    assert service.suggest("suzu", grants=Grants(Tier.ANONYMOUS)) == []
    assert [s["text"] for s in service.suggest("鈴木", grants=Grants(Tier.MEMBER))] == [
        "鈴木 珍太郎"
    ]
    assert [s["text"] for s in service.suggest("多文化", grants=Grants(Tier.ANONYMOUS))] == [
        "多文化共生センター東京"
    ]


def test_did_you_mean_never_offers_a_hidden_name(people):
    results = anon("suzuku")
    assert results.count == 0
    assert results.did_you_mean is None


def test_similar_groups_leave_out_hidden_groups(people, make_group, refresh):
    make_group(
        "秘密の医療相談会",
        kana="ひみつのいりょうそうだんかい",
        fields=["medical-care"],
        visibility=Visibility.MEMBERS,
    )
    refresh()
    similar = [
        g["name"] for g in service.similar_groups(people["group"], grants=Grants(Tier.ANONYMOUS))
    ]
    assert similar == ["移住者医療ネット東京"]
    as_member = service.similar_groups(people["group"], grants=Grants(Tier.MEMBER))
    assert {g["name"] for g in as_member} == {"移住者医療ネット東京", "秘密の医療相談会"}


def test_contact_fields_are_never_indexed(people, es):
    for member in people.values():
        kind = "group" if member is people["group"] else "individual"
        source = es.get(index=alias_name("members"), id=f"{kind}-{member.pk}")["_source"]
        text = repr(source)
        for secret in ("office@example.org", "03-0000-0000", "新宿区1-2-3", "suzuki@example.org"):
            assert secret not in text
        assert not {"contact_email", "contact_phone", "postal_address"} & set(source)


def test_making_a_member_private_removes_it_after_commit(
    people, client, django_capture_on_commit_callbacks
):
    group = people["group"]
    assert client.get("/api/v1/members/", {"q": "多文化共生"}).json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        group.visibility = Visibility.SECRETARIAT
        group.save()
    # The very next request after the commit: refresh=false writes are visible to search
    # only after a refresh, so the sync deletes rather than updates.
    assert client.get("/api/v1/members/", {"q": "多文化共生"}).json()["count"] == 0


def test_withdrawn_and_lapsed_members_are_deleted_from_the_index(
    people, es, django_capture_on_commit_callbacks
):
    group, person = people["group"], people["person"]
    with django_capture_on_commit_callbacks(execute=True):
        person.consent_withdrawn_at = timezone.now()
        person.save()
        group.status = "lapsed"
        group.save()
    assert not es.exists(index=alias_name("members"), id=f"individual-{person.pk}")
    assert not es.exists(index=alias_name("members"), id=f"group-{group.pk}")


def test_logged_in_network_member_sees_members_tier_over_http(people, client):
    user = User.objects.create_user("member", password="pw-123456789")
    user.groups.add(Group.objects.get_or_create(name=NETWORK_MEMBERS_GROUP)[0])
    assert client.get("/api/v1/members/", {"q": SECRET_WORD}).json()["count"] == 0
    client.force_login(user)
    assert client.get("/api/v1/members/", {"q": SECRET_WORD}).json()["count"] == 1


def test_site_search_and_html_do_not_leak_hidden_members(people, client):
    assert client.get("/api/v1/search/", {"q": SECRET_WORD}).json()["count"] == 0
    html = client.get("/search/", {"q": "鈴木"}).content.decode()
    assert "珍太郎" not in html
    html = client.get("/members/", {"q": "鈴木"}).content.decode()
    assert "珍太郎" not in html


def test_individuals_are_never_found_anonymously_even_if_marked_public(es, refresh, make_person):
    make_person("公開 太郎", "こうかい たろう", visibility=Visibility.PUBLIC)
    refresh()
    assert anon("こうかい").count == 0
    assert service.suggest("公開", grants=Grants(Tier.ANONYMOUS)) == []
    assert service.directory(DirectoryParams(q="こうかい"), grants=Grants(Tier.MEMBER)).count == 1


def test_group_page_similar_groups_do_not_leak_hidden_groups(people, make_group, refresh, client):
    make_group("秘密の医療相談会", kana="ひみつのいりょうそうだんかい", fields=["medical-care"],
               visibility=Visibility.MEMBERS)  # fmt: skip
    refresh()
    html = client.get(people["group"].get_absolute_url()).content.decode()
    assert "移住者医療ネット東京" in html  # the public similar group is shown
    assert "秘密の医療相談会" not in html
