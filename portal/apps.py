"""The Django project package and the site-wide page types (home, standard pages, news, events…)."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"
