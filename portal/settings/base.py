"""Settings shared by every environment.

Everything that differs between machines is read from the environment here, in one style
(``env_str`` / ``env_bool`` / ``env_list``); the ``dev``, ``test`` and ``production`` modules
only override what must differ and say why.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django.conf.locale
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_origin(name: str, default: str | None = None) -> str | None:
    """An origin (``scheme://host[:port]``, no path) with its trailing slash removed.

    Wagtail's Site record stores only a host name and a port and derives the scheme from the
    port (443 is https, anything else http), so an https origin on another port is refused
    rather than silently turned into http.
    """
    value = env_str(name, default)
    if value is None:
        return None
    parts = urlsplit(value.rstrip("/"))
    try:
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} has an invalid port: {value!r}") from error
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(f"{name} must look like https://smj.example, got {value!r}")
    if parts.path or parts.query or parts.fragment or parts.username or parts.password:
        raise ImproperlyConfigured(f"{name} must be an origin without a path, got {value!r}")
    if parts.scheme == "https" and port not in {None, 443}:
        raise ImproperlyConfigured(f"{name}: https is only supported on port 443, got {value!r}")
    return f"{parts.scheme}://{parts.netloc.lower()}"


SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A persistent connection outlives a database restart: check it before reuse so each
        # worker reconnects by itself instead of failing its next request (portal.outage).
        conn_health_checks=True,
    )
}

# One URL, or several comma-separated nodes of one cluster: the client spreads requests over them.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
# Shards and replicas of new indices; unset replicas: 0 on a one-node server, 1 on a cluster.
SEARCH_SHARDS = int(env_str("SEARCH_SHARDS", "1"))
SEARCH_REPLICAS = int(replicas) if (replicas := env_str("SEARCH_REPLICAS", "")) else None
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "tsunagaru")
# Index syncs still failing after this many minutes are logged as errors and shown to staff.
SEARCH_FAILURE_ALERT_MINUTES = int(env_str("SEARCH_FAILURE_ALERT_MINUTES", "15"))
# Where the project keeps the downloaded Elasticsearch build, its data and its logs.
ELASTICSEARCH_HOME = Path(env_str("ELASTICSEARCH_HOME", str(BASE_DIR / ".cache" / "elasticsearch")))

INSTALLED_APPS = [
    # First, so a serialized rollback (transactional tests) restores content types before the
    # rows that point at them: Wagtail's Task.__init__ otherwise looks its type up mid-restore
    # and, with a cold cache, creates it under a new id that the restored row then collides with.
    "django.contrib.contenttypes",
    "portal",
    "members",
    "accounts",
    "memberspace",
    "projects",
    "search",
    # After search: its on-commit index sync must run before the page cache is emptied.
    "caching",
    "relay",
    # Page translation, segment by segment, from the Japanese source (issue 13). Its locales
    # app replaces wagtail.locales (the same admin, plus "Sync from"). Wagtail's own
    # wagtail.contrib.simple_translation is not installed: it would add a second "Translate"
    # action that copies the page outside wagtail-localize, so the copy would be neither
    # segmented nor synced nor reported, and editors could not tell the two apart.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "axes",
    "csp",
]

MIDDLEWARE = [
    # Outermost, so it sees every cookie and header before it stores a page (caching.middleware).
    "caching.middleware.StorePageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outermost but security and the page store: a lost database answers 503 with Retry-After
    # (portal.outage), also for the site lookup below, which reads the database on a cache miss.
    "portal.outage.DatabaseOutageMiddleware",
    # The Wagtail Site and site settings from the cache rather than two queries a request.
    "caching.sites.SiteLookupMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the user and the language are known: answers anonymous GETs from the page cache.
    "caching.middleware.ServePageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Staff sessions end after STAFF_SESSION_MAX_AGE, whatever the session cookie says.
    "portal.middleware.StaffSessionLimitMiddleware",
    # Pages are cached for anonymous visitors, so the policy has no nonce: no inline scripts.
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The page cache (caching/) and Wagtail's own small caches: this process's memory by default,
# Redis (Django's RedisCache) when CACHE_URL is set, as with several gunicorn workers, where a
# per-process cache could not be emptied from the worker that saved a change.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": f"tsunagaru-{alias}",
        }
        for alias in ("default", "pages")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tsunagaru-pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# How long an anonymous page is kept at most (never past a page's expire_at); 0 turns the
# page cache off. Bounded so a typo cannot keep a hidden member on a page for days.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "300"))
# The menu, sites and membership counts, the same for every visitor (caching.shared).
SHARED_CACHE_SECONDS = int(env_str("SHARED_CACHE_SECONDS", "60"))
if not 0 <= PAGE_CACHE_SECONDS <= 3600:
    raise ImproperlyConfigured(f"PAGE_CACHE_SECONDS must be 0..3600, got {PAGE_CACHE_SECONDS}")

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes first: it refuses a locked-out login before a password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Every login form (the members' and Wagtail's /admin/login/) goes through authenticate(), so
# one limit covers both: after LOGIN_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused for LOGIN_LOCKOUT_MINUTES. Username and address together, so a
# stranger cannot lock the secretariat out from elsewhere by guessing its username.
AXES_FAILURE_LIMIT = int(env_str("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "members/locked_out.html"
# /django-admin/ is gone: nothing would show axes' records there.
AXES_ENABLE_ADMIN = False

# E-mail (invitations, password resets, reminders, the contact relay): printed to the console
# here and in development, kept in Django's locmem outbox in tests, SMTP in production.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tsunagaru <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The contact relay (relay/): a visitor writes to a group through the site, which never shows
# the group's private address. Limits are counted in the database (relay.limits): shared by
# every worker, and unlike a cache-backed limiter it needs no Redis and passes --deploy checks.
# A rate is "<count>/<period>", the period s, m, h or d with an optional number ("10/15m").
RELAY_RATE_PER_ADDRESS = env_str("RELAY_RATE_PER_ADDRESS", "5/h")
RELAY_RATE_PER_GROUP = env_str("RELAY_RATE_PER_GROUP", "20/d")
RELAY_MAX_CHARS = int(env_str("RELAY_MAX_CHARS", "2000"))
# Message bodies are blanked this many days after sending (`purge_relay`); metadata stays.
RELAY_KEEP_DAYS = int(env_str("RELAY_KEEP_DAYS", "30"))
# Behind a reverse proxy every request comes from the proxy: name the header in which it
# passes the visitor's address (e.g. X-Real-IP), or the per-address limit becomes site-wide.
RELAY_CLIENT_ADDRESS_HEADER = env_str("RELAY_CLIENT_ADDRESS_HEADER")
# Yearly confirmation (members.confirmation): managers are reminded of an entry this many months
# after it was last confirmed; the directory marks it, and ranks it after equals, after the second.
CONFIRMATION_REMIND_MONTHS = int(env_str("CONFIRMATION_REMIND_MONTHS", "11"))
CONFIRMATION_STALE_MONTHS = int(env_str("CONFIRMATION_STALE_MONTHS", "18"))

LOGIN_URL = "login"
# The members' own space (マイページ): where a log-in without ?next= and an accepted
# invitation land.
LOGIN_REDIRECT_URL = "/mypage/"
# How long an invitation link works after it was sent; shortening it also ends older links.
INVITATION_DAYS = int(env_str("INVITATION_DAYS", "14"))
LOGOUT_REDIRECT_URL = "/"

# The languages of the site, one line each: adding one is a line here and a catalogue in locale/.
# (code, its own name in its own script, text direction, Open Graph locale). The code is the URL
# prefix, the Wagtail locale and the directory's Language.code, so "groups that help in your
# language" join on it.
# Tagalog is "tl" (ISO 639-1, as migrants' guides and the directory already write it), not
# "fil". Japanese is the default and lives at "/"; every other language under "/<code>/".
SITE_LANGUAGES = [
    ("ja", "日本語", "ltr", "ja_JP"),
    ("ja-x-easy", "やさしい日本語", "ltr", "ja_JP"),
    ("en", "English", "ltr", "en_US"),
    ("vi", "Tiếng Việt", "ltr", "vi_VN"),
    ("tl", "Tagalog", "ltr", "tl_PH"),
    ("pt-br", "Português (Brasil)", "ltr", "pt_BR"),
    ("zh-hans", "简体中文", "ltr", "zh_CN"),
    ("ne", "नेपाली", "ltr", "ne_NP"),
    ("id", "Bahasa Indonesia", "ltr", "id_ID"),
    ("ko", "한국어", "ltr", "ko_KR"),
    ("es", "Español", "ltr", "es_LA"),
    ("th", "ไทย", "ltr", "th_TH"),
    ("my", "မြန်မာ", "ltr", "my_MM"),
]
LANGUAGE_CODE = "ja"
LANGUAGES = [(code, name) for code, name, *_ in SITE_LANGUAGES]
LANGUAGES_BIDI = [code for code, _name, direction, _og in SITE_LANGUAGES if direction == "rtl"]
# Open Graph wants language_TERRITORY; Spanish readers here are mostly from Latin America.
OPEN_GRAPH_LOCALES = {code: og for code, _name, _direction, og in SITE_LANGUAGES}
# A UI string missing from a catalogue shows this language's text instead (portal.translation);
# a language not listed falls back to the English msgid, not to the default Japanese.
LANGUAGE_FALLBACKS = {"ja-x-easy": "ja"}
# The languages the site's e-mails are written in (one template each). A reader of another
# language gets the mail in English, a reader of やさしい日本語 in Japanese.
MAIL_LANGUAGES = [("ja", "日本語"), ("en", "English")]
# Django's LANG_INFO lacks these codes; get_language_info() and the admin need them.
EXTRA_LANG_INFO = {
    "ja-x-easy": {"bidi": False, "code": "ja-x-easy", "name": "Easy Japanese", "name_local": "やさしい日本語"},
    "tl": {"bidi": False, "code": "tl", "name": "Tagalog", "name_local": "Tagalog"},
}  # fmt: skip
django.conf.locale.LANG_INFO = {**django.conf.locale.LANG_INFO, **EXTRA_LANG_INFO}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Machine translation stays off (issue 13): with no translator configured, wagtail-localize
# offers no "Translate with machine" button and answers 404 at its machine-translate URL. A
# translator here would send the pages' text to an outside service.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "移住連 Tsunagaru"
# The public origin: applied to Wagtail's default Site after every `migrate` (portal.sites), so
# feeds, the sitemap and .ics files link to it; the admin's e-mails link to it too.
SITE_URL = env_origin("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
# Admin search stays on the database; public search is the project's own Elasticsearch code.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
TAGGIT_CASE_INSENSITIVE = True

# Member imports (members.transfer.reading): the largest file, the most an XLSX may expand to
# once unzipped, and the most rows. A network of a few thousand members fits many times over;
# a crafted file that would hold gigabytes in memory is refused before it is read.
MEMBERS_IMPORT_MAX_FILE_BYTES = 10 * 1024 * 1024
MEMBERS_IMPORT_MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MEMBERS_IMPORT_MAX_ROWS = 20_000

# Staff (anyone who can open the admin or read private contacts): the session ends when the
# browser closes and at most this long after logging in (portal.middleware). Members keep
# Django's default two weeks: they see no contacts.
STAFF_SESSION_MAX_AGE = timedelta(hours=8)

# Django masks settings and request.META entries whose names match this; the default misses
# ELASTICSEARCH_URL and DATABASE_URL (runserver puts the environment in META), whose URLs can
# carry a password. Masking every *URL* hides harmless ones too; the debug page is still useful.
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.error_reports.SafeExceptionReporterFilter"

# Content-Security-Policy (django-csp 4). No nonces: anonymous pages are cached, so a nonce
# would be replayed; every script is a static file and templates carry no inline script or
# style attribute (tests/portal/test_security_headers.py scans them). The one inline <style> is
# the self-contained 500 page's, allowed by its hash (the same test recomputes it).
_SERVER_ERROR_STYLE = "'sha256-DC4N8zp3alNvyWQN6U5+GH/PL+qDHnQssYTrU6KNmeI='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", _SERVER_ERROR_STYLE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Editors embed videos and maps (Wagtail's EmbedBlock) from oEmbed providers.
        "frame-src": ["'self'", "https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin templates still hold inline scripts, styles and style attributes, and its
# preview shows pages in a same-origin frame; it is reachable only after a staff login.
ADMIN_URL_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Staff avatars stay local and the dashboard asks no one about new Wagtail releases: either
# would tell a third party who opens the admin, and connect-src/img-src would block it anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Features no page uses are switched off, for the page and for anything it frames.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
