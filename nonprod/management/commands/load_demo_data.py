"""Loads realistic demo data. Safe to run again: each area's loader finds or creates."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nonprod.demo import LOADERS
from nonprod.demo.password import ensure_demo_password, stored_password_file


class Command(BaseCommand):
    help = "Create or refresh the demo users, cases, payments and employers."

    def handle(self, *args, **options):
        # The command exists only where nonprod is installed; this second check keeps
        # demo accounts out of any other settings that install it by mistake.
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data is refused with these settings. Use cms_portal.settings.local or .test."
            )
        password, made_now = ensure_demo_password()
        for loader in LOADERS:
            with transaction.atomic():
                loader.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. See README.md for the sign-ins."))
        if made_now:
            self.stdout.write(
                f"Password for every demo account: {password}\n"
                f"(made for this machine and kept in {stored_password_file().name}; "
                "`python manage.py demo_accounts` shows it again)"
            )
