from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from members.confirmation import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the managers of every listed entry not confirmed for CONFIRMATION_REMIND_MONTHS "
        "(and not reminded within a month) a signed 'no changes' link and an edit link. "
        "Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be mailed; send nothing."
        )

    def handle(self, *args, dry_run: bool, verbosity: int, **options):
        report = send_reminders(dry_run=dry_run)
        verb = "would remind" if dry_run else "reminded"
        for member, error in report.failed:
            self.stderr.write(f"failed {member.kind} {member.member_number} {member}: {error}")
        if verbosity < 1:  # cron: only failures (the admin's report lists the rest)
            self.fail_if_any(report)
            return
        for member, managers in report.reminded:
            addresses = ", ".join(user.email for user in managers)
            self.stdout.write(f"{verb} {member.kind} {member.member_number} {member}: {addresses}")
        for member in report.without_managers:
            self.stdout.write(
                f"skipped {member.kind} {member.member_number} {member}: no manager with an "
                "e-mail address"
            )
        self.stdout.write(
            f"{len(report.reminded)} entries {verb} ({report.messages} messages), "
            f"{len(report.without_managers)} without managers, {len(report.failed)} failed "
            f"(older than {settings.CONFIRMATION_REMIND_MONTHS} months)"
        )
        self.fail_if_any(report)

    def fail_if_any(self, report):
        if report.failed:
            raise CommandError(f"{len(report.failed)} entries could not be reminded")
