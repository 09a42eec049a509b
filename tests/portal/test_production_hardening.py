"""Finding 9: production never runs with DEBUG, and error reports mask URLs with passwords."""

import json

from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from tests.portal.test_settings import REAL_SECRET, run_python

# Joined at run time: the debug page quotes this file's source around the exception.
PASSWORD = "-".join(["s3cret", "es", "pw"])
SECRET_URL = f"http://elastic:{PASSWORD}@es.internal:9200"


def test_production_ignores_debug_from_the_environment():
    result = run_python(
        "import json; from portal.settings import production as s; print(json.dumps(s.DEBUG))",
        DEBUG="true",
        SECRET_KEY=REAL_SECRET,
        SITE_URL="https://smj.example",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) is False


def test_error_reports_mask_urls_that_carry_a_password(settings):
    settings.ELASTICSEARCH_URL = SECRET_URL
    request = RequestFactory().get("/", ELASTICSEARCH_URL=SECRET_URL, DATABASE_URL=SECRET_URL)
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        reporter = ExceptionReporter(request, type(error), error, error.__traceback__)
        html = reporter.get_traceback_html()
        text = reporter.get_traceback_text()
    assert PASSWORD not in html
    assert PASSWORD not in text
    assert "ELASTICSEARCH_URL" in html
