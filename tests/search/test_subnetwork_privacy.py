"""Sub-network audiences over every surface, with the real Elasticsearch: an entry limited to the
members of sub-network A (trainees) is invisible to anonymous visitors, to plain network members
and to a member of sub-network B (women), and visible to a member of A and to the secretariat.

Each limited record's name carries a word nothing else has, so finding that word in an answer is
a leak; its slug in a link is one too.
"""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from members.models import (
    GroupMember,
    IndividualMember,
    IndividualParticipation,
    SubNetwork,
    Visibility,
    viewer_grants,
)
from members.models.privacy import NETWORK_MEMBERS_GROUP, SECRETARIAT_GROUP
from members.transfer.exporting import export_records
from search.client import breaker
from search.documents import alias_name

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

GROUP_WORD = "ハリモグラ"  # only in the trainees-only group's name
PERSON_WORD = "センザンコウ"  # only in the trainees-only person's name
CONTACT = "secret-shared@example.org"  # the public group's contacts, shown to trainees only
VIEWERS = ["anonymous", "member", "women", "trainees", "manager", "secretariat"]
SEES = {"trainees", "manager", "secretariat"}


def _viewer_entry(name: str, network: str, **fields) -> IndividualMember:
    """A listed person, seen by no one in the directory (secretariat only), in ``network``."""
    person = IndividualMember.objects.create(
        name=name,
        member_number=f"V-{name}",
        visibility=Visibility.SECRETARIAT,
        consent_given_at=timezone.now(),
        **fields,
    )
    IndividualParticipation.objects.create(
        individual=person, subnetwork=SubNetwork.objects.get(slug=network)
    )
    return person


@pytest.fixture
def network(es, refresh, make_group, make_person, django_capture_on_commit_callbacks):
    trainees = SubNetwork.objects.get(slug="trainees")
    with django_capture_on_commit_callbacks(execute=True):
        shared = make_group(
            "共生ネット東京",
            kana="きょうせいねっととうきょう",
            fields=["labour"],
            contact_email=CONTACT,
            contact_visibility=Visibility.SUBNETWORKS,
        )
        shared.audience_subnetworks.set([trainees])
        limited = make_group(
            f"{GROUP_WORD}共生ネット",
            kana="はりもぐらきょうせいねっと",
            fields=["labour"],
            networks=["women"],
            visibility=Visibility.SUBNETWORKS,
        )
        limited.audience_subnetworks.set([trainees])
        person = make_person(
            f"山田 {PERSON_WORD}",
            "やまだ せんざんこう",
            bio="共生の相談員",
            visibility=Visibility.SUBNETWORKS,
        )
        person.audience_subnetworks.set([trainees])
        # Shown to members at large, in the limited group: its text must not name that group.
        make_person("佐藤 花子", "さとう はなこ", affiliation=limited, bio="共生の相談員")
        manager_group = make_group(
            "実習生の会",
            kana="じっしゅうせいのかい",
            networks=["trainees"],
            visibility="secretariat",
        )
    refresh()
    clients = {"anonymous": Client()}
    users = {
        "member": User.objects.create_user("plain-member"),
        "women": User.objects.create_user("women-member"),
        "trainees": User.objects.create_user("trainees-member"),
        "manager": User.objects.create_user("trainees-manager"),
        "secretariat": User.objects.create_user("secretariat"),
    }
    users["member"].groups.add(Group.objects.get(name=NETWORK_MEMBERS_GROUP))
    users["secretariat"].groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    with django_capture_on_commit_callbacks(execute=True):
        _viewer_entry("women-viewer", "women", user=users["women"])
        _viewer_entry("trainees-viewer", "trainees", user=users["trainees"])
        manager_group.managers.add(users["manager"])
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    return {"shared": shared, "group": limited, "person": person, "clients": clients}


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _answers(client, network) -> list[tuple[str, str, object, bool]]:
    """(surface, answer, the limited record it could reveal, whether the answer echoes the
    record's own word because the viewer typed it)."""
    group, person, women = network["group"], network["person"], {"network": "women"}
    get = lambda path, **query: _text(client.get(path, query))  # noqa: E731
    return [
        ("directory", get("/members/", q=GROUP_WORD), group, True),
        ("directory, everyone", get("/members/"), group, False),
        ("directory, english", get("/en/members/"), group, False),
        ("directory, a person", get("/members/", q=PERSON_WORD), person, True),
        ("directory, every person", get("/members/", type="individual"), person, False),
        ("api", get("/api/v1/members/", q=GROUP_WORD), group, False),
        ("api, by sub-network", get("/api/v1/members/", **women), group, False),
        ("site search", get("/search/", q=GROUP_WORD), group, True),
        ("site search api", get("/api/v1/search/", q=PERSON_WORD), person, False),
        ("suggest", get("/api/v1/suggest/", q=GROUP_WORD[:4]), group, False),
        ("suggest, a person", get("/api/v1/suggest/", q="せんざん"), person, False),
        ("similar groups", get(network["shared"].get_absolute_url()), group, False),
    ]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_sub_network_entry_reaches_only_that_sub_network_and_the_secretariat(
    network, viewer, settings
):
    """One network per viewer (building it is the slow part): every surface, the counts, the
    contacts and the database fallback."""
    client = network["clients"][viewer]
    sees = viewer in SEES
    _surfaces(client, network, sees, viewer)
    _counts(client, sees, viewer)
    body = _text(client.get(network["shared"].get_absolute_url()))
    assert (CONTACT in body) is sees  # contacts limited to A on an entry everyone sees
    # Down for the fallback's requests only (not ``search_down``): the ``es`` fixture's
    # teardown still needs the server to remove this test's indices.
    url, settings.ELASTICSEARCH_URL = settings.ELASTICSEARCH_URL, "http://127.0.0.1:9"
    breaker.reset()
    try:
        _fallback_answers(client, network, sees)
    finally:
        settings.ELASTICSEARCH_URL = url
        breaker.reset()


def _surfaces(client, network, sees: bool, viewer: str) -> None:
    for surface, body, record, echoes in _answers(client, network):
        word = GROUP_WORD if record is network["group"] else PERSON_WORD
        if not echoes:
            assert (word in body) is sees, (surface, viewer)
        if not surface.startswith("suggest"):  # suggestions are names, not links
            assert (f"/{record.slug}/" in body) is sees, (surface, viewer)
    for record in (network["group"], network["person"]):
        assert client.get(record.get_absolute_url()).status_code == (200 if sees else 404)


def _counts(client, sees: bool, viewer: str) -> None:
    everything = json.loads(_text(client.get("/api/v1/members/")))
    by_women = json.loads(_text(client.get("/api/v1/members/", {"network": "women"})))
    women = {v["value"]: v["count"] for v in everything["facets"]["network"]}.get("women", 0)
    # The limited group is the only member of "women" in the index.
    assert women == (1 if sees else 0)
    assert by_women["count"] == (1 if sees else 0)
    groups = everything["listed"]["group"]
    assert groups == (2 if sees else 1)  # the shared group and, for its audience, the limited one
    if viewer != "anonymous":
        people = everything["listed"]["individual"]
        assert people == (2 if sees else 1)


def _fallback_answers(client, network, sees: bool) -> None:
    body = _text(client.get("/members/", {"q": GROUP_WORD}))
    assert (f"/{network['group'].slug}/" in body) is sees
    api = json.loads(_text(client.get("/api/v1/members/")))
    assert api["search_unavailable"] is True
    slugs = {card["id"] for card in api["results"]}
    assert (network["group"].slug in slugs) is sees
    assert (network["person"].slug in slugs) is sees


def test_a_person_does_not_carry_the_name_of_a_group_their_audience_may_not_see(network, es):
    """佐藤 is shown to all members; her group to sub-network A only: her text leaves it out,
    so plain members never find her by the group's word."""
    client = network["clients"]["member"]
    assert GROUP_WORD not in _text(client.get("/api/v1/members/", {"q": "佐藤"}))
    assert json.loads(_text(client.get("/api/v1/members/", {"q": GROUP_WORD})))["count"] == 0
    trainee = json.loads(
        _text(network["clients"]["trainees"].get("/api/v1/members/", {"q": GROUP_WORD}))
    )
    assert trainee["count"] == 1  # the group itself; still not 佐藤 through the copy


def test_exports_follow_the_audience(network):
    public = {r["member_number"] for r in export_records(public_only=True)}
    full = {r["member_number"]: r for r in export_records(public_only=False)}
    assert network["group"].member_number not in public
    assert network["person"].member_number not in public
    assert network["group"].member_number in full
    assert full[network["shared"].member_number]["contact_email"] == CONTACT
    shared_public = next(
        r for r in export_records(public_only=True)
        if r["member_number"] == network["shared"].member_number
    )  # fmt: skip
    assert CONTACT not in json.dumps(shared_public)


def test_changing_the_audience_or_a_participation_reaches_the_next_request(
    network, refresh, django_capture_on_commit_callbacks
):
    group, women = network["group"], SubNetwork.objects.get(slug="women")
    client = network["clients"]["women"]

    def found() -> bool:
        body = json.loads(_text(client.get("/api/v1/members/", {"q": GROUP_WORD})))
        return group.slug in {card["id"] for card in body["results"]}

    assert not found()
    with django_capture_on_commit_callbacks(execute=True):
        group.audience_subnetworks.add(women)
    assert found()
    with django_capture_on_commit_callbacks(execute=True):
        group.audience_subnetworks.remove(women)
    assert not found()
    # The viewer joins sub-network A: grants are read per request, no document changes.
    viewer = IndividualMember.objects.get(user__username="women-member")
    IndividualParticipation.objects.create(
        individual=viewer, subnetwork=SubNetwork.objects.get(slug="trainees")
    )
    assert found()
    # A narrowed group re-syncs its people: 佐藤's text now may name it (members see both).
    with django_capture_on_commit_callbacks(execute=True):
        group.visibility = Visibility.MEMBERS
        group.save()
    refresh()
    member = network["clients"]["member"]
    hits = json.loads(_text(member.get("/api/v1/members/", {"q": GROUP_WORD})))["results"]
    assert {card["name"] for card in hits} == {group.name, "佐藤 花子"}


def test_a_sub_network_entry_without_a_sub_network_is_not_indexed(
    network, es, refresh, django_capture_on_commit_callbacks
):
    group = network["group"]
    with django_capture_on_commit_callbacks(execute=True):
        group.audience_subnetworks.clear()
    refresh()
    assert not es.exists(index=alias_name("members"), id=f"group-{group.pk}")
    call_command("search_index", "status", "--kind", "members")  # no drift: rebuild agrees
    secretariat = network["clients"]["secretariat"]
    assert secretariat.get(group.get_absolute_url()).status_code == 200
    assert f"/{group.slug}/" not in _text(secretariat.get("/members/", {"q": GROUP_WORD}))


def test_no_duplicate_rows_for_a_record_in_two_of_the_viewers_sub_networks(network):
    group = network["group"]
    group.audience_subnetworks.add(SubNetwork.objects.get(slug="women"))
    user = User.objects.get(username="trainees-member")
    IndividualParticipation.objects.create(
        individual=user.individual_member, subnetwork=SubNetwork.objects.get(slug="women")
    )
    user = User.objects.get(pk=user.pk)
    visible = list(GroupMember.objects.visible_to(viewer_grants(user)))
    assert visible.count(group) == 1


def test_a_groups_audience_change_re_syncs_its_people(network, django_capture_on_commit_callbacks):
    """A person limited to A names their group only while A may see it: adding A to the
    group's audience copies the name, taking it away removes the copy at once."""
    group, person = network["group"], network["person"]
    women, trainees = (SubNetwork.objects.get(slug=s) for s in ("women", "trainees"))
    with django_capture_on_commit_callbacks(execute=True):
        group.audience_subnetworks.set([women])
        person.affiliation = group
        person.save()
    client = network["clients"]["trainees"]

    def found_by_the_groups_word() -> set[str]:
        body = json.loads(_text(client.get("/api/v1/members/", {"q": GROUP_WORD})))
        return {card["id"] for card in body["results"]}

    assert found_by_the_groups_word() == set()
    with django_capture_on_commit_callbacks(execute=True):
        group.audience_subnetworks.add(trainees)
    assert found_by_the_groups_word() == {group.slug, person.slug}
    with django_capture_on_commit_callbacks(execute=True):
        group.audience_subnetworks.remove(trainees)
    assert found_by_the_groups_word() == set()
