"""Only the secretariat invites, from the Wagtail admin's edit view or listing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Invitation
from members.models import GroupMember, IndividualMember
from members.models.privacy import DIRECTORY_EDITORS_GROUP, SECRETARIAT_GROUP

from .conftest import link_in

pytestmark = pytest.mark.django_db


def invite_url(entry):
    kind = "group" if isinstance(entry, GroupMember) else "individual"
    return reverse("accounts_invite", kwargs={"kind": kind, "pk": entry.pk})


def edit_url(entry):
    return reverse(type(entry).snippet_viewset.get_url_name("edit"), args=[entry.pk])


def test_the_secretariat_invites_in_english(
    secretariat_client, secretariat_user, hidden_group, outbox
):
    form = secretariat_client.get(invite_url(hidden_group))
    assert form.status_code == 200
    # The private address is offered, to those who may read it.
    assert 'value="office@hidden.example.org"' in form.content.decode()

    response = secretariat_client.post(
        invite_url(hidden_group), {"email": "New@Example.org", "language": "en"}
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url(hidden_group)
    invitation = Invitation.objects.get()
    assert (invitation.group, invitation.individual) == (hidden_group, None)
    assert (invitation.email, invitation.language) == ("new@example.org", "en")
    assert invitation.invited_by == secretariat_user
    (message,) = outbox
    assert link_in(message).startswith("/en/accounts/invitation/")
    # The form now lists it.
    assert "new@example.org" in secretariat_client.get(invite_url(hidden_group)).content.decode()


def test_an_individual_can_be_invited(secretariat_client, person, outbox):
    response = secretariat_client.post(
        invite_url(person), {"email": "hanako@example.org", "language": "ja"}
    )
    assert response.status_code == 302
    assert Invitation.objects.get().individual == person
    assert "パスワードを設定" in outbox[0].body


def test_an_editor_gets_403_and_sends_nothing(editor_client, hidden_group, outbox):
    assert editor_client.get(invite_url(hidden_group)).status_code == 403
    response = editor_client.post(
        invite_url(hidden_group), {"email": "x@example.org", "language": "ja"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert not outbox


def test_a_network_member_is_kept_out_of_the_admin(member_client, hidden_group, outbox):
    # No admin access at all: Wagtail sends them to its log-in before any view runs.
    response = member_client.post(
        invite_url(hidden_group), {"email": "x@example.org", "language": "ja"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not Invitation.objects.exists()
    assert not outbox


def test_an_anonymous_visitor_is_sent_to_log_in(client, hidden_group):
    response = client.get(invite_url(hidden_group))
    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_an_unknown_kind_or_entry_is_404(secretariat_client, hidden_group):
    url = reverse("accounts_invite", kwargs={"kind": "page", "pk": hidden_group.pk})
    assert secretariat_client.get(url).status_code == 404
    url = reverse("accounts_invite", kwargs={"kind": "group", "pk": hidden_group.pk + 999})
    assert secretariat_client.get(url).status_code == 404


def test_a_bad_address_is_an_error_on_the_form(secretariat_client, hidden_group, outbox):
    response = secretariat_client.post(
        invite_url(hidden_group), {"email": "not an address", "language": "ja"}
    )
    assert response.status_code == 200
    assert not outbox


def test_a_linked_person_cannot_be_given_to_another_address(
    secretariat_client, person, member_user, outbox
):
    person.user = member_user
    person.save()
    response = secretariat_client.post(
        invite_url(person), {"email": "someone@example.org", "language": "ja"}
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()
    assert not outbox


def test_the_mail_server_failing_is_said_on_the_form(secretariat_client, hidden_group):
    from unittest import mock

    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("refused")):
        response = secretariat_client.post(
            invite_url(hidden_group), {"email": "x@example.org", "language": "en"}
        )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("model", [GroupMember, IndividualMember])
def test_the_edit_view_offers_the_invitation_to_the_secretariat_only(
    secretariat_client, hidden_group, person, model
):
    entry = hidden_group if model is GroupMember else person
    assert invite_url(entry) in secretariat_client.get(edit_url(entry)).content.decode()
    listing = reverse(model.snippet_viewset.get_url_name("list"))
    assert invite_url(entry) in secretariat_client.get(listing).content.decode()


def test_an_editor_sees_no_invitation_link(editor_client, hidden_group):
    assert (
        invite_url(hidden_group) not in editor_client.get(edit_url(hidden_group)).content.decode()
    )
    listing = reverse(GroupMember.snippet_viewset.get_url_name("list"))
    assert invite_url(hidden_group) not in editor_client.get(listing).content.decode()


def test_only_the_secretariat_group_holds_the_right():
    holders = Group.objects.filter(permissions__codename="add_invitation")
    assert list(holders.values_list("name", flat=True)) == [SECRETARIAT_GROUP]
    editors = Group.objects.get(name=DIRECTORY_EDITORS_GROUP)
    assert not editors.permissions.filter(content_type__app_label="accounts").exists()
