from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.elasticsearch_server import ES_VERSION, LocalServer, ServerError


class Command(BaseCommand):
    help = f"Start, stop or inspect the local Elasticsearch {ES_VERSION} at ELASTICSEARCH_URL."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])
        parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait")

    def handle(self, *args, action, timeout, **options):
        server = LocalServer(url=settings.ELASTICSEARCH_URL, cache=settings.ELASTICSEARCH_HOME)
        try:
            if action == "start":
                outcome = server.start(timeout=timeout, log=self.stdout.write)
                self.stdout.write(f"Elasticsearch {outcome} at {server.url}")
            elif action == "stop":
                self.stdout.write(f"Elasticsearch {server.stop(timeout=timeout)}")
            else:
                self._status(server)
        except ServerError as error:
            raise CommandError(str(error)) from None

    def _status(self, server: LocalServer) -> None:
        health = server.health()
        if health is None:
            raise CommandError(f"Elasticsearch is not answering at {server.url}")
        node = server.node_info()
        modules = ", ".join(sorted(m["name"] for m in node.get("modules", []))) or "none"
        plugins = ", ".join(sorted(p["name"] for p in node.get("plugins", []))) or "none"
        self.stdout.write(f"url:     {server.url}")
        self.stdout.write(f"version: {node['version']}")
        self.stdout.write(f"health:  {health['status']} ({health['number_of_nodes']} node)")
        self.stdout.write(f"modules: {modules}")
        self.stdout.write(f"plugins: {plugins}")
