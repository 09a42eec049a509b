from django.core.management.base import BaseCommand

from devtools.translation_status import shares


class Command(BaseCommand):
    help = "Print the share of interface strings translated per site language."

    def handle(self, *args, **options):
        for share in shares():
            self.stdout.write(
                f"{share.code:10} {share.translated:4}/{share.total} {share.percent:5.1f}%"
            )
