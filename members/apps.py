"""Member groups and individuals, regions, fields, languages, visibility, import/export, seed data."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members"
