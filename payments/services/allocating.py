"""Using received money to pay debts, and undoing that when an entry is reversed.

Set-based: one call handles every case given (one case from a service, thousands from the
nightly job) with the same few queries. Callers hold the accounts' locks."""

import uuid
from collections import defaultdict
from typing import Any

from .. import allocation as rules
from ..models import Allocation, EntryKind, Obligation, ObligationKind, Receipt
from .bulk import bulk_insert, bulk_set
from .rows import RowMaker, read_rows

ALLOCATION_ROWS = RowMaker(Allocation)


def _collected_key(receipt_id, obligation_id):
    # Allocation is decided by the state of the account under its lock, not by the key;
    # the key only has to be unique, and the same pair may meet again after an undo.
    return f"collected:{receipt_id}:{obligation_id}:{uuid.uuid4().hex[:12]}"


def allocate_cases(accounts_by_case, on_date, postings):
    """Pay open debts from unallocated receipts in the statutory order. Returns how many
    allocations were made."""
    case_ids = [
        case_id
        for case_id, accounts in accounts_by_case.items()
        if accounts.paying is not None and accounts.paying.unallocated > 0
    ]
    if not case_ids:
        return 0
    receipts = defaultdict(list)
    for receipt in read_rows(
        Receipt.objects.filter(case_id__in=case_ids, unallocated__gt=0).order_by(
            "received_on", "id"
        ),
        "case_id",
        "unallocated",
    ):
        receipts[receipt.case_id].append(receipt)
    debts = defaultdict(list)
    for obligation in read_rows(
        Obligation.objects.filter(case_id__in=case_ids, outstanding__gt=0),
        "case_id",
        "kind",
        "due_date",
        "outstanding",
        "receiving_account_id",
    ):
        debts[obligation.case_id].append(obligation)

    made = []
    for case_id in case_ids:
        case_receipts = {receipt.pk: receipt for receipt in receipts[case_id]}
        case_debts = {debt.pk: debt for debt in debts[case_id]}
        if not case_receipts or not case_debts:
            continue
        accounts = accounts_by_case[case_id]
        receiving_by_account = {account.pk: account for account in accounts.receiving.values()}
        plan = rules.allocate(
            [rules.Credit(r.pk, r.unallocated) for r in case_receipts.values()],
            [rules.Debt(d.pk, d.kind, d.due_date, d.outstanding) for d in case_debts.values()],
            accounts.paying.current_due_date,
        )
        for line in plan:
            receipt, debt = case_receipts[line.credit_id], case_debts[line.debt_id]
            receipt.unallocated -= line.amount
            debt.outstanding -= line.amount
            accounts.paying.unallocated -= line.amount
            postings.touch(accounts.paying)
            collected = None
            if debt.kind == ObligationKind.MAINTENANCE:
                collected = postings.add(
                    receiving_by_account[debt.receiving_account_id],
                    EntryKind.MAINTENANCE_COLLECTED,
                    line.amount,
                    on_date,
                    _collected_key(receipt.pk, debt.pk),
                    receipt_id=receipt.pk,
                )
            made.append(
                (
                    ALLOCATION_ROWS.new(
                        receipt_id=receipt.pk,
                        obligation_id=debt.pk,
                        amount=line.amount,
                        allocated_on=on_date,
                    ),
                    collected,
                    receipt,
                    debt,
                )
            )
    if not made:
        return 0
    postings.save()
    for allocation, collected, _receipt, _debt in made:
        allocation.collected_entry_id = collected.pk if collected else None
    bulk_insert(Allocation, [allocation for allocation, *_rest in made])
    bulk_set(Receipt, {r.pk: r for _a, _c, r, _d in made}.values(), ["unallocated"])
    bulk_set(Obligation, {d.pk: d for _a, _c, _r, d in made}.values(), ["outstanding"])
    return len(made)


def unwind_allocations(allocations, accounts, on_date, postings, *, refund_to_receipts=True):
    """Undo allocations (each at most once, by the database's word): the debts are owed
    again, the receiving parents' collected money is reversed, and (unless the receipt
    itself is being reversed) the money is free to pay something else. Returns the debts
    and receipts touched, by id, as saved."""
    receiving_by_account = {account.pk: account for account in accounts.receiving.values()}
    obligations: dict[Any, Any] = {}
    receipts: dict[Any, Any] = {}
    undo: list[Any] = []
    for allocation in allocations:
        obligation = obligations.setdefault(allocation.obligation_id, allocation.obligation)
        receipt = receipts.setdefault(allocation.receipt_id, allocation.receipt)
        obligation.outstanding += allocation.amount
        if refund_to_receipts:
            receipt.unallocated += allocation.amount
            accounts.paying.unallocated += allocation.amount
            postings.touch(accounts.paying)
        if allocation.collected_entry_id:
            postings.add(
                receiving_by_account[obligation.receiving_account_id],
                EntryKind.REVERSAL,
                -allocation.amount,
                on_date,
                f"reversal:{allocation.collected_entry_id}",
                reverses_id=allocation.collected_entry_id,
                receipt_id=receipt.id,
            )
        undo.append(
            ALLOCATION_ROWS.new(
                receipt_id=receipt.pk,
                obligation_id=obligation.pk,
                amount=-allocation.amount,
                allocated_on=on_date,
                unwinds_id=allocation.pk,
            )
        )
    postings.save()
    bulk_insert(Allocation, undo)
    bulk_set(Receipt, receipts.values(), ["unallocated"])
    bulk_set(Obligation, obligations.values(), ["outstanding"])
    return obligations, receipts


def live_allocations(**filters):
    """Allocations not yet undone, with their receipt and debt. (Two plain lookups: the
    "undone" index is partial, so it serves `unwinds_id IN (...)`, not a join.)"""
    allocations = list(
        Allocation.objects.filter(amount__gt=0, **filters).select_related("receipt", "obligation")
    )
    undone = set(
        Allocation.objects.filter(unwinds_id__in=[a.pk for a in allocations]).values_list(
            "unwinds_id", flat=True
        )
    )
    return [allocation for allocation in allocations if allocation.pk not in undone]
