"""The site's URLs plus the comparison endpoint; mounted by ``bench.load.settings`` only."""

from django.urls import path

from bench.load.dbdirectory import database_directory
from portal.urls import handler500, urlpatterns

__all__ = ["handler500", "urlpatterns"]

urlpatterns = [
    path("bench/db-directory/", database_directory, name="bench-db-directory"),
    *urlpatterns,
]
