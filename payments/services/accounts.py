"""Locking a case's accounts and posting entries to them.

Every write that moves money first locks all the accounts of the cases it touches, in id
order (the same order everywhere, so two writers never wait on each other in a circle),
then posts through `Postings`, which keeps each account's stored balance equal to the sum
of its entries."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ..models import Account, AccountRole, LedgerEntry
from .bulk import bulk_insert, bulk_set
from .rows import RowMaker, read_rows

ENTRY_ROWS = RowMaker(LedgerEntry)


class PaymentsError(ValueError):
    """A money operation the rules do not allow; the message says why."""


class IdempotencyConflict(PaymentsError):
    """The idempotency key was used before for a different operation."""


@dataclass
class CaseAccounts:
    """A case's locked accounts, as rows (see rows.py): the paying parent's, and each
    receiving parent's by party id."""

    paying: Any = None
    receiving: dict = field(default_factory=dict)

    def all(self):
        return ([self.paying] if self.paying else []) + list(self.receiving.values())


ACCOUNT_COLUMNS = [
    "case_id",
    "party_id",
    "role",
    "balance",
    "unallocated",
    "current_due_date",
    "arrears_status",
    "missed_in_row",
    "escalated_on",
]


def lock_accounts(queryset):
    """Lock accounts (in id order) and return them as rows."""
    return read_rows(queryset.select_for_update().order_by("id"), *ACCOUNT_COLUMNS)


def lock_case_accounts(case_ids) -> dict[int, CaseAccounts]:
    """Lock and return every account of the given cases, keyed by case id."""
    by_case: dict[int, CaseAccounts] = {}
    for account in lock_accounts(Account.objects.filter(case_id__in=list(case_ids))):
        accounts = by_case.setdefault(account.case_id, CaseAccounts())
        if account.role == AccountRole.PAYING:
            accounts.paying = account
        else:
            accounts.receiving[account.party_id] = account
    return by_case


def lock_one_case(case) -> CaseAccounts:
    accounts = lock_case_accounts([case.pk]).get(case.pk)
    if accounts is None or accounts.paying is None:
        raise PaymentsError("This case has no payment schedule yet.")
    return accounts


class Postings:
    """New ledger entries for one transaction, written in one statement by `save()`
    together with the balances of the accounts they change."""

    def __init__(self, *, acting_user=None):
        self.created_by_id = (
            acting_user.pk if getattr(acting_user, "is_authenticated", False) else None
        )
        self.posted_at = timezone.now()
        self.entries = []  # rows for LedgerEntry
        self.accounts = {}  # account id -> account row

    def add(self, account, kind, amount, effective_date, key, **links):
        amount = Decimal(amount)
        if not amount:
            return None
        entry = ENTRY_ROWS.new(
            account_id=account.pk,
            case_id=account.case_id,
            kind=kind,
            amount=amount,
            effective_date=effective_date,
            idempotency_key=key,
            created_by_id=self.created_by_id,
            posted_at=self.posted_at,
            **links,
        )
        account.balance += amount
        self.accounts[account.pk] = account
        self.entries.append(entry)
        return entry

    def touch(self, account):
        """Mark an account changed for a reason other than an entry (unallocated money)."""
        self.accounts[account.pk] = account

    def save(self, account_fields=("balance", "unallocated")):
        """Insert the entries (setting their ids) and write the changed accounts."""
        if self.entries:
            bulk_insert(LedgerEntry, self.entries)
        bulk_set(Account, self.accounts.values(), list(account_fields))
        saved, self.entries, self.accounts = self.entries, [], {}
        return saved
