"""The public origin (``settings.SITE_URL``) applied to Wagtail's default Site record.

Wagtail builds every absolute link (feeds, the sitemap, .ics files) from the Site's host name
and port, so the record must follow the environment. It is applied after every ``migrate``
(each deploy runs it) and by ``seed_content``, never at import time.
"""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings


def site_origin_parts(site_url: str) -> tuple[str, int]:
    """(host name, port) as Wagtail's Site stores them: it reads port 443 as https."""
    parts = urlsplit(site_url)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname, parts.port or default_port


def site_apply_public_origin(*, site_model=None, using: str = "default") -> int:
    """Point the default Site at ``settings.SITE_URL``; returns the number of Sites changed."""
    if site_model is None:
        from wagtail.models import Site as site_model
    hostname, port = site_origin_parts(settings.SITE_URL)
    return (
        site_model.objects.using(using)
        .filter(is_default_site=True)
        .exclude(hostname=hostname, port=port)
        .update(hostname=hostname, port=port)
    )


def apply_public_origin_after_migrate(sender, *, using="default", apps=global_apps, **kwargs):
    """post_migrate handler: reads the Site model from the migration state, so a database
    migrated only part of the way (no Site table yet) is left alone. ``flush`` sends the
    signal without a state (and leaves no Site to change)."""
    try:
        site_model = apps.get_model("wagtailcore", "Site")
    except LookupError:
        return
    site_apply_public_origin(site_model=site_model, using=using)
