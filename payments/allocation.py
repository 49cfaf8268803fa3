"""Which debts a paying parent's money pays, in the statutory order: current maintenance,
then arrears of maintenance (oldest first), then collection fees, then enforcement
charges (collected only after maintenance and arrears). Pure: no database.

Decisions documented here:
- "Current maintenance" is the instalment that fell due most recently (the account's
  `current_due_date`); everything due before it is arrears.
- Among fees and charges, collection fees come before enforcement charges, each oldest
  first: docs/rules.md §2 puts enforcement charges after everything else.
- When money runs out part-way through debts of the same rank and date (two receiving
  parents' shares of one instalment), it is shared in proportion to what each is owed,
  to the penny: whole pennies first, then the pennies left over to the largest remainders
  (earlier debts first on a tie), so nobody is favoured by their position.
- Money is used oldest receipt first.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby

from .models.choices import ObligationKind

_RANK_FEES = {ObligationKind.COLLECTION_FEE: 2, ObligationKind.ENFORCEMENT_CHARGE: 3}


@dataclass(frozen=True, slots=True)
class Debt:
    id: int
    kind: str
    due_date: date
    outstanding: Decimal


@dataclass(frozen=True, slots=True)
class Credit:
    id: int
    unallocated: Decimal


@dataclass(frozen=True, slots=True)
class Allocation:
    credit_id: int
    debt_id: int
    amount: Decimal


def _rank(debt: Debt, current_due_date: date | None) -> int:
    if debt.kind == ObligationKind.MAINTENANCE:
        is_current = current_due_date is not None and debt.due_date >= current_due_date
        return 0 if is_current else 1
    return _RANK_FEES[ObligationKind(debt.kind)]


def payment_order(debts, current_due_date):
    """Debts in the order money pays them, as groups that share one rank and due date."""
    ordered = sorted(debts, key=lambda d: (_rank(d, current_due_date), d.due_date, d.id))
    return [
        list(group)
        for _key, group in groupby(ordered, key=lambda d: (_rank(d, current_due_date), d.due_date))
    ]


def _to_pennies(amount: Decimal) -> int:
    return int(amount.scaleb(2).to_integral_exact())


def _share_pennies(available: int, owed: list[int]) -> list[int]:
    """Split `available` pennies over debts owed `owed` pennies, proportionally."""
    total = sum(owed)
    if available >= total:
        return owed
    shares = [available * each // total for each in owed]
    remainders = [available * each % total for each in owed]
    left = available - sum(shares)
    for index in sorted(range(len(owed)), key=lambda i: (-remainders[i], i))[:left]:
        shares[index] += 1
    return shares


def amounts_to_pay(credits, debts, current_due_date) -> list[tuple[Debt, int]]:
    """How many pennies each debt gets from all the money available."""
    available = sum(_to_pennies(credit.unallocated) for credit in credits if credit.unallocated > 0)
    paid = []
    for group in payment_order(debts, current_due_date):
        if available <= 0:
            break
        shares = _share_pennies(available, [_to_pennies(debt.outstanding) for debt in group])
        for debt, pennies in zip(group, shares, strict=True):
            if pennies:
                paid.append((debt, pennies))
                available -= pennies
    return paid


def allocate(credits, debts, current_due_date) -> list[Allocation]:
    """Pair receipts (in the order given) with the amounts each debt gets."""
    wallet = [
        [credit.id, _to_pennies(credit.unallocated)] for credit in credits if credit.unallocated > 0
    ]
    allocations = []
    position = 0
    for debt, pennies in amounts_to_pay(credits, debts, current_due_date):
        while pennies:
            credit_id, left = wallet[position]
            used = min(left, pennies)
            allocations.append(Allocation(credit_id, debt.id, Decimal(used).scaleb(-2)))
            pennies -= used
            wallet[position][1] -= used
            if wallet[position][1] == 0:
                position += 1
    return allocations
