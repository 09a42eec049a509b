from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from caching.views import csrf_token
from portal.sitemap import PortalSitemap
from search import views as search_views

# Errors in the visitor's language without touching the database (see portal.errors).
handler500 = "portal.errors.server_error"


def favicon(request):
    # Browsers and feed readers ask for /favicon.ico whatever the page says. Not permanent:
    # the static file's hashed name changes with its content.
    return redirect(static("img/favicon.ico"))


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("search.api_urls")),
    path("csrf/", csrf_token, name="csrf_token"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

# Japanese at "/", English at "/en/": the default language needs no prefix.
urlpatterns += i18n_patterns(
    # The directory (search app) and the members' own pages (members app) share the prefix.
    path("members/", search_views.directory, name="directory"),
    path("members/", include("members.urls")),
    path("members/", include("relay.urls")),
    path("search/", include("search.urls")),
    path("accounts/", include("accounts.urls")),
    path("mypage/", include("memberspace.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static as static_patterns

    # Not ``static``: that name is the favicon's URL helper above.
    urlpatterns += static_patterns(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
