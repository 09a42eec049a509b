"""Finding 9: a Content-Security-Policy without inline scripts or nonces (pages are cached for
anonymous visitors), a looser one scoped to Wagtail's admin, and a Permissions-Policy."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# <script> elements that browsers do not run are data, which the policy does not govern.
DATA_SCRIPT = re.compile(r"""type=["']application/(ld\+)?json["']""")


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


# The base of the error pages that must render when the database (503) or anything (500) has
# failed: the one template besides the admin's allowed a <style> element.
SELF_CONTAINED = {"self_contained.html"}


def project_templates():
    return sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt"))


def test_the_scan_sees_the_templates():
    names = {path.name for path in project_templates()}
    assert {"base.html", "500.html", "directory.html"} <= names


@pytest.mark.parametrize("path", project_templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_holds_an_inline_script_handler_or_style_attribute(path):
    source = path.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", source, flags=re.IGNORECASE):
        assert "src=" in tag or DATA_SCRIPT.search(tag), f"inline script in {path.name}: {tag}"
    assert not re.search(r"""\son[a-z]+\s*=\s*["']""", source, flags=re.I), path.name
    assert not re.search(r"""\sstyle\s*=\s*["']""", source, flags=re.I), path.name
    assert "javascript:" not in source.lower(), path.name
    if path.name not in SELF_CONTAINED:
        assert "<style" not in source.lower(), path.name


@pytest.mark.parametrize("name", ["500.html", "503.html"])
def test_the_error_pages_inline_style_is_allowed_by_its_hash(name):
    # The 500 and 503 pages use no static files on purpose; their one <style> element, from the
    # base they share, is allowed by its hash.
    from django.template.loader import render_to_string

    source = render_to_string(name)
    (style,) = re.findall(r"<style>(.*?)</style>", source, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    style_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert f"'sha256-{digest}'" in style_src


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/en/", "/accounts/login/", "/robots.txt"])
def test_public_responses_carry_a_strict_policy(client, home_pages, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "nonce-" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.mark.django_db
def test_the_page_a_cache_would_keep_has_no_nonce_to_replay(client, home_pages):
    first = client.get("/")["Content-Security-Policy"]
    assert first == client.get("/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_admin_loads_under_its_own_policy(client, home_pages):
    client.force_login(User.objects.create_superuser("root", password="pw-for-tests-only"))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "Permissions-Policy" in response
    # No third party learns who opens the admin (no Gravatar, no release check).
    html = response.content.decode()
    assert "gravatar.com" not in html
    assert "w-upgrade" not in html


@pytest.mark.django_db
def test_the_admin_login_page_is_under_the_admin_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in directives(response["Content-Security-Policy"])["script-src"]
