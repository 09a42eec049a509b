import uuid

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from members.models import (
    FieldTag,
    GroupMember,
    GroupParticipation,
    IndividualMember,
    Language,
    Prefecture,
    SubNetwork,
    Visibility,
)
from members.seed import seed_network
from search.client import breaker, get_client
from search.documents import alias_name
from search.indexing import ensure_indices, rebuild


@pytest.fixture
def es(settings, db):
    """Fresh, empty indices under a prefix of this test's own; removed afterwards."""
    settings.SEARCH_INDEX_PREFIX = f"tsunagaru-test-{uuid.uuid4().hex[:10]}"
    breaker.reset()
    ensure_indices()
    yield get_client()
    breaker.reset()
    client = get_client()
    names = list(client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*").keys())
    if names:
        client.indices.delete(index=",".join(names))


@pytest.fixture
def refresh(es):
    def _refresh():
        for kind in ("members", "pages"):
            es.indices.refresh(index=alias_name(kind))

    return _refresh


@pytest.fixture
def make_group(db, django_capture_on_commit_callbacks):
    counter = iter(range(1, 10_000))

    def _make(name="テスト支援の会", *, fields=(), languages=(), networks=(), prefecture="13",
              visibility=Visibility.PUBLIC, **extra):  # fmt: skip
        n = next(counter)
        with django_capture_on_commit_callbacks(execute=True):
            group = GroupMember.objects.create(
                name=name,
                slug=extra.pop("slug", f"group-{uuid.uuid4().hex[:8]}"),
                member_number=extra.pop("member_number", f"G-T{n:04}-{uuid.uuid4().hex[:4]}"),
                prefecture=Prefecture.objects.get(code=prefecture),
                visibility=visibility,
                consent_given_at=timezone.now(),
                consent_tier=Visibility.PUBLIC,
                **extra,
            )
            group.fields.set(list(FieldTag.objects.filter(slug__in=fields)))
            group.languages.set(Language.objects.filter(code__in=languages))
            group.save()  # parental relations: written by the save
            for slug in networks:
                GroupParticipation.objects.create(
                    group=group, subnetwork=SubNetwork.objects.get(slug=slug)
                )
        return group

    return _make


@pytest.fixture
def make_person(db, django_capture_on_commit_callbacks):
    def _make(name="山田 花子", kana="やまだ はなこ", *, visibility=Visibility.MEMBERS, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return IndividualMember.objects.create(
                name=name,
                kana=kana,
                member_number=extra.pop("member_number", f"I-{uuid.uuid4().hex[:8]}"),
                prefecture=Prefecture.objects.get(code=extra.pop("prefecture", "13")),
                visibility=visibility,
                consent_given_at=timezone.now(),
                consent_tier=visibility,
                **extra,
            )

    return _make


@pytest.fixture(scope="module")
def demo_index(django_db_setup, django_db_blocker):
    """The demo network in the database and in a fresh index, for one test module."""
    prefix = f"tsunagaru-test-demo-{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock(), override_settings(SEARCH_INDEX_PREFIX=prefix):
        seed_network()
        breaker.reset()
        rebuild("members")
        yield
        names = list(get_client().indices.get(index=f"{prefix}-*").keys())
        get_client().indices.delete(index=",".join(names))
        GroupMember.objects.all().delete()
        IndividualMember.objects.all().delete()
    assert prefix != settings.SEARCH_INDEX_PREFIX


@pytest.fixture
def patient_elasticsearch(monkeypatch):
    """A 30 s client timeout instead of 1 s, and a closed breaker: the fuzz suites test what is
    answered, and on a busy machine one slow call would open the breaker, so syncs would be
    skipped and answers turn into 503s that say nothing about privacy."""
    from search import client

    monkeypatch.setattr(client, "REQUEST_TIMEOUT", 30.0)
    client._client.cache_clear()
    breaker.reset()
    yield
    client._client.cache_clear()
    breaker.reset()
