"""The project's `elasticsearch` command against a real, second node on its own port."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORT = 9251  # a second node so the suite's main server keeps running


def manage(*args: str, url: str = f"http://127.0.0.1:{PORT}") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "elasticsearch", *args],
        cwd=ROOT,
        env={**os.environ, "ELASTICSEARCH_URL": url},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.elasticsearch
def test_command_starts_reports_and_stops_a_real_server():
    try:
        started = manage("start")
        assert started.returncode == 0, started.stdout + started.stderr
        assert "started" in started.stdout

        again = manage("start")
        assert "already running" in again.stdout

        status = manage("status")
        assert status.returncode == 0, status.stderr
        assert "version: 8.19." in status.stdout
        assert "health:  green" in status.stdout or "health:  yellow" in status.stdout
        assert "modules:" in status.stdout
    finally:
        stopped = manage("stop")
    assert stopped.returncode == 0
    assert "stopped" in stopped.stdout

    after = manage("status")
    assert after.returncode != 0
    assert "not answering" in after.stderr


def test_status_of_absent_server_is_one_clear_line():
    result = manage("status", url="http://127.0.0.1:9299")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CommandError: Elasticsearch is not answering at http://127.0.0.1:9299"
    ]


def test_missing_java_is_reported_in_one_line(tmp_path):
    env = {**os.environ, "ELASTICSEARCH_URL": "http://127.0.0.1:9298", "PATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "elasticsearch", "start"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "CommandError: java is not installed; the local Elasticsearch needs Java 17+ and Maven"
    )
