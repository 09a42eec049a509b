from django.core.management.base import BaseCommand

from projects.seed import ensure_site_content


class Command(BaseCommand):
    help = "Create the site's page tree in Japanese and English, editor groups and workflow (idempotent)."

    def handle(self, *args, **options):
        tree = ensure_site_content()
        for code, home in tree["home"].items():
            self.stdout.write(f"{code}: {home.title} → {home.url}")
        self.stdout.write(f"{len(tree)} pages in each language")
