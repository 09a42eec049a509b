"""Tools for developing the site, never needed to serve it: the local Elasticsearch server.

Installed by the dev and test settings only, so production neither loads nor imports it.
"""

from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    name = "devtools"
    verbose_name = "Development tools"
