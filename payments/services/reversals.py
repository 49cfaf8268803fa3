"""Correcting the ledger: an entry is never changed, it is reversed by a new entry of the
opposite amount, with a reason, and whatever hung off it is undone too:

- a debt (maintenance, fee or charge): the money that paid it is freed to pay other debts;
- a payment received (a bounced Direct Debit, a charged-back card): what it paid is owed
  again and the receiving parents' collected money is reversed;
- a payment passed on that the bank returned: the payment and its fee come back onto the
  receiving parent's account, to be paid out again.

A reversal cannot itself be reversed (post the right entry instead), and money collected
for a receiving parent is only ever undone through the payment or debt behind it."""

from django.db import transaction

from cms_portal.audit import record_audit_event
from cms_portal.staff_roles import REVERSE, WAIVE_CHARGE, WRITE_OFF

from ..dates import business_date
from ..models import (
    Disbursement,
    DisbursementStatus,
    EntryKind,
    LedgerEntry,
    Obligation,
    Receipt,
)
from .accounts import PaymentsError, Postings, lock_one_case
from .allocating import allocate_cases, live_allocations, unwind_allocations
from .bulk import bulk_set

DEBT_KINDS = {EntryKind.MAINTENANCE_DUE, EntryKind.PAYING_PARENT_FEE, EntryKind.ENFORCEMENT_CHARGE}
REVERSIBLE_KINDS = DEBT_KINDS | {EntryKind.PAYMENT_RECEIVED, EntryKind.PASSED_ON}


def permission_to_reverse(entry):
    """Reversing money owed forgives it: writing off maintenance or fees, or waiving an
    enforcement charge, is for team leaders. Reversing money the bank returned is not."""
    if entry.kind == EntryKind.ENFORCEMENT_CHARGE:
        return WAIVE_CHARGE
    if entry.kind in DEBT_KINDS:
        return WRITE_OFF
    return REVERSE


def reverse_entry(*, acting_user, entry, reason, on_date=None):
    """Reverse one ledger entry (and what depends on it). Returns the reversal entry.
    Idempotent: reversing an entry already reversed returns the first reversal."""
    reason = (reason or "").strip()
    if not reason:
        raise PaymentsError("Give a reason for the reversal.")
    on_date = on_date or business_date()
    with transaction.atomic():
        accounts = lock_one_case(entry.case)
        entry = LedgerEntry.objects.get(pk=entry.pk)
        existing = LedgerEntry.objects.filter(reverses=entry).first()
        if existing is not None:
            return existing
        if entry.kind not in REVERSIBLE_KINDS:
            raise PaymentsError(f"A {entry.get_kind_display().lower()} entry cannot be reversed.")
        postings = Postings(acting_user=acting_user)
        related = [entry]
        if entry.kind == EntryKind.PASSED_ON:
            related += not_reversed(
                LedgerEntry.objects.filter(
                    account_id=entry.account_id,
                    disbursement_id=entry.disbursement_id,
                    kind=EntryKind.RECEIVING_PARENT_FEE,
                )
            )
        reverse_entries(related, accounts, on_date, postings, reason)
        allocate_cases({entry.case_id: accounts}, on_date, postings)
        record_audit_event(
            acting_user=acting_user,
            action="payments.entry_reversed",
            obj=entry.case,
            entry=entry.pk,
            kind=entry.kind,
            amount=str(entry.amount),
            reason=reason,
        )
        return LedgerEntry.objects.get(reverses=entry)


def not_reversed(entries):
    """The entries not yet reversed. (Two plain lookups: the "reversed once" index is
    partial, so it serves `reverses_id IN (...)`, not a join.)"""
    entries = list(entries)
    reversed_ids = set(
        LedgerEntry.objects.filter(reverses_id__in=[e.pk for e in entries]).values_list(
            "reverses_id", flat=True
        )
    )
    return [entry for entry in entries if entry.pk not in reversed_ids]


def reverse_entries(entries, accounts, on_date, postings, reason):
    """Post reversals of `entries` (all of one case, accounts locked) and undo what
    depends on them. Does not re-allocate: callers do, once, afterwards."""
    by_account = {account.pk: account for account in accounts.all()}
    for entry in entries:
        if entry.kind in DEBT_KINDS:
            _cancel_debt(entry, accounts, on_date, postings)
        elif entry.kind == EntryKind.PAYMENT_RECEIVED:
            _cancel_receipt(entry, accounts, on_date, postings)
        elif entry.kind == EntryKind.PASSED_ON:
            (
                Disbursement.objects.filter(pk=entry.disbursement_id).update(
                    status=DisbursementStatus.RETURNED
                )
            )
        postings.add(
            by_account[entry.account_id],
            EntryKind.REVERSAL,
            -entry.amount,
            on_date,
            f"reversal:{entry.pk}",
            reverses_id=entry.pk,
            reason=reason,
            instalment_id=entry.instalment_id,
            receipt_id=entry.receipt_id,
            enforcement_action_id=entry.enforcement_action_id,
            disbursement_id=entry.disbursement_id,
        )
    postings.save()


def _cancel_debt(entry, accounts, on_date, postings):
    obligation = Obligation.objects.get(entry=entry)
    touched, _receipts = unwind_allocations(
        live_allocations(obligation=obligation), accounts, on_date, postings
    )
    obligation = touched.get(obligation.pk, obligation)
    obligation.outstanding = 0
    obligation.cancelled = True
    bulk_set(Obligation, [obligation], ["outstanding", "cancelled"])


def _cancel_receipt(entry, accounts, on_date, postings):
    receipt = Receipt.objects.get(pk=entry.receipt_id)
    _touched, receipts = unwind_allocations(
        live_allocations(receipt=receipt), accounts, on_date, postings, refund_to_receipts=False
    )
    receipt = receipts.get(receipt.pk, receipt)
    accounts.paying.unallocated -= receipt.unallocated
    postings.touch(accounts.paying)
    receipt.unallocated = 0
    receipt.reversed = True
    bulk_set(Receipt, [receipt], ["unallocated", "reversed"])
