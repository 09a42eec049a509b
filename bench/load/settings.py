"""Settings of the load stack (``make loadtest``): production, served over plain HTTP on loopback.

Everything else (PostgreSQL, Elasticsearch, the cache) comes from the environment exactly as in
production; only what plain-HTTP loopback traffic needs differs, plus one comparison endpoint.
"""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import BASE_DIR, env_str

# Locust speaks plain HTTP to gunicorn on 127.0.0.1: no redirect to https, and cookies the
# client will send back over http (the member mix carries a session cookie).
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# collectstatic runs into the run's own folder, not the project's staticfiles/.
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / ".cache" / "loadtest" / "static"))
# The site's URLs plus /bench/db-directory/, the directory through Wagtail's database backend.
ROOT_URLCONF = "bench.load.urls"
