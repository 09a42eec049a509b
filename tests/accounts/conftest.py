import re

import pytest
from django.conf import settings
from django.core import mail

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import Visibility
from tests.members.conftest import (  # noqa: F401  (fixtures shared with the members tests)
    _fixed_faker,
    editor_client,
    editor_user,
    member_client,
    member_user,
    secretariat_client,
    secretariat_user,
)

PASSWORD = "a-long-and-uncommon-passphrase-42"


@pytest.fixture
def hidden_group(db):
    """A group only the secretariat may see: its name must not leak to a broken link."""
    return GroupMemberFactory(
        name="事務局だけの会",
        slug="secretariat-only",
        visibility=Visibility.SECRETARIAT,
        contact_email="office@hidden.example.org",
    )


@pytest.fixture
def person(db):
    return IndividualMemberFactory(name="山田 花子", kana="やまだ はなこ")


def link_in(message) -> str:
    """The site's own path named in a mail (the part after SITE_URL)."""
    match = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox
