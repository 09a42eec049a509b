"""Local development: `make run` on a laptop or a fresh machine."""

from .base import *  # noqa: F403
from .base import env_bool, env_str

# A throwaway key so a fresh clone runs with no configuration; production refuses this.
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-key-never-use-in-production")
# Tracebacks in the browser are the point of a dev server.
DEBUG = env_bool("DEBUG", True)
# Serve static files from the source folders so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# `manage.py elasticsearch start|stop|status` for the local server; production never installs it.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
