from django.conf import settings
from django.core.management.base import BaseCommand

from relay.services import purge_bodies


class Command(BaseCommand):
    help = (
        "Blank the bodies of relayed messages older than RELAY_KEEP_DAYS (default 30); the "
        "metadata stays. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Keep bodies this many days instead."
        )

    def handle(self, *args, days, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must not be negative")
            raise SystemExit(2)
        blanked = purge_bodies(keep_days=days)
        keep = settings.RELAY_KEEP_DAYS if days is None else days
        if options["verbosity"]:
            self.stdout.write(f"Blanked {blanked} message bodies older than {keep} days.")
