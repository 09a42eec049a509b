"""Production: PostgreSQL, the full Elasticsearch distribution, behind gunicorn and HTTPS."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHE_URL, SECRET_KEY, env_bool, env_origin, env_str

# Never in production, whatever the environment says: the debug page shows settings, the
# request and local variables to anyone who can make a page fail.
DEBUG = False

# Never start with a missing or placeholder key: sessions and password resets depend on it.
if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-")):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50+ characters")

# Links in feeds, the sitemap, .ics files and admin e-mails must name the real public origin,
# never the development default.
SITE_URL = env_origin("SITE_URL")
if SITE_URL is None:
    raise ImproperlyConfigured(
        "SITE_URL must be set to the public origin, e.g. https://smj.example"
    )
WAGTAILADMIN_BASE_URL = SITE_URL

# Mail leaves through SMTP: the host's own mail server unless EMAIL_HOST names a relay.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10

# Production is always served over HTTPS by the reverse proxy in front of gunicorn.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Hashed, compressed static files served by whitenoise so no separate static server is needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Each gunicorn worker would keep its own local-memory page cache, and a member hidden through
# one worker would stay visible from the others' caches until their TTL: without a shared
# cache (CACHE_URL, Redis) production caches no pages, and no shared data either (the menu and
# the membership counts would lag a change made through another worker).
if not CACHE_URL:
    PAGE_CACHE_SECONDS = 0
    SHARED_CACHE_SECONDS = 0
