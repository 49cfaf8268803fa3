"""Reads for the letters. The case and party come from `cases.selectors.case_access`
(404 for anything not the user's); these read only that party's own account."""

from django.db.models import Min

from payments.models import LedgerEntry


def first_entry_date(account):
    """The day of the account's first entry, or None before anything happened."""
    return LedgerEntry.objects.filter(account=account).aggregate(first=Min("effective_date"))[
        "first"
    ]
