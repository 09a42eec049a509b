import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from members.transfer import FORMATS, members_export


class Command(BaseCommand):
    help = (
        "Export group and individual members as CSV, XLSX or JSON. The full export is the "
        "secretariat's view (contacts included); --public-only exports only what anonymous "
        "visitors may see, without contact or consent data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="csv", dest="fmt")
        parser.add_argument("--public-only", action="store_true")
        parser.add_argument(
            "--headers", choices=("en", "ja"), default="en", help="Column header language."
        )
        parser.add_argument(
            "--output", type=Path, help="Write to this file instead of standard output."
        )

    def handle(self, *args, fmt: str, public_only: bool, headers: str, output, **options):
        data = members_export(fmt=fmt, public_only=public_only, headers=headers)
        if output is not None:
            _write_private(output, data)
            self.stderr.write(f"Wrote {output}")
        elif fmt == "xlsx" and sys.stdout.isatty():
            self.stderr.write("Refusing to write a spreadsheet to a terminal; use --output.")
        else:
            self.stdout.flush()
            self.stdout._out.buffer.write(data)


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` readable by its owner only (0600): a full export holds every contact.
    The mode is set on the descriptor, before any byte is written, and also on a file that
    already existed (``os.open`` applies its mode only to a file it creates)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write(data)
