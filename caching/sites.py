"""The request's Wagtail Site (with its root page) and site settings, kept in Django's default
cache instead of three queries on every request.

Wagtail keeps both on the request once found (``request._wagtail_site`` and the settings'
own attribute), so filling those attributes early is all it takes. Any change to a site, the
settings or the page tree replaces the generation, so nothing stale outlives an edit; the TTL
bounds what a process that missed the signal (LocMem, several workers) can keep.
"""

import uuid

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.models import SiteSettings

_GENERATION = "site-lookup:generation"
_SECONDS = 60


def _cache():
    return caches["default"]


def _generation() -> str:
    token = _cache().get(_GENERATION)
    if token is None:
        _cache().add(_GENERATION, uuid.uuid4().hex, timeout=None)
        token = _cache().get(_GENERATION)
    return token


def forget(**kwargs) -> None:
    _cache().set(_GENERATION, uuid.uuid4().hex, timeout=None)


def _lookup(hostname: str, port: int):
    key = f"site-lookup:{_generation()}:{hostname}:{port}"
    found = _cache().get(key)
    if found is None:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None, None
        site.root_page  # noqa: B018 -- loaded now, so it is kept with the site
        found = (site, SiteSettings.for_site(site))
        _cache().set(key, found, timeout=_SECONDS)
    return found


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        site, site_settings = _lookup(hostname, request.get_port())
        if site is not None:
            request._wagtail_site = site
            site_settings._request = request
            setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
        return self.get_response(request)


def connect() -> None:
    for model in (Site, SiteSettings):
        post_save.connect(forget, sender=model, dispatch_uid=f"site-lookup-{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"site-lookup-d-{model.__name__}")
    page_published.connect(forget, dispatch_uid="site-lookup-published")
    page_unpublished.connect(forget, dispatch_uid="site-lookup-unpublished")
    post_page_move.connect(forget, dispatch_uid="site-lookup-moved")
