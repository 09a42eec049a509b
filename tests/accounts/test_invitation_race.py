"""One link submitted twice at the same moment (a double click, two tabs) is accepted once."""

import threading
import time
from unittest import mock

import pytest
from django.db import connection

from accounts import invitations
from members.factories import GroupMemberFactory

from .conftest import PASSWORD


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_submissions_at_once_accept_the_link_once():
    if connection.vendor == "sqlite":
        # SQLite lets one writer in at a time, so there is no race to lose there.
        pytest.skip("concurrent writers need PostgreSQL")
    group = GroupMemberFactory(name="同時の会")
    invitation = invitations.invite(
        email="taro@example.org", entry=group, invited_by=None, language="ja"
    )
    real_account_for = invitations.account_for

    def slow_account_for(email):
        # Both submissions have read the invitation by now, unless the first one locked it.
        time.sleep(0.3)
        return real_account_for(email)

    results: list[object] = []
    barrier = threading.Barrier(2)

    def submit(password: str) -> None:
        try:
            barrier.wait()
            results.append(invitations.accept(invitation=invitation, password=password))
        except invitations.InvitationError as error:
            results.append(error)
        finally:
            # Each thread has its own connection; a kept one would block dropping the test
            # database (CONN_MAX_AGE keeps them otherwise).
            connection.close()

    with mock.patch.object(invitations, "account_for", slow_account_for):
        threads = [threading.Thread(target=submit, args=(f"{PASSWORD}-{n}",)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(type(result).__name__ for result in results) == ["UsedLink", "User"]
    (user,) = [result for result in results if not isinstance(result, Exception)]
    user.refresh_from_db()
    # The password is the winner's, not overwritten by the loser.
    assert any(user.check_password(f"{PASSWORD}-{n}") for n in range(2))
    assert list(group.managers.all()) == [user]
