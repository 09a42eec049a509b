import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import Visibility

# Shared fixtures: the staff accounts, and the search suite's real Elasticsearch (fresh
# indices under a prefix of the test's own).
from tests.members.conftest import editor_user, member_user, secretariat_user  # noqa: F401
from tests.search.conftest import es, make_group, refresh  # noqa: F401


@pytest.fixture
def manager(db):
    return User.objects.create_user(username="manager", password="pw-for-tests-only")


@pytest.fixture
def managed_group(manager):
    group = GroupMemberFactory(
        name="つながる支援の会",
        kana="つながるしえんのかい",
        slug="tsunagaru-support",
        fields=["labour"],
        languages=["vi"],
        description_ja="労働相談をしています。",
        visibility=Visibility.PUBLIC,
    )
    group.managers.add(manager)
    return group


@pytest.fixture
def own_person(manager):
    return IndividualMemberFactory(
        name="山本 花子", kana="やまもと はなこ", user=manager, visibility=Visibility.MEMBERS
    )


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def edit_url(member) -> str:
    return reverse("memberspace:edit", kwargs={"kind": member.kind, "slug": member.slug})


def privacy_url(member) -> str:
    return reverse("memberspace:privacy", kwargs={"kind": member.kind, "slug": member.slug})


def group_form(group, **changes) -> dict:
    """The member-facing form as the browser posts it, from the live values."""
    data = {
        "name": group.name,
        "kana": group.kana,
        "name_en": group.name_en,
        "description_ja": group.description_ja,
        "description_en": group.description_en,
        "website": group.website,
        "public_email": group.public_email,
        "prefecture": group.prefecture_id or "",
        "municipality": group.municipality,
        "service_prefectures": [p.pk for p in group.service_prefectures.all()],
        "fields": [t.pk for t in group.fields.all()],
        "languages": [lang.pk for lang in group.languages.all()],
    }
    if group.serves_nationwide:
        data["serves_nationwide"] = "on"
    data.update(changes)
    return data
