"""The load stack's own processes: PostgreSQL, Redis, gunicorn and (for faults) Elasticsearch.

Each service runs on a loopback port of its own, with its files under ``LOAD_HOME``, so a load
run never disturbs the machine's shared PostgreSQL (5432) or Elasticsearch (9200) and a fault
run may restart or freeze its own copies. ``run.py`` starts what a scenario needs and stops it
in ``finally``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from devtools.elasticsearch_server import LocalServer

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("LOAD_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "postgres"  # initdb and postgres refuse to run as root
# One key per run: prepare's session hashes must verify in gunicorn.
SECRET_KEY = os.environ.get("LOAD_SECRET_KEY") or secrets.token_urlsafe(50)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, *, timeout: float, what: str, interval: float = 0.2) -> float:
    """Seconds until ``check()`` is true; raises after ``timeout``."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if check():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(interval)
    raise RuntimeError(f"{what} not ready after {timeout:.0f}s")


def _as_postgres(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        command = ["runuser", "-u", PG_USER, "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


@dataclass
class Postgres:
    """A private PostgreSQL cluster (initdb on first use), owned by the postgres user."""

    home: Path
    port: int

    @property
    def data(self) -> Path:
        return self.home / "pg"

    def url(self, database: str) -> str:
        return f"postgres://tsunagaru:tsunagaru@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        if os.geteuid() == 0:
            self.home.mkdir(parents=True, exist_ok=True)
            self.home.chmod(0o755)
        if not (self.data / "PG_VERSION").exists():
            self.data.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.data, PG_USER, PG_USER)
            _as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", PG_USER,
                          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])  # fmt: skip
        self._pg_ctl("start", "-w", "-t", "60")
        _as_postgres(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", PG_USER, "-qc",
             "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagaru') THEN "
             "CREATE ROLE tsunagaru LOGIN CREATEDB PASSWORD 'tsunagaru'; END IF; END $$;"]
        )  # fmt: skip

    def create_database(self, name: str) -> None:
        exists = _as_postgres(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", PG_USER, "-tAc",
             f"SELECT 1 FROM pg_database WHERE datname = '{name}'"]
        ).stdout.strip()  # fmt: skip
        if not exists:
            _as_postgres([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                          "-U", PG_USER, "-O", "tsunagaru", name])  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("stop", "-w", "-m", mode)

    def _pg_ctl(self, *args: str) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.data}"
            " -c max_connections=200"
        )
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l",
                      str(self.data / "server.log"), "-o", options, *args])  # fmt: skip

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()


@dataclass
class Redis:
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: socket.create_connection(("127.0.0.1", self.port), 1), timeout=20,
                 what="redis")  # fmt: skip

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(10)


@dataclass
class Elasticsearch:
    """A private single-node server for the fault runs (the shared one on 9200 must live)."""

    home: Path
    port: int
    server: LocalServer = field(init=False)

    def __post_init__(self) -> None:
        shared = Path(os.environ.get("ELASTICSEARCH_HOME", ROOT / ".cache" / "elasticsearch"))
        self.server = LocalServer(url=self.url, cache=self.home / "es")
        zip_path = self.server.zip_path
        if not zip_path.exists():
            source = LocalServer(url="http://127.0.0.1:9200", cache=shared).zip_path
            zip_path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, zip_path)  # reuse the download; no second fetch

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return int(self.server.pid_file.read_text())

    def start(self) -> None:
        self.server.start(log=lambda line: print(f"  es: {line}", file=sys.stderr))

    def stop(self) -> None:
        self.server.stop()

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self.server.pid_file.unlink(missing_ok=True)

    def freeze(self, frozen: bool) -> None:
        os.kill(self.pid, signal.SIGSTOP if frozen else signal.SIGCONT)


@dataclass
class Gunicorn:
    env: dict[str, str]
    workers: int
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, log: Path) -> None:
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "portal.wsgi", "--workers",
             str(self.workers), "--bind", f"127.0.0.1:{self.port}", "--timeout", "60",
             "--backlog", "2048", "--error-logfile", str(log)],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

        def answers() -> bool:
            with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=5) as response:
                return response.status == 200

        wait_for(answers, timeout=60, what="gunicorn", interval=0.5)

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def site_env(*, database_url: str, elasticsearch_url: str, prefix: str, cache_url: str,
             static_root: Path) -> dict[str, str]:  # fmt: skip
    """The environment of gunicorn and of ``prepare``: production settings over plain HTTP."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": elasticsearch_url,
        "SEARCH_INDEX_PREFIX": prefix,
        "CACHE_URL": cache_url,
        "STATIC_ROOT": str(static_root),
        "SECRET_KEY": SECRET_KEY,
        "SITE_URL": "http://127.0.0.1:8000",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "false",
    }
