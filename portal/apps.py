"""The Django project package and the site-wide page types (home, standard pages, news, events…)."""

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import locales, translation
        from .middleware import limit_staff_session
        from .sites import apply_public_origin_after_migrate

        translation.install()
        locales.install()

        # Every deploy runs `migrate`: that is when a changed SITE_URL reaches the Site record.
        post_migrate.connect(apply_public_origin_after_migrate, sender=self)
        # Staff sessions end when the browser closes; the middleware enforces the 8 hours.
        user_logged_in.connect(limit_staff_session, dispatch_uid="portal.limit_staff_session")
