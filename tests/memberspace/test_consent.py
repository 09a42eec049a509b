"""members.consent and members.lifecycle write the consent ledger and keep requests honest."""

import pytest

from members import lifecycle
from members.consent import (
    member_choose_privacy,
    privacy_request_approve,
    privacy_request_reject,
)
from members.factories import GroupMemberFactory
from members.models import ConsentRecord, GroupMember, PrivacyRequest, Status, Visibility

pytestmark = pytest.mark.django_db


def test_bulk_changes_write_one_ledger_row_per_member_and_value(secretariat_user):
    first, second = GroupMemberFactory(), GroupMemberFactory()
    lifecycle.set_visibility(
        members=GroupMember.objects.filter(pk__in=[first.pk, second.pk]),
        visibility=Visibility.MEMBERS,
        by=secretariat_user,
    )
    lifecycle.set_status(members=GroupMember.objects.filter(pk=first.pk), status=Status.LAPSED)
    rows = {
        (r.group_id, r.field, r.from_value, r.to_value, r.how) for r in ConsentRecord.objects.all()
    }
    assert rows == {
        (first.pk, "visibility", "public", "members", "secretariat"),
        (second.pk, "visibility", "public", "members", "secretariat"),
        (first.pk, "status", "active", "lapsed", "secretariat"),
    }
    assert ConsentRecord.objects.filter(by=secretariat_user).count() == 2


def test_a_bulk_withdrawal_cancels_waiting_requests(manager):
    group = GroupMemberFactory(visibility=Visibility.MEMBERS)
    outcome = member_choose_privacy(
        member=group, visibility=Visibility.PUBLIC, listed=True, by=manager
    )
    assert outcome.request is not None and not outcome.applied
    lifecycle.withdraw_consent(members=GroupMember.objects.filter(pk=group.pk))
    outcome.request.refresh_from_db()
    assert outcome.request.state == PrivacyRequest.State.CANCELLED
    with pytest.raises(ValueError):
        privacy_request_approve(request=outcome.request, by=None)
    assert not GroupMember.objects.get(pk=group.pk).is_listed


def test_a_newer_choice_replaces_a_waiting_request_and_a_rejection_changes_nothing(manager):
    group = GroupMemberFactory(visibility=Visibility.SECRETARIAT)
    member_choose_privacy(member=group, visibility=Visibility.PUBLIC, listed=True, by=manager)
    member_choose_privacy(member=group, visibility=Visibility.MEMBERS, listed=True, by=manager)
    pending = PrivacyRequest.objects.get(state=PrivacyRequest.State.PENDING)
    assert pending.visibility == Visibility.MEMBERS
    assert PrivacyRequest.objects.filter(state=PrivacyRequest.State.CANCELLED).count() == 1
    privacy_request_reject(request=pending, by=None)
    assert GroupMember.objects.get(pk=group.pk).visibility == Visibility.SECRETARIAT
    assert not ConsentRecord.objects.exists()
