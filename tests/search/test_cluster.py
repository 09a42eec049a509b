"""Past one node: a three-node cluster loses its elected master under directory traffic.

Slow (three JVMs start on a shared machine): marked ``cluster``; CI runs it once, in the
PostgreSQL pass. Its nodes use ports 9500-9502 (transport 9600-9602), apart from the suite's
single node.
"""

import threading
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from devtools.elasticsearch_server import LocalCluster
from members.seed import seed_network
from search.client import breaker, get_client
from search.documents import alias_name
from search.indexing import rebuild

pytestmark = [pytest.mark.cluster, pytest.mark.elasticsearch]

FIRST_URL = "http://127.0.0.1:9500"


@pytest.fixture(scope="module")
def cluster():
    nodes = LocalCluster.from_setting(FIRST_URL, settings.ELASTICSEARCH_HOME, nodes=3)
    nodes.start(timeout=900)
    yield nodes
    nodes.stop()


# Every transactional test restores the migrated data (serialized_rollback): a plain flush would
# re-create content types that the browser tests' own serialized rollback then collides with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_directory_keeps_answering_when_the_elected_master_dies(cluster, settings):
    settings.ELASTICSEARCH_URL = cluster.urls
    settings.SEARCH_INDEX_PREFIX = f"tsunagaru-test-cluster-{uuid.uuid4().hex[:8]}"
    breaker.reset()
    seed_network()
    result = rebuild("members")
    es = get_client().options(request_timeout=60)  # the test's own checks may wait
    index_settings = es.indices.get_settings(index=result.index)[result.index]["settings"]
    assert index_settings["index"]["number_of_replicas"] == "1"  # a cluster keeps a copy
    cluster.wait_for_status("green", timeout=300)

    answers: list[tuple[float, int, bool]] = []  # (time, status, answered by Elasticsearch)
    stop = threading.Event()

    def traffic() -> None:
        client = Client()
        queries = ["技能実習", "ベトナム", "shelter", "名古屋", ""]
        n = 0
        try:
            while not stop.is_set():
                response = client.get("/api/v1/members/", {"q": queries[n % len(queries)]})
                body = response.json() if response.status_code == 200 else {}
                answers.append(
                    (time.monotonic(), response.status_code, not body.get("search_unavailable"))
                )
                n += 1
                time.sleep(0.05)
        finally:
            connection.close()  # the test database is dropped at the end

    thread = threading.Thread(target=traffic)
    thread.start()
    try:
        time.sleep(3)
        master = cluster.elected_master()
        killed_at = time.monotonic()
        master.kill()
        # A new master among the two others, then the directory answers from the two-node
        # cluster again (a fallback while it elects is allowed, and counted below).
        deadline = time.monotonic() + 120
        while cluster.elected_master() == master and time.monotonic() < deadline:
            time.sleep(0.5)
        assert cluster.elected_master() != master
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if sum(1 for t, _, from_es in answers if t > killed_at and from_es) >= 5:
                break
            time.sleep(0.5)
        restarted_at = time.monotonic()
        cluster.start(timeout=600)  # only the dead node is launched
        health = cluster.wait_for_status("green", timeout=600)
        time.sleep(2)  # some traffic on the whole cluster again
        assert es.count(index=alias_name("members"))["count"] == result.count
    finally:
        stop.set()
        thread.join(timeout=60)
        names = list(es.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*").keys())
        es.indices.delete(index=",".join(names))

    before = [a for a in answers if a[0] < killed_at]
    during = [a for a in answers if killed_at <= a[0] < restarted_at]
    after = [a for a in answers if a[0] >= restarted_at]
    fallbacks = sum(1 for a in during if not a[2])
    print(
        f"\nkilled {master.name}; before: {len(before)} requests, "
        f"{sum(1 for a in before if not a[2])} fallbacks; while it was down "
        f"({restarted_at - killed_at:.1f}s): {len(during)} requests, {fallbacks} fallbacks; "
        f"after its restart: {len(after)} requests, {sum(1 for a in after if not a[2])} fallbacks; "
        f"cluster {health['status']} with {health['number_of_nodes']} nodes again"
    )
    assert {status for _, status, _ in answers} == {200}  # never an error
    # The two remaining nodes served the directory from the index before the third returned.
    assert len(during) - fallbacks >= 5
    assert after and all(from_es for _, _, from_es in after[-3:])
