from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.elasticsearch_server import ES_VERSION, LocalCluster, ServerError


class Command(BaseCommand):
    help = (
        f"Start, stop or inspect the local Elasticsearch {ES_VERSION} at ELASTICSEARCH_URL "
        "(one node, or --nodes 3 for a cluster on the following ports)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])
        parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait")
        parser.add_argument(
            "--nodes",
            type=int,
            help="nodes on loopback, from the first URL's port up (default: one per URL)",
        )

    def handle(self, *args, action, timeout, nodes, **options):
        if nodes is not None and nodes < 1:
            raise CommandError("--nodes must be at least 1")
        cluster = LocalCluster.from_setting(
            settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_HOME, nodes=nodes
        )
        try:
            if action == "start":
                outcome = cluster.start(timeout=timeout, log=self.stdout.write)
                count = len(cluster.nodes)
                self.stdout.write(
                    f"Elasticsearch {outcome} at {cluster.urls}"
                    + (f" ({count} nodes)" if count > 1 else "")
                )
            elif action == "stop":
                for line in cluster.stop(timeout=timeout):
                    self.stdout.write(f"Elasticsearch at {line}")
            else:
                self._status(cluster)
        except ServerError as error:
            raise CommandError(str(error)) from None

    def _status(self, cluster: LocalCluster) -> None:
        health = cluster.health()
        if health is None:
            raise CommandError(f"Elasticsearch is not answering at {cluster.urls}")
        answering = [node for node in cluster.nodes if node.health() is not None]
        node = answering[0].node_info()
        modules = ", ".join(sorted(m["name"] for m in node.get("modules", []))) or "none"
        plugins = ", ".join(sorted(p["name"] for p in node.get("plugins", []))) or "none"
        count = health["number_of_nodes"]
        self.stdout.write(f"url:     {cluster.urls}")
        self.stdout.write(f"version: {node['version']}")
        self.stdout.write(f"health:  {health['status']} ({count} node{'s' if count > 1 else ''})")
        if len(cluster.nodes) > 1:
            master = cluster.elected_master()
            for member in cluster.nodes:
                state = "up" if member in answering else "DOWN"
                role = " (elected master)" if member == master else ""
                self.stdout.write(f"node:    {member.url} {state}{role}")
        self.stdout.write(f"modules: {modules}")
        self.stdout.write(f"plugins: {plugins}")
