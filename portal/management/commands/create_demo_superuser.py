from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "tsunagaru-demo"  # documented in the README; dev only


class Command(BaseCommand):
    help = "Create the documented demo superuser for `make run` (refuses when DEBUG is off)."

    def handle(self, *args, **options):
        # A known password must never exist on a real site: only debug (dev) settings allow it.
        if not settings.DEBUG:
            raise CommandError("refusing to create a demo superuser with DEBUG off")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        self.stdout.write(f"demo superuser: {DEMO_USERNAME} / {DEMO_PASSWORD} at /admin/")
