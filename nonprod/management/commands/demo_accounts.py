"""Prints every demo sign-in from each area's demo module (for people and scripts)."""

import json

from django.core.management.base import BaseCommand

from nonprod.demo import LOADERS
from nonprod.demo.password import demo_password


def demo_accounts():
    """The union of every area's `accounts()`, one entry per email (roles and case
    references merged when two areas name the same person)."""
    by_email = {}
    for accounts in (loader.accounts() for loader in LOADERS):
        for account in accounts:
            entry = by_email.setdefault(
                account["email"],
                {
                    "email": account["email"],
                    "password": account["password"],
                    "role": "",
                    "case_references": [],
                    "employer_reference": None,
                },
            )
            roles = [role for role in (entry["role"], account.get("role", "")) if role]
            entry["role"] = ", ".join(dict.fromkeys(roles))
            for reference in account.get("case_references") or []:
                if reference not in entry["case_references"]:
                    entry["case_references"].append(reference)
            entry["employer_reference"] = entry["employer_reference"] or account.get(
                "employer_reference"
            )
    return list(by_email.values())


class Command(BaseCommand):
    help = "List the demo sign-ins (email, password, role, case and employer references)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON for scripts.")

    def handle(self, *args, **options):
        accounts = demo_accounts()
        if options["json"]:
            self.stdout.write(json.dumps(accounts, indent=2))
            return
        for account in accounts:
            references = ", ".join(account["case_references"]) or "-"
            self.stdout.write(
                f"{account['email']:<34} {account['role']:<30} cases: {references}"
                + (
                    f" employer: {account['employer_reference']}"
                    if account["employer_reference"]
                    else ""
                )
            )
        self.stdout.write(f"Password for all: {demo_password()}")
