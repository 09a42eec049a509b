"""A member picks a sub-network audience on /mypage/ (issue 10): only their entry's own
sub-networks are offered; what narrows applies at once and is in the ledger with the
sub-networks named; what widens waits for the secretariat, whose approval applies exactly the
requested sub-networks and can never re-widen past a later narrowing."""

import pytest
from django.urls import reverse

from members.consent import member_choose_privacy, privacy_request_approve
from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import (
    ConsentRecord,
    GroupMember,
    PrivacyRequest,
    SubNetwork,
    Visibility,
)
from members.models.privacy import audience_meet

from .conftest import edit_url, privacy_url

pytestmark = pytest.mark.django_db


def _group(manager, *, networks=("trainees", "women"), visibility=Visibility.PUBLIC, chosen=()):
    group = GroupMemberFactory(
        name="選べる会",
        visibility=visibility,
        consent_tier=Visibility.PUBLIC,
        subnetworks=[(slug, "member") for slug in networks],
    )
    group.audience_subnetworks.set(SubNetwork.objects.filter(slug__in=chosen))
    group.managers.add(manager)
    return group


def _live(group) -> tuple[str, set[str]]:
    live = GroupMember.objects.get(pk=group.pk)
    return live.visibility, set(live.audience_subnetworks.values_list("slug", flat=True))


def _ledger(field="visibility") -> list[tuple[str, str, str]]:
    return [
        (r.from_value, r.to_value, r.how)
        for r in ConsentRecord.objects.filter(field=field).order_by("pk")
    ]


def _approve_in_admin(client, secretariat_user, request):
    client.force_login(secretariat_user)
    url = reverse("members_privacy_request", args=[request.pk])
    return client.post(url, {"decision": "approve"})


def test_the_meet_of_two_audiences():
    sub = Visibility.SUBNETWORKS
    assert audience_meet(("public", []), ("members", [])) == ("members", frozenset())
    assert audience_meet(("members", []), (sub, ["a"])) == (sub, {"a"})
    assert audience_meet((sub, ["a", "b"]), (sub, ["b", "c"])) == (sub, {"b"})
    assert audience_meet((sub, ["a"]), (sub, ["b"])) == ("secretariat", frozenset())
    assert audience_meet(("secretariat", []), ("public", [])) == ("secretariat", frozenset())


def test_the_picker_offers_only_the_entrys_own_sub_networks(manager_client, manager):
    group = _group(manager, networks=("trainees",))
    html = manager_client.get(edit_url(group)).content.decode()
    assert 'name="subnetworks" value="trainees"' in html
    assert 'value="women"' not in html and 'value="immigration-law"' not in html
    assert 'name="visibility" value="subnetworks"' in html
    # Posting another sub-network is refused, and nothing changes.
    response = manager_client.post(
        privacy_url(group), {"visibility": "subnetworks", "subnetworks": ["women"], "listed": "on"}
    )
    assert response.status_code == 400
    assert _live(group) == ("public", set())
    assert not PrivacyRequest.objects.exists() and not ConsentRecord.objects.exists()


def test_an_entry_in_no_sub_network_is_not_offered_the_audience(manager_client, manager):
    group = _group(manager, networks=())
    html = manager_client.get(edit_url(group)).content.decode()
    assert 'value="subnetworks"' not in html and "data-audience-picker" not in html
    person = IndividualMemberFactory(user=manager, subnetworks=[("women", "member")])
    html = manager_client.get(edit_url(person)).content.decode()
    assert 'name="subnetworks" value="women"' in html  # a person's own sub-networks count too


def test_a_sub_network_audience_needs_a_ticked_sub_network(manager_client, manager):
    group = _group(manager)
    response = manager_client.post(
        privacy_url(group), {"visibility": "subnetworks", "listed": "on"}
    )
    assert response.status_code == 400
    assert "subnetworks" in response.context["privacy_form"].errors
    assert _live(group) == ("public", set())


def test_choosing_sub_networks_narrows_at_once_and_is_recorded(manager_client, manager):
    group = _group(manager)
    response = manager_client.post(
        privacy_url(group),
        {"visibility": "subnetworks", "subnetworks": ["trainees"], "listed": "on"},
    )
    assert response.status_code == 302
    assert _live(group) == ("subnetworks", {"trainees"})
    assert _ledger() == [("public", "subnetworks:trainees", "member")]
    assert ConsentRecord.objects.get(field="visibility").by == manager
    assert not PrivacyRequest.objects.exists()
    # The form shows the choice again, ticked.
    form = manager_client.get(edit_url(group)).context["privacy_form"]
    assert form["subnetworks"].value() == ["trainees"]


def test_removing_a_sub_network_narrows_at_once(manager_client, manager):
    group = _group(manager, visibility=Visibility.SUBNETWORKS, chosen=("trainees", "women"))
    manager_client.post(
        privacy_url(group),
        {"visibility": "subnetworks", "subnetworks": ["women"], "listed": "on"},
    )
    assert _live(group) == ("subnetworks", {"women"})
    assert _ledger() == [("subnetworks:trainees,women", "subnetworks:women", "member")]


def test_adding_a_sub_network_waits_and_approval_applies_exactly_it(
    client, manager, secretariat_user
):
    group = _group(manager, visibility=Visibility.SUBNETWORKS, chosen=("trainees",))
    client.force_login(manager)
    client.post(
        privacy_url(group),
        {"visibility": "subnetworks", "subnetworks": ["trainees", "women"], "listed": "on"},
    )
    assert _live(group) == ("subnetworks", {"trainees"})
    request = PrivacyRequest.objects.get(state="pending")
    assert set(request.subnetworks.values_list("slug", flat=True)) == {"trainees", "women"}
    assert not ConsentRecord.objects.exists()
    assert "承認待ち" in client.get(reverse("memberspace:entries")).content.decode()

    # The secretariat sees the requested sub-networks in the list and on the request.
    client.force_login(secretariat_user)
    listing = client.get(reverse("members_privacy_requests")).content.decode()
    assert "女性プロジェクト" in listing and "外国人技能実習生権利ネットワーク" in listing
    detail = client.get(reverse("members_privacy_request", args=[request.pk])).content.decode()
    assert "女性プロジェクト" in detail

    assert _approve_in_admin(client, secretariat_user, request).status_code == 302
    assert _live(group) == ("subnetworks", {"trainees", "women"})
    record = ConsentRecord.objects.get(field="visibility")
    assert (record.from_value, record.to_value, record.how, record.request) == (
        "subnetworks:trainees",
        "subnetworks:trainees,women",
        "secretariat",
        request,
    )


def test_sub_networks_to_all_members_is_a_widening(client, manager, secretariat_user):
    group = _group(manager, visibility=Visibility.SUBNETWORKS, chosen=("trainees",))
    client.force_login(manager)
    client.post(privacy_url(group), {"visibility": "members", "listed": "on"})
    assert _live(group) == ("subnetworks", {"trainees"})
    request = PrivacyRequest.objects.get(state="pending")
    _approve_in_admin(client, secretariat_user, request)
    # The list is cleared: it no longer names anyone's audience.
    assert _live(group) == ("members", set())
    assert _ledger() == [("subnetworks:trainees", "members", "secretariat")]


def test_swapping_sub_networks_narrows_now_and_asks_for_the_rest(manager_client, manager):
    group = _group(manager, visibility=Visibility.SUBNETWORKS, chosen=("trainees",))
    manager_client.post(
        privacy_url(group),
        {"visibility": "subnetworks", "subnetworks": ["women"], "listed": "on"},
    )
    # Trainees lose sight at once; women wait for the secretariat.
    assert _live(group) == ("secretariat", set())
    request = PrivacyRequest.objects.get(state="pending")
    assert request.visibility == "subnetworks"
    assert set(request.subnetworks.values_list("slug", flat=True)) == {"women"}


def test_approving_an_older_request_never_rewidens_past_a_later_narrowing(
    client, manager, secretariat_user
):
    group = _group(manager, visibility=Visibility.SUBNETWORKS, chosen=("trainees", "women"))
    client.force_login(manager)
    client.post(privacy_url(group), {"visibility": "members", "listed": "on"})  # widening
    request = PrivacyRequest.objects.get(state="pending")
    client.post(  # then a narrowing: women no longer
        privacy_url(group),
        {"visibility": "subnetworks", "subnetworks": ["trainees"], "listed": "on"},
    )
    request.refresh_from_db()
    assert request.state == PrivacyRequest.State.CANCELLED
    _approve_in_admin(client, secretariat_user, request)
    assert _live(group) == ("subnetworks", {"trainees"})
    with pytest.raises(ValueError):
        privacy_request_approve(request=request, by=secretariat_user)
    assert _live(group) == ("subnetworks", {"trainees"})


def test_contacts_limited_to_sub_networks_never_widen_without_approval(manager):
    group = _group(manager, chosen=("trainees",))
    GroupMember.objects.filter(pk=group.pk).update(contact_visibility=Visibility.SUBNETWORKS)
    group.refresh_from_db()
    # The entry narrows public → women; its contacts share the list and may not gain women.
    outcome = member_choose_privacy(
        member=group,
        visibility=Visibility.SUBNETWORKS,
        subnetworks=["women"],
        listed=True,
        by=manager,
    )
    assert outcome.applied and outcome.request is not None
    live = GroupMember.objects.get(pk=group.pk)
    assert live.visibility == Visibility.SECRETARIAT
    assert set(live.audience_subnetworks.values_list("slug", flat=True)) == {"trainees"}


def test_a_member_cannot_add_a_sub_network_the_entry_is_not_in(manager):
    group = _group(manager, networks=("trainees",))
    with pytest.raises(ValueError):
        member_choose_privacy(
            member=group,
            visibility=Visibility.SUBNETWORKS,
            subnetworks=["women"],
            listed=True,
            by=manager,
        )
