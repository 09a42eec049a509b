"""The relay's settings are checked at start-up (and by ``check --deploy``), not at the first
message: a mistyped rate in the environment should stop a deploy, not a visitor."""

from django.conf import settings
from django.core import checks

from .limits import Rate


@checks.register()
def relay_settings(app_configs, **kwargs):
    errors = []
    for name in ("RELAY_RATE_PER_ADDRESS", "RELAY_RATE_PER_GROUP"):
        try:
            Rate.parse(getattr(settings, name))
        except ValueError as error:
            errors.append(checks.Error(f"{name}: {error}", id="relay.E001"))
    for name in ("RELAY_MAX_CHARS", "RELAY_KEEP_DAYS"):
        if getattr(settings, name) < 1:
            errors.append(checks.Error(f"{name} must be at least 1", id="relay.E002"))
    return errors
