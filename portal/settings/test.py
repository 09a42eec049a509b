"""The pytest suite (`make test`)."""

from .base import *  # noqa: F403
from .base import env_str

# Tests need a key but must not depend on the machine's environment having one.
SECRET_KEY = "test-insecure-key"
# Fast hashing: the suite creates many users and password strength is not under test here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test run gets its own index names so it never touches a developer's dev indices.
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "tsunagaru-test")
# Keep uploaded files of the suite out of the project's media folder.
MEDIA_ROOT = BASE_DIR / ".cache" / "test-media"  # noqa: F405
# Serve static files from the source folders: the suite never runs collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The suite starts and inspects the local Elasticsearch through the dev tools.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
# Sent mail is kept in django.core.mail.outbox for the tests to read.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Pages are rendered afresh in every test; the page cache's own tests turn it on.
PAGE_CACHE_SECONDS = 0
