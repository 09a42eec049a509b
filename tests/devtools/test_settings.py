"""The dev tools exist for `make run` and `make test` only; production never loads them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.core.management import get_commands
from django.urls import get_resolver
get_resolver().url_patterns  # the whole URLconf, with every view module it imports
print(json.dumps({
    "installed": "devtools" in settings.INSTALLED_APPS,
    "imported": sorted(name for name in sys.modules if name.split(".")[0] == "devtools"),
    "command": get_commands().get("elasticsearch"),
}))
"""


def probe(settings_module: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "probe-" + "x" * 60,
        "ALLOWED_HOSTS": "smj.example",
        # Production may require the public origin; harmless where it does not.
        "SITE_URL": "https://smj.example",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_production_neither_installs_nor_imports_devtools():
    assert probe("portal.settings.production") == {
        "installed": False,
        "imported": [],
        "command": None,
    }


@pytest.mark.parametrize("settings_module", ["portal.settings.dev", "portal.settings.test"])
def test_dev_and_test_settings_have_the_elasticsearch_command(settings_module):
    found = probe(settings_module)
    assert found["installed"]
    assert found["command"] == "devtools"
