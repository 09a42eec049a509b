"""A member's sub-network audience against the real Elasticsearch: a widening to sub-network A
asked on /mypage/ shows nowhere before the secretariat approves it in the admin; afterwards the
members of A find the entry in the directory, the API and the site search, and a member outside
A never does (directory, API, search, counts)."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import (
    GroupMember,
    IndividualMember,
    IndividualParticipation,
    PrivacyRequest,
    SubNetwork,
    Visibility,
)
from members.models.privacy import NETWORK_MEMBERS_GROUP

from .conftest import privacy_url

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

WORD = "ツチブタ"  # only in the entry's name


def _viewer(username: str, network: str | None) -> Client:
    user = User.objects.create_user(username)
    if network is None:
        user.groups.add(Group.objects.get(name=NETWORK_MEMBERS_GROUP))
    else:
        person = IndividualMember.objects.create(
            name=f"{username} さん",
            member_number=f"V-{username}",
            visibility=Visibility.SECRETARIAT,
            consent_given_at=timezone.now(),
            user=user,
        )
        IndividualParticipation.objects.create(
            individual=person, subnetwork=SubNetwork.objects.get(slug=network)
        )
    client = Client()
    client.force_login(user)
    return client


def _sees(client, group) -> dict[str, bool]:
    """Every surface and count that could reveal the entry."""
    api = client.get("/api/v1/members/", {"q": WORD}).json()
    everything = client.get("/api/v1/members/").json()
    facet = {v["value"]: v["count"] for v in everything["facets"]["network"]}
    return {
        "directory": f"/{group.slug}/" in client.get("/members/", {"q": WORD}).content.decode(),
        "api": group.slug in {card["id"] for card in api["results"]},
        "api count": api["count"] > 0,
        "site search": client.get("/api/v1/search/", {"q": WORD}).json()["count"] > 0,
        "search page": f"/{group.slug}/" in client.get("/search/", {"q": WORD}).content.decode(),
        "network count": facet.get("immigration-law", 0) > 0,  # only the entry is in it
        "page": client.get(group.get_absolute_url()).status_code == 200,
    }


def test_a_widening_to_a_sub_network_shows_only_after_approval_and_only_to_it(
    es, refresh, make_group, manager, secretariat_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group = make_group(
            f"{WORD}の会",
            kana="つちぶたのかい",
            networks=["trainees", "immigration-law"],
            visibility=Visibility.SECRETARIAT,
        )
        group.managers.add(manager)
        viewers = {
            "trainees": _viewer("trainee", "trainees"),
            "women": _viewer("woman", "women"),
            "member": _viewer("plain", None),
            "anonymous": Client(),
        }
    refresh()
    nobody = dict.fromkeys(_sees(viewers["anonymous"], group), False)
    for client in viewers.values():
        assert _sees(client, group) == nobody

    manager_client = Client()
    manager_client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(
            privacy_url(group),
            {"visibility": "subnetworks", "subnetworks": ["trainees"], "listed": "on"},
        )
    refresh()
    request = PrivacyRequest.objects.get(state="pending")
    assert GroupMember.objects.get(pk=group.pk).visibility == Visibility.SECRETARIAT
    for client in viewers.values():
        assert _sees(client, group) == nobody  # not before the approval

    secretariat = Client()
    secretariat.force_login(secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(
            reverse("members_privacy_request", args=[request.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    refresh()
    assert _sees(viewers["trainees"], group) == dict.fromkeys(nobody, True)
    for name in ("women", "member", "anonymous"):
        assert _sees(viewers[name], group) == nobody, name

    # The member narrows it again: gone for the trainees in the next request.
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(privacy_url(group), {"visibility": "secretariat", "listed": "on"})
    refresh()
    assert _sees(viewers["trainees"], group) == nobody
