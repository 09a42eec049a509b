"""Settings read the environment in one style; production refuses to start unsafely."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from portal.settings.base import env_bool, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]
REAL_SECRET = "x7!kq2-long-random-production-secret-value-0123456789abcdef"


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "SITE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_env_helpers_parse_values(monkeypatch):
    monkeypatch.setenv("T_BOOL", "yes")
    monkeypatch.setenv("T_LIST", " a.example , b.example,, ")
    monkeypatch.setenv("T_EMPTY", "   ")
    assert env_bool("T_BOOL") is True
    assert env_list("T_LIST") == ["a.example", "b.example"]
    assert env_str("T_EMPTY", "fallback") == "fallback"
    assert env_bool("T_MISSING", True) is True


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("T_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured, match="T_BOOL"):
        env_bool("T_BOOL")


def test_base_settings_read_database_and_search_urls():
    code = (
        "import json; from portal.settings import base as s; "
        "print(json.dumps([s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.ELASTICSEARCH_URL, s.SEARCH_INDEX_PREFIX, s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, "
        "s.DEBUG]))"
    )
    result = run_python(
        code,
        DATABASE_URL="postgres://u:p@db.internal:5432/portal",
        ELASTICSEARCH_URL="http://127.0.0.1:9333",
        SEARCH_INDEX_PREFIX="staging",
        ALLOWED_HOSTS="smj.example,www.smj.example",
        CSRF_TRUSTED_ORIGINS="https://smj.example",
        DEBUG="false",
    )
    assert result.returncode == 0, result.stderr
    engine, name, es_url, prefix, hosts, origins, debug = json.loads(result.stdout)
    assert engine == "django.db.backends.postgresql"
    assert name == "portal"
    assert es_url == "http://127.0.0.1:9333"
    assert prefix == "staging"
    assert hosts == ["smj.example", "www.smj.example"]
    assert origins == ["https://smj.example"]
    assert debug is False


def test_default_database_is_sqlite_file_in_project():
    result = run_python(
        "from portal.settings import base as s; print(s.DATABASES['default']['NAME'])"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(ROOT / "db.sqlite3")


def test_production_refuses_to_start_without_secret_key():
    result = run_python("import portal.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_placeholder_secret_key():
    result = run_python("import portal.settings.production", SECRET_KEY="dev-insecure-key")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": REAL_SECRET,
            "ALLOWED_HOSTS": "smj.example",
            "SITE_URL": "https://smj.example",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_caches_pages_only_in_a_shared_cache():
    """Per-worker memory caches could not all be emptied when a member is hidden."""
    code = "import portal.settings.production as s; print(s.PAGE_CACHE_SECONDS, s.SHARED_CACHE_SECONDS)"
    env = {"SECRET_KEY": REAL_SECRET, "SITE_URL": "https://smj.example"}
    assert run_python(code, **env).stdout.split() == ["0", "0"]
    shared = run_python(code, CACHE_URL="redis://127.0.0.1:6379/0", **env)
    assert shared.stdout.split() == ["300", "60"], shared.stderr
