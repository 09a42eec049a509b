"""The contact relay: visitors write to a group through its page, never seeing its address."""

from django.apps import AppConfig


class RelayConfig(AppConfig):
    name = "relay"
    verbose_name = "Contact relay"

    def ready(self):
        from . import checks  # noqa: F401  (registers the settings check)
