import pytest

from members.factories import GroupMemberFactory
from members.models import Visibility

# The private address every test checks never reaches a visitor, whole or in part.
SECRET_ADDRESS = "office-hidden@relay-secret.example.org"
SECRET_PARTS = (SECRET_ADDRESS, "office-hidden", "relay-secret.example.org")


@pytest.fixture(autouse=True)
def _relay_settings(settings):
    # Known limits, whatever the machine's environment says.
    settings.RELAY_RATE_PER_ADDRESS = "5/h"
    settings.RELAY_RATE_PER_GROUP = "20/d"
    settings.RELAY_MAX_CHARS = 2000
    settings.RELAY_KEEP_DAYS = 30
    settings.RELAY_CLIENT_ADDRESS_HEADER = None


@pytest.fixture
def group(db):
    return GroupMemberFactory(
        name="つながる支援の会",
        name_en="Tsunagaru Support",
        slug="tsunagaru-support",
        contact_email=SECRET_ADDRESS,
        public_email="",
        visibility=Visibility.PUBLIC,
    )


def message(**overrides) -> dict:
    """A valid POST of the contact form."""
    return {
        "name": "山田 太郎",
        "email": "taro@visitor.example",
        "subject": "ボランティアについて",
        "message": "日本語教室のボランティアに参加したいです。",
        "homepage": "",
        "consent": "on",
        **overrides,
    }


def assert_no_secret(response) -> None:
    body = response.content.decode()
    for part in SECRET_PARTS:
        assert part not in body, f"{part!r} shown at {response.request['PATH_INFO']}"
    for name, value in response.items():
        for part in SECRET_PARTS:
            assert part not in value, f"{part!r} in header {name}"
