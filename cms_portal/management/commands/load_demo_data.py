"""Loads realistic demo data. Safe to run again: each app's loader finds or creates."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: payments and employers build on cases; the nightly jobs run last, up to
# today, over what all of them loaded.
DEMO_MODULES = ["cms_portal.demo", "cases.demo", "payments.demo", "employers.demo",
                "payments.demo_nightly"]


class Command(BaseCommand):
    help = "Create or refresh the demo users, cases, payments and employers."

    def handle(self, *args, **options):
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
