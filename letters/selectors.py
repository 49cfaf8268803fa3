"""Reads for the letters. The case and party come from `cases.selectors.case_access`
(404 for anything not the user's); these read only that party's own account."""

from django.db.models import Min

from payments.models import LedgerEntry


def first_entry_date(case, party):
    """The day of the first entry on the party's account in the case, or None before
    anything happened (or when the party has no account)."""
    entries = LedgerEntry.objects.filter(account__case=case, account__party=party)
    return entries.aggregate(first=Min("effective_date"))["first"]
