from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.sites import site_apply_public_origin
from projects.seed import ensure_site_content


class Command(BaseCommand):
    help = "Create the site's page tree in Japanese and English, editor groups and workflow (idempotent)."

    def handle(self, *args, **options):
        tree = ensure_site_content()
        # The seed makes the Site record on a fresh database; links must name SITE_URL.
        site_apply_public_origin()
        for code, home in tree["home"].items():
            self.stdout.write(f"{code}: {home.title} → {home.url}")
        self.stdout.write(f"{len(tree)} pages in each language")
        # A database seeded before wagtail-localize has translations made by copying: bring
        # them under it too (a fresh one has none, and the command says so).
        call_command("localize_existing", stdout=self.stdout, verbosity=options["verbosity"])
