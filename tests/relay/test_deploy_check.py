"""The production deploy check passes with the relay installed, with Redis and without it:
the relay counts in the database, so no cache backend can fail a rate-limit check."""

import os
import subprocess
import sys

import pytest

from tests.portal.test_settings import REAL_SECRET, ROOT


def deploy_check(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CACHE_URL", "RELAY_"))}
    production = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": REAL_SECRET,
        "ALLOWED_HOSTS": "smj.example",
        "SITE_URL": "https://smj.example",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", *args],
        cwd=ROOT,
        env={**clean, **production, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("cache", [{}, {"CACHE_URL": "redis://127.0.0.1:6379/0"}])
def test_check_deploy_passes_in_production_settings(cache):
    result = deploy_check("--fail-level", "WARNING", **cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_rate_in_the_environment_stops_the_deploy_check():
    result = deploy_check(RELAY_RATE_PER_ADDRESS="lots")
    assert result.returncode != 0
    assert "RELAY_RATE_PER_ADDRESS" in result.stderr + result.stdout
