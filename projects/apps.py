"""Sub-network (project) pages and their index; they list member groups from the directory."""

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects"
