"""Elasticsearch refusing or hanging: pages degrade, saves succeed, repair catches up."""

import math
import os
import signal
import time

import pytest
from django.conf import settings
from django.core.management import call_command

from devtools.elasticsearch_server import LocalServer
from members.models import GroupMember
from search.client import breaker
from search.documents import alias_name
from search.models import IndexFailure

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

REFUSING = "http://127.0.0.1:9"  # the discard port: nothing listens, connections are refused


@pytest.fixture
def group(es, refresh, make_group):
    created = make_group(
        "移住者支援ネット岐阜", kana="いじゅうしゃしえんねっとぎふ", prefecture="21"
    )
    refresh()
    return created


@pytest.fixture
def refused(es):
    """Point the app at a port that refuses connections, restoring the real URL before the
    ``es`` fixture cleans up its indices."""
    original = settings.ELASTICSEARCH_URL
    breaker.reset()
    settings.ELASTICSEARCH_URL = REFUSING
    yield lambda: setattr(settings, "ELASTICSEARCH_URL", original) or breaker.reset()
    settings.ELASTICSEARCH_URL = original
    breaker.reset()


@pytest.fixture
def frozen_server():
    """Stop (SIGSTOP) the real server so requests hang, then resume it."""
    server = LocalServer(url=settings.ELASTICSEARCH_URL, cache=settings.ELASTICSEARCH_HOME)
    pid = server._pid()
    assert pid is not None, "the suite's Elasticsearch must be the project's local server"
    breaker.reset()
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)
        breaker.reset()


def test_directory_falls_back_to_the_database_when_refused(group, refused, client):
    response = client.get("/members/", {"region": "chubu"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "移住者支援ネット岐阜" in html
    assert 'class="notice"' in html
    assert (
        client.get("/members/", {"region": "kanto"}).content.decode().count("移住者支援ネット岐阜")
        == 0
    )


def test_search_pages_answer_503_when_refused(group, refused, client):
    response = client.get("/search/", {"q": "岐阜"})
    assert response.status_code == 503
    # Clients may try again once the breaker closes, not at once.
    assert response["Retry-After"] == str(math.ceil(breaker.seconds))
    assert (
        "temporarily" in response.content.decode().lower() or "一時的" in response.content.decode()
    )
    api = client.get("/api/v1/search/", {"q": "岐阜"})
    assert api.status_code == 503
    assert api.json()["error"] == "search_unavailable"
    assert api["Retry-After"] == response["Retry-After"]
    suggest = client.get("/api/v1/suggest/", {"q": "岐"})
    assert suggest.status_code == 503
    assert suggest["Retry-After"] == response["Retry-After"]
    # The directory's API answers from the database, as its page does.
    members = client.get("/api/v1/members/", {"q": "支援ネット"}).json()
    assert members["search_unavailable"] is True
    assert [card["name"] for card in members["results"]] == ["移住者支援ネット岐阜"]
    assert all(v["count"] is None for v in members["facets"]["prefecture"])


def test_circuit_breaker_stops_waiting_on_a_hung_server(group, client, frozen_server):
    started = time.perf_counter()
    assert client.get("/api/v1/search/", {"q": "岐阜"}).status_code == 503
    first = time.perf_counter() - started
    assert breaker.is_open
    started = time.perf_counter()
    for _ in range(5):
        assert client.get("/api/v1/search/", {"q": "岐阜"}).status_code == 503
    following = time.perf_counter() - started
    assert first < 5  # bounded by the 1 s client timeout, not hanging
    assert following < first  # five requests answered faster than the one that waited


def test_hung_server_directory_still_answers_from_database(group, client, frozen_server):
    response = client.get("/members/", {"q": "支援ネット"})
    assert response.status_code == 200
    assert "移住者支援ネット岐阜" in response.content.decode()


def test_save_succeeds_when_search_is_down_and_repair_fixes_the_index(
    group, refused, es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group.name = "移住者支援ネット岐阜（改称）"
        group.save()
    assert GroupMember.objects.get(pk=group.pk).name == "移住者支援ネット岐阜(改称)"
    assert IndexFailure.objects.filter(doc_id=f"group-{group.pk}").exists()

    refused()  # the server is back
    stale = es.get(index=alias_name("members"), id=f"group-{group.pk}")["_source"]["title"]
    assert stale == "移住者支援ネット岐阜"
    call_command("search_index", "repair")
    fresh = es.get(index=alias_name("members"), id=f"group-{group.pk}")["_source"]["title"]
    assert fresh == "移住者支援ネット岐阜(改称)"
    assert not IndexFailure.objects.exists()
