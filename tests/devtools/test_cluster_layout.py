"""`elasticsearch --nodes 3`: which nodes, ports, names and folders a cluster is made of."""

from pathlib import Path

from devtools.elasticsearch_server import CLUSTER_HEAP, HEAP, LocalCluster


def test_one_url_and_three_nodes_make_a_cluster_on_the_next_ports(tmp_path: Path):
    cluster = LocalCluster.from_setting("http://127.0.0.1:9500", tmp_path, nodes=3)
    assert [n.port for n in cluster.nodes] == [9500, 9501, 9502]
    assert cluster.urls == "http://127.0.0.1:9500,http://127.0.0.1:9501,http://127.0.0.1:9502"
    assert {n.cluster for n in cluster.nodes} == {(9500, 9501, 9502)}
    assert [n.name for n in cluster.nodes] == ["tsunagaru-9500", "tsunagaru-9501", "tsunagaru-9502"]
    assert {n.heap for n in cluster.nodes} == {CLUSTER_HEAP}
    # Each node its own data folder, apart from a single node on the same port.
    folders = {n.runtime for n in cluster.nodes}
    assert len(folders) == 3
    single = LocalCluster.from_setting("http://127.0.0.1:9500", tmp_path).nodes[0]
    assert single.runtime not in folders and single.heap == HEAP and single.cluster == ()


def test_a_listed_cluster_url_names_its_nodes():
    urls = "http://127.0.0.1:9500, http://127.0.0.1:9501 ,http://127.0.0.1:9502/"
    cluster = LocalCluster.from_setting(urls, Path("/nonexistent"))
    assert [n.port for n in cluster.nodes] == [9500, 9501, 9502]
    assert len(LocalCluster.from_setting(urls, Path("/nonexistent"), nodes=1).nodes) == 1
