"""The request's Wagtail Site (with its root page) and site settings, kept in Django's default
cache (``caching.shared``, topic PAGES) instead of three queries on every request.

Wagtail keeps both on the request once found (``request._wagtail_site`` and the settings'
own attribute), so filling those attributes early is all it takes. Any change to a site, the
settings or the page tree replaces the topic's generation, so nothing stale outlives an edit.
"""

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from portal.models import SiteSettings

from . import shared


def _find(hostname: str, port: int):
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None, None
    # The specific root page, kept with the site: routing starts from it (HomePage.localized).
    site.root_page = site.root_page.specific
    return site, SiteSettings.for_site(site)


def _lookup(hostname: str, port: int):
    return shared.remember(shared.PAGES, f"site:{hostname}:{port}", lambda: _find(hostname, port))


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
