"""What Django's error reports (the debug page, error e-mails) may show."""

import re

from django.views.debug import SafeExceptionReporterFilter as DjangoFilter


class SafeExceptionReporterFilter(DjangoFilter):
    # Django's list plus URL and DSN: ELASTICSEARCH_URL and DATABASE_URL may hold a password.
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|URL|DSN", flags=re.IGNORECASE
    )
