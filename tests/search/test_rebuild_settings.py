"""Index shape on one node and on a cluster, and the client of a several-node URL (no server)."""

from search.client import _client
from search.documents import index_body


def test_replicas_follow_the_data_nodes_unless_the_environment_says(settings):
    settings.SEARCH_REPLICAS = None
    assert index_body("members", has_kuromoji=False)["settings"]["number_of_replicas"] == 0
    body = index_body("members", has_kuromoji=False, data_nodes=3)
    assert body["settings"]["number_of_replicas"] == 1
    settings.SEARCH_REPLICAS, settings.SEARCH_SHARDS = 2, 3
    body = index_body("pages", has_kuromoji=False, data_nodes=1)
    assert body["settings"]["number_of_replicas"] == 2
    assert body["settings"]["number_of_shards"] == 3


def test_a_comma_separated_url_gives_the_client_every_node():
    client = _client("http://127.0.0.1:9500, http://127.0.0.1:9501,http://127.0.0.1:9502")
    hosts = sorted(node.config.port for node in client.transport.node_pool.all())
    assert hosts == [9500, 9501, 9502]
    assert _client("http://127.0.0.1:9200").transport.node_pool.all()[0].config.port == 9200
