"""Elasticsearch: documents, serializers, indexing, sync, query builders, views and commands."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from . import sync

        sync.connect()
