from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.transfer import members_import


class Command(BaseCommand):
    help = (
        "Import group and individual members from a CSV, XLSX or JSON file. Every row is "
        "validated first; if any row is invalid nothing is written. Rows update existing "
        "members with the same member number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report only; write nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist")
        report = members_import(path=file, dry_run=dry_run, progress=options["verbosity"] > 0)
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"{file.name}: warning: {warning}"))
        if not report.ok:
            for error in report.errors:
                self.stderr.write(f"{file.name}: {error}")
            raise CommandError(f"{len(report.errors)} error(s); nothing was imported.")
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created['group']} groups and {report.created['individual']} "
                f"individuals {verb} created; {report.updated['group']} groups and "
                f"{report.updated['individual']} individuals {verb} updated."
            )
        )
