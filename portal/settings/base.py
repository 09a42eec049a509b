"""Settings shared by every environment.

Everything that differs between machines is read from the environment here, in one style
(``env_str`` / ``env_bool`` / ``env_list``); the ``dev``, ``test`` and ``production`` modules
only override what must differ and say why.
"""

import os
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
    )
}

ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "tsunagaru")
# Where the project keeps the downloaded Elasticsearch build, its data and its logs.
ELASTICSEARCH_HOME = Path(env_str("ELASTICSEARCH_HOME", str(BASE_DIR / ".cache" / "elasticsearch")))

INSTALLED_APPS = [
    "portal",
    "members",
    "projects",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

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

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# The languages of the site, one line each: adding one is a line here and a catalogue in locale/.
# (code, its own name in its own script, text direction). The code is the URL prefix, the Wagtail
# locale and the directory's Language.code, so "groups that help in your language" join on it.
# Tagalog is "tl" (ISO 639-1, as migrants' guides and the directory already write it), not
# "fil". Japanese is the default and lives at "/"; every other language under "/<code>/".
SITE_LANGUAGES = [
    ("ja", "日本語", "ltr"),
    ("ja-x-easy", "やさしい日本語", "ltr"),
    ("en", "English", "ltr"),
    ("vi", "Tiếng Việt", "ltr"),
    ("tl", "Tagalog", "ltr"),
    ("pt-br", "Português (Brasil)", "ltr"),
    ("zh-hans", "简体中文", "ltr"),
    ("ne", "नेपाली", "ltr"),
    ("id", "Bahasa Indonesia", "ltr"),
    ("ko", "한국어", "ltr"),
    ("es", "Español", "ltr"),
    ("th", "ไทย", "ltr"),
    ("my", "မြန်မာ", "ltr"),
]
LANGUAGE_CODE = "ja"
LANGUAGES = [(code, name) for code, name, _direction in SITE_LANGUAGES]
LANGUAGES_BIDI = [code for code, _name, direction in SITE_LANGUAGES if direction == "rtl"]
# A UI string missing from a catalogue shows this language's text instead (portal.translation);
# a language not listed falls back to the English msgid, not to the default Japanese.
LANGUAGE_FALLBACKS = {"ja-x-easy": "ja"}
# Django's LANG_INFO lacks these codes; get_language_info() and the admin need them.
EXTRA_LANG_INFO = {
    "ja-x-easy": {"bidi": False, "code": "ja-x-easy", "name": "Easy Japanese", "name_local": "やさしい日本語"},
    "tl": {"bidi": False, "code": "tl", "name": "Tagalog", "name_local": "Tagalog"},
}  # fmt: skip
django.conf.locale.LANG_INFO = {**django.conf.locale.LANG_INFO, **EXTRA_LANG_INFO}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
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
