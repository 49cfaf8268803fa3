"""Loads realistic demo data. Safe to run again: each app's loader finds or creates."""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Order matters: employers and payments build on cases; the payments history (nightly
# jobs, payments and employers' money reaching the bank, day by day) runs over every case
# loaded before it; today's pass-on runs last.
DEMO_MODULES = [
    "cms_portal.demo",
    "cases.demo",
    "employers.demo",
    "payments.demo",
    "payments.demo_nightly",
]


class Command(BaseCommand):
    help = "Create or refresh the demo users, cases, payments and employers."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data is refused with these settings: its accounts share a published "
                "password. Use cms_portal.settings.local or .test."
            )
        for module_name in DEMO_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. See README.md for the sign-ins."))
