"""The log of relayed messages: bodies purged after RELAY_KEEP_DAYS, a read-only admin listing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from members.models.privacy import DIRECTORY_EDITORS_GROUP, SECRETARIAT_GROUP
from relay.models import RelayMessage, RelayStatus

pytestmark = pytest.mark.django_db

ADMIN = "/admin/relay_messages/"


def logged(group, *, days_ago: float, body: str = "本文です") -> RelayMessage:
    return RelayMessage.objects.create(
        group=group,
        sent_at=timezone.now() - timedelta(days=days_ago),
        status=RelayStatus.SENT,
        client_key="c" * 40,
        sender_key="s" * 40,
        subject_length=5,
        body_length=len(body),
        language="ja",
        body=body,
    )


def test_purge_blanks_bodies_older_than_the_setting_and_keeps_the_metadata(group, settings):
    settings.RELAY_KEEP_DAYS = 30
    old, recent = logged(group, days_ago=31), logged(group, days_ago=29)
    out = StringIO()
    call_command("purge_relay", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.body == "" and old.body_length == 4 and old.status == RelayStatus.SENT
    assert recent.body == "本文です"
    assert "Blanked 1 message bodies older than 30 days." in out.getvalue()
    call_command("purge_relay", "--days", "7", stdout=out)
    recent.refresh_from_db()
    assert recent.body == ""


def _staff(django_user_model, username, group_name=None, **flags):
    user = django_user_model.objects.create_user(username=username, password="pw", **flags)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_secretariat_sees_the_metadata_but_not_the_bodies(client, group, django_user_model):
    logged(group, days_ago=1, body="ひみつの本文")
    client.force_login(_staff(django_user_model, "jimukyoku", SECRETARIAT_GROUP))
    response = client.get(ADMIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "つながる支援の会" in page
    assert "ひみつの本文" not in page
    assert "office-hidden" not in page


def test_the_listing_is_read_only_even_for_a_superuser(client, group, django_user_model):
    record = logged(group, days_ago=1)
    client.force_login(_staff(django_user_model, "root", is_superuser=True, is_staff=True))
    assert client.get(ADMIN).status_code == 200
    for path in ("new/", f"edit/{record.pk}/", f"delete/{record.pk}/"):
        response = client.get(ADMIN + path)
        assert response.status_code in {302, 403}, path
    assert client.post(ADMIN + f"delete/{record.pk}/").status_code in {302, 403}
    assert RelayMessage.objects.filter(pk=record.pk).exists()
    assert not Permission.objects.filter(
        content_type__app_label="relay", codename__in=["add_relaymessage", "delete_relaymessage"]
    ).exists()


def test_directory_editors_do_not_see_the_log(client, group, django_user_model):
    logged(group, days_ago=1)
    client.force_login(_staff(django_user_model, "editor", DIRECTORY_EDITORS_GROUP))
    assert client.get(ADMIN).status_code in {302, 403}
