"""Concurrent posts to one group cannot pass its limit: counting and logging happen under a
lock on the group's row, as they would with several gunicorn workers."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from members.factories import GroupMemberFactory
from relay.models import RelayMessage, RelayStatus
from relay.services import relay_message


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_posts_send_no_more_than_the_groups_limit(settings):
    if connection.vendor == "sqlite":
        # SQLite lets one writer in at a time and has no row locks to test; the PostgreSQL
        # pass of CI runs this, as production would.
        pytest.skip("row locks need PostgreSQL")
    settings.RELAY_RATE_PER_GROUP = "3/d"
    group = GroupMemberFactory(slug="race-group", contact_email="race@relay-secret.example.org")
    start = threading.Barrier(8)
    outcomes, errors = [], []

    def visitor(n: int) -> None:
        try:
            start.wait()
            outcomes.append(
                relay_message(
                    group=group,
                    name=f"visitor {n}",
                    email=f"v{n}@visitor.example",
                    subject="hello",
                    body="body",
                    client_address=f"192.0.2.{n}",
                    language="ja",
                    trapped=False,
                    page_url="http://testserver/",
                ).status
            )
        except BaseException as error:  # surfaced in the main thread
            errors.append(error)
        finally:
            # Each thread has its own connection; left open it would keep the test database.
            connections.close_all()

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == ["limited"] * 5 + [RelayStatus.SENT] * 3
    assert RelayMessage.objects.filter(group=group).count() == 3
    assert len([m for m in mail.outbox if m.to == [group.contact_email]]) == 3
