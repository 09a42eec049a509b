from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from portal.synced_translations import adopt, pages_to_adopt


class Command(BaseCommand):
    help = (
        "Bring pages translated before wagtail-localize under it: for every translation of a "
        "Japanese page without a wagtail-localize translation, record its current text as the "
        "translation of the Japanese page's segments. Pages are not changed (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be done, change nothing."
        )

    def handle(self, *args, dry_run: bool = False, verbosity: int = 1, **options):
        pages = list(pages_to_adopt())
        if not pages:
            self.stdout.write("Every translated page is already under wagtail-localize.")
            return
        totals = {"strings": 0, "kept": 0, "overrides": 0, "unpaired": 0}
        lines = []
        with transaction.atomic():
            for page in tqdm(pages, unit="page", disable=verbosity < 1 or len(pages) < 20):
                recorded = adopt(page)
                totals["strings"] += recorded.strings
                totals["kept"] += recorded.kept
                totals["overrides"] += recorded.overrides
                totals["unpaired"] += len(recorded.unpaired)
                line = (
                    f"{page.locale.language_code:8} {page.url_path}: {recorded.strings} segments "
                    f"recorded, {recorded.kept} already translated, {recorded.overrides} overrides"
                )
                if recorded.unpaired:
                    # The shape differs from the Japanese page's: the editor translates these.
                    line += f"; left to the editor: {', '.join(recorded.unpaired)}"
                lines.append(line)
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            # After the progress bar (on stderr), so the two do not interleave.
            self.stdout.write("\n".join(lines))
        self.stdout.write(
            f"{'Would bring' if dry_run else 'Brought'} {len(pages)} pages under wagtail-localize: "
            f"{totals['strings']} segments recorded, {totals['overrides']} overrides, "
            f"{totals['unpaired']} fields left to the editors."
        )
