"""The server-error page in the visitor's language.

Django's own handler renders ``500.html`` with an empty context; this one only adds the
language taken from the URL prefix. It still uses no request context: the database, the site
settings or a context processor may be what failed.
"""

import sys

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.utils import translation

from portal.outage import database_unavailable, is_database_outage


def server_error(request, template_name: str = "500.html"):
    # Django calls this inside its ``except`` block, so the error is still at hand: a lost
    # database raised by a middleware (session, user) gets the 503 page, not a 500.
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    home = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    with translation.override(language):
        html = loader.render_to_string(template_name, {"language": language, "home_url": home})
    return HttpResponseServerError(html)
