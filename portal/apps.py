"""The Django project package and the site-wide page types (home, standard pages, news, events…)."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import translation
        from .sites import apply_public_origin_after_migrate

        translation.install()

        # Every deploy runs `migrate`: that is when a changed SITE_URL reaches the Site record.
        post_migrate.connect(apply_public_origin_after_migrate, sender=self)
