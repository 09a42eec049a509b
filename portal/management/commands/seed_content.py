from django.core.management.base import BaseCommand

from portal.seed import ensure_home_pages


class Command(BaseCommand):
    help = "Create the site's page tree in Japanese and English (idempotent)."

    def handle(self, *args, **options):
        homes = ensure_home_pages()
        for code, home in homes.items():
            self.stdout.write(f"{code}: {home.title} → {home.url}")
