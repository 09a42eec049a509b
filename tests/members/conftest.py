import factory.random
import pytest
from django.contrib.auth.models import Group, User

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import Visibility
from members.models.privacy import DIRECTORY_EDITORS_GROUP, NETWORK_MEMBERS_GROUP, SECRETARIAT_GROUP


@pytest.fixture(autouse=True)
def _fixed_faker():
    # Factories draw names from Faker; a fixed seed keeps every run's data the same.
    factory.random.reseed_random(2020)


def _user(username: str, group: str | None = None) -> User:
    user = User.objects.create_user(username=username, password="pw-for-tests-only")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def member_user(db):
    return _user("member", NETWORK_MEMBERS_GROUP)


@pytest.fixture
def secretariat_user(db):
    return _user("secretariat", SECRETARIAT_GROUP)


@pytest.fixture
def editor_user(db):
    return _user("editor", DIRECTORY_EDITORS_GROUP)


@pytest.fixture
def member_client(client, member_user):
    client.force_login(member_user)
    return client


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def directory(db):
    """One record of each visibility and listing state, with recognisable contact data."""
    return {
        "public_group": GroupMemberFactory(
            name="公開の会",
            kana="こうかいのかい",
            slug="public-group",
            public_email="info@public-group.example.org",
            contact_email="secret-public-group@example.org",
            contact_phone="03-1111-0001",
            fields=["labour"],
            languages=["vi"],
            subnetworks=[("trainees", "coordinator")],
        ),
        "members_group": GroupMemberFactory(
            name="会員限定の会",
            slug="members-group",
            visibility=Visibility.MEMBERS,
            contact_email="secret-members-group@example.org",
        ),
        "secret_group": GroupMemberFactory(
            name="事務局限定の会",
            slug="secret-group",
            visibility=Visibility.SECRETARIAT,
        ),
        "withdrawn_group": GroupMemberFactory(
            name="撤回した会", slug="withdrawn-group", consent_withdrawn_at="2026-01-01T00:00Z"
        ),
        "person": IndividualMemberFactory(
            name="田中 花子",
            kana="タナカ ハナコ",
            contact_email="secret-hanako@example.org",
            contact_phone="090-2222-0002",
        ),
        "secret_person": IndividualMemberFactory(
            name="鈴木 一郎", kana="すずき いちろう", visibility=Visibility.SECRETARIAT
        ),
    }
