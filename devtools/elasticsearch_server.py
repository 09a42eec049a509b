"""Obtain, run and stop the local Elasticsearch used by `make run`, `make test` and `make bench`.

The build is Elastic's official ``integ-test-zip`` from Maven Central: a core-only server with
no analysis plugins (see README). Production runs the full distribution instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ES_VERSION = "8.19.21"
ES_ARTIFACT = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{ES_VERSION}:zip"
ES_USER = "tsunagaru-es"  # Elasticsearch refuses to run as root
HEAP = "512m"
# Three nodes share two cores and the developer's memory: each gets a smaller heap.
CLUSTER_HEAP = "320m"
# Used when root's cache folder sits under a directory the unprivileged user cannot enter.
ROOT_FALLBACK_HOME = Path("/var/lib/tsunagaru-elasticsearch")


class ServerError(Exception):
    """A one-line, user-facing reason why the server could not be obtained or run."""


@dataclass(frozen=True)
class LocalServer:
    url: str
    cache: Path  # download cache (the verified zip)
    # The http ports of every node when this one belongs to a local cluster; empty: single node.
    cluster: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        return f"tsunagaru-{self.port}"

    @property
    def heap(self) -> str:
        return CLUSTER_HEAP if self.cluster else HEAP

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 9200

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "127.0.0.1"

    @property
    def runtime(self) -> Path:
        """Install, config, data and logs of this node (one per port)."""
        base = self.cache
        if os.geteuid() == 0 and not _reachable_by_others(base):
            base = ROOT_FALLBACK_HOME
        if self.cluster:
            # Apart from any single node on the same port: a node's data belongs to one cluster.
            return base / f"cluster-{ES_VERSION}-{self.cluster[0]}" / f"node-{self.port}"
        return base / f"node-{ES_VERSION}-{self.port}"

    @property
    def zip_path(self) -> Path:
        return self.cache / "dist" / f"elasticsearch-{ES_VERSION}.zip"

    @property
    def install_dir(self) -> Path:
        return self.runtime / f"elasticsearch-{ES_VERSION}"

    @property
    def pid_file(self) -> Path:
        return self.runtime / "elasticsearch.pid"

    @property
    def log_file(self) -> Path:
        return self.runtime / "logs" / "tsunagaru.log"

    # --- queries -------------------------------------------------------------------------
    def health(self, timeout: float = 2.0) -> dict | None:
        """Cluster health, or None when nothing answers at the URL."""
        try:
            return _get_json(f"{self.url}/_cluster/health", timeout)
        except (OSError, ValueError):
            return None

    def node_info(self) -> dict:
        nodes = _get_json(f"{self.url}/_nodes/_local/plugins", 5.0)["nodes"]
        return next(iter(nodes.values()))

    # --- lifecycle -----------------------------------------------------------------------
    def start(self, *, timeout: float = 180.0, log=print) -> str:
        if self.health():
            return "already running"
        self.launch(log=log)
        self._wait_until_ready(timeout)
        return "started"

    def launch(self, *, log=print) -> None:
        """Start the process in the background without waiting for it to serve."""
        if self.host not in {"127.0.0.1", "localhost"}:
            raise ServerError(f"refusing to start a local server for non-loopback {self.url}")
        _require_tools()
        self._download(log)
        self._install(log)
        user = _service_user() if os.geteuid() == 0 else None
        if user:
            subprocess.run(["chown", "-R", f"{user}:{user}", str(self.runtime)], check=True)
        self.log_file.unlink(missing_ok=True)
        env = {
            **os.environ,
            "ES_JAVA_HOME": _java_home(),
            "ES_JAVA_OPTS": f"-Xms{self.heap} -Xmx{self.heap}",
            "ES_PATH_CONF": str(self.runtime / "config"),
        }
        command = [str(self.install_dir / "bin" / "elasticsearch"), "-d", "-p", str(self.pid_file)]
        if user:
            keep = "ES_JAVA_HOME,ES_JAVA_OPTS,ES_PATH_CONF"
            command = ["runuser", "-u", user, f"--whitelist-environment={keep}", "--", *command]
        log(f"starting Elasticsearch {ES_VERSION} on {self.url} (heap {self.heap})")
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ServerError(
                f"Elasticsearch exited with {result.returncode}: "
                f"{(result.stderr or result.stdout).strip()[-800:]}\n{self.log_tail()}"
            )

    def stop(self, *, timeout: float = 60.0) -> str:
        pid = self._pid()
        if pid is None:
            return "not running (no pid file)"
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            self.pid_file.unlink(missing_ok=True)
            return "not running (stale pid file removed)"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                self.pid_file.unlink(missing_ok=True)
                return "stopped"
            time.sleep(0.3)
        os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return "killed after timeout"

    def kill(self) -> None:
        """SIGKILL, as a crash would: no shutdown, no goodbye to the other nodes."""
        pid = self._pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 30
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            self.pid_file.unlink(missing_ok=True)

    def log_tail(self, lines: int = 20) -> str:
        if not self.log_file.exists():
            return f"(no log at {self.log_file})"
        tail = self.log_file.read_text(errors="replace").splitlines()[-lines:]
        return f"last lines of {self.log_file}:\n" + "\n".join(tail)

    # --- internals -----------------------------------------------------------------------
    def _pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def _download(self, log) -> None:
        if self.zip_path.exists() and _zip_ok(self.zip_path):
            return
        self.zip_path.parent.mkdir(parents=True, exist_ok=True)
        log(f"downloading {ES_ARTIFACT} with Maven")
        # --strict-checksums: Maven verifies the artifact against Central's checksum files.
        result = subprocess.run(
            ["mvn", "-q", "-B", "--strict-checksums", "dependency:copy",
             f"-Dartifact={ES_ARTIFACT}", f"-DoutputDirectory={self.zip_path.parent}"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0 or not self.zip_path.exists():
            raise ServerError(f"Maven could not fetch {ES_ARTIFACT}: {result.stdout[-500:]}")
        if not _zip_ok(self.zip_path):
            self.zip_path.unlink()
            raise ServerError(f"downloaded {self.zip_path.name} is corrupt; removed it")

    def _install(self, log) -> None:
        if not (self.install_dir / "bin" / "elasticsearch").exists():
            log(f"unpacking into {self.runtime}")
            self.runtime.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(self.zip_path) as archive:
                archive.extractall(self.runtime)
            for script in (self.install_dir / "bin").iterdir():
                script.chmod(0o755)
            jdk_bin = self.install_dir / "jdk" / "bin"
            if jdk_bin.exists():
                for tool in jdk_bin.iterdir():
                    tool.chmod(0o755)
        config = self.runtime / "config"
        if not config.exists():
            shutil.copytree(self.install_dir / "config", config)
        for folder in ("data", "logs"):
            (self.runtime / folder).mkdir(exist_ok=True)
        if self.cluster:
            # Three master-eligible nodes: losing the elected one leaves a quorum of two.
            discovery = {
                "discovery.seed_hosts": [f"{self.host}:{port + 100}" for port in self.cluster],
                "cluster.initial_master_nodes": [f"tsunagaru-{port}" for port in self.cluster],
            }
        else:
            discovery = {"discovery.type": "single-node"}
        settings = {
            # A cluster's own name, so its nodes never join the single development node.
            "cluster.name": f"tsunagaru-{self.cluster[0]}" if self.cluster else "tsunagaru",
            "node.name": self.name,
            "network.host": self.host,
            "http.port": self.port,
            "transport.port": self.port + 100,
            **discovery,
            "path.data": str(self.runtime / "data"),
            "path.logs": str(self.runtime / "logs"),
            # Safe only because the node listens on loopback; production keeps security on.
            "xpack.security.enabled": False,
            # A developer's nearly full disk should not turn the test indices read-only.
            "cluster.routing.allocation.disk.threshold_enabled": False,
            "action.auto_create_index": False,
        }
        (config / "elasticsearch.yml").write_text(
            "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())
        )

    def _wait_until_ready(self, timeout: float, *, nodes: int = 1) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            health = self.health(timeout=1.0)
            if (
                health
                and health.get("status") in {"yellow", "green"}
                and health.get("number_of_nodes", 0) >= nodes
            ):
                return
            pid = self._pid()
            if pid is not None and not _alive(pid):
                raise ServerError(f"Elasticsearch stopped while starting.\n{self.log_tail()}")
            time.sleep(1.0)
        raise ServerError(
            f"Elasticsearch did not reach yellow with {nodes} node(s) within {timeout:.0f}s."
            f"\n{self.log_tail()}"
        )


@dataclass(frozen=True)
class LocalCluster:
    """One node, or several on loopback that form one cluster (``start --nodes 3``)."""

    nodes: tuple[LocalServer, ...]

    @classmethod
    def from_setting(cls, urls: str, cache: Path, *, nodes: int | None = None) -> LocalCluster:
        """The nodes named by ``ELASTICSEARCH_URL`` (comma-separated), extended to ``nodes``
        with the next ports after the first URL's."""
        listed = [url.strip().rstrip("/") for url in urls.split(",") if url.strip()]
        count = nodes or len(listed)
        first = urlsplit(listed[0])
        while len(listed) < count:
            port = (first.port or 9200) + len(listed)
            listed.append(f"{first.scheme}://{first.hostname}:{port}")
        listed = listed[:count]
        if count == 1:
            return cls(nodes=(LocalServer(url=listed[0], cache=cache),))
        ports = tuple(urlsplit(url).port or 9200 for url in listed)
        return cls(nodes=tuple(LocalServer(url=u, cache=cache, cluster=ports) for u in listed))

    @property
    def urls(self) -> str:
        return ",".join(node.url for node in self.nodes)

    def health(self) -> dict | None:
        """Cluster health from the first node that answers."""
        for node in self.nodes:
            if (health := node.health()) is not None:
                return health
        return None

    def start(self, *, timeout: float = 180.0, log=print) -> str:
        """Start every node that is not answering, then wait until all of them have joined."""
        down = [node for node in self.nodes if node.health(timeout=1.0) is None]
        if not down:
            return "already running"
        for node in down:
            node.launch(log=log)
        # A lone cluster node cannot elect a master: wait once all of them are launched.
        self.nodes[0]._wait_until_ready(timeout, nodes=len(self.nodes))
        return "started"

    def stop(self, *, timeout: float = 60.0) -> list[str]:
        return [f"{node.url}: {node.stop(timeout=timeout)}" for node in self.nodes]

    def elected_master(self) -> LocalServer:
        """The node the cluster elected as master (``_cat/master``)."""
        for node in self.nodes:
            try:
                rows = _get_json(f"{node.url}/_cat/master?format=json", 2.0)
            except (OSError, ValueError):
                continue
            names = {row["node"] for row in rows}
            return next(n for n in self.nodes if n.name in names)
        raise ServerError("no node of the cluster answers _cat/master")

    def wait_for_status(self, status: str, *, timeout: float = 180.0) -> dict:
        """Wait until every node has joined and the health is ``status`` (e.g. green)."""
        order = ["red", "yellow", "green"]
        deadline = time.monotonic() + timeout
        health = None
        while time.monotonic() < deadline:
            health = self.health()
            if (
                health
                and health.get("number_of_nodes") == len(self.nodes)
                and order.index(health["status"]) >= order.index(status)
            ):
                return health
            time.sleep(0.5)
        raise ServerError(f"the cluster did not reach {status} within {timeout:.0f}s: {health}")


def _get_json(url: str, timeout: float) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _zip_ok(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            return archive.testzip() is None and any(
                n.endswith("/bin/elasticsearch") for n in names
            )
    except zipfile.BadZipFile:
        return False


def _require_tools() -> None:
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            raise ServerError(
                f"{tool} is not installed; the local Elasticsearch needs Java 17+ and Maven"
            )


def _java_home() -> str:
    if os.environ.get("ES_JAVA_HOME"):
        return os.environ["ES_JAVA_HOME"]
    java = Path(shutil.which("java") or "").resolve()
    return str(java.parent.parent)


def _service_user() -> str:
    try:
        pwd.getpwnam(ES_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home",
             "--shell", "/usr/sbin/nologin", ES_USER],
            check=True,
        )  # fmt: skip
    return ES_USER


def _reachable_by_others(path: Path) -> bool:
    """Whether an unprivileged user can traverse every existing ancestor of ``path``."""
    for folder in [path, *path.parents]:
        if folder.exists() and not folder.stat().st_mode & 0o001:
            return False
    return True
