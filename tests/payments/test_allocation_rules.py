"""The statutory order money pays debts in (pure allocation, no database)."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from payments.allocation import Credit, Debt, allocate

MAY, JUNE, JULY = date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1)


def paid_by_debt(allocations):
    totals = {}
    for line in allocations:
        totals[line.debt_id] = totals.get(line.debt_id, Decimal("0")) + line.amount
    return totals


def test_current_maintenance_is_paid_before_arrears_and_arrears_before_fees():
    debts = [
        Debt(1, "maintenance", MAY, Decimal("100.00")),  # arrears
        Debt(2, "collection_fee", MAY, Decimal("20.00")),
        Debt(3, "maintenance", JULY, Decimal("100.00")),  # current
        Debt(4, "enforcement_charge", JUNE, Decimal("50.00")),
        Debt(5, "maintenance", JUNE, Decimal("100.00")),  # arrears, newer
        Debt(6, "collection_fee", JULY, Decimal("20.00")),
    ]
    plan = allocate([Credit(10, Decimal("230.00"))], debts, current_due_date=JULY)
    assert paid_by_debt(plan) == {3: Decimal("100.00"), 1: Decimal("100.00"), 5: Decimal("30.00")}
    assert [line.debt_id for line in plan] == [3, 1, 5]


def test_fees_before_enforcement_charges_once_maintenance_is_paid():
    debts = [
        Debt(1, "enforcement_charge", MAY, Decimal("50.00")),
        Debt(2, "collection_fee", JUNE, Decimal("20.00")),
        Debt(3, "maintenance", JUNE, Decimal("100.00")),
    ]
    plan = allocate([Credit(1, Decimal("150.00"))], debts, current_due_date=JUNE)
    assert paid_by_debt(plan) == {3: Decimal("100.00"), 2: Decimal("20.00"), 1: Decimal("30.00")}


def test_oldest_receipt_is_used_first_and_split_across_debts():
    debts = [
        Debt(1, "maintenance", JUNE, Decimal("60.00")),
        Debt(2, "maintenance", MAY, Decimal("60.00")),
    ]
    plan = allocate([Credit(7, Decimal("50.00")), Credit(8, Decimal("50.00"))], debts, JUNE)
    assert [(line.credit_id, line.debt_id, line.amount) for line in plan] == [
        (7, 1, Decimal("50.00")),
        (8, 1, Decimal("10.00")),
        (8, 2, Decimal("40.00")),
    ]


def test_shortfall_on_one_instalment_is_shared_in_proportion_to_the_penny():
    # Two receiving parents' shares of one instalment: £100 and £50, £10.01 to share.
    debts = [
        Debt(1, "maintenance", JUNE, Decimal("100.00")),
        Debt(2, "maintenance", JUNE, Decimal("50.00")),
    ]
    plan = paid_by_debt(allocate([Credit(1, Decimal("10.01"))], debts, JUNE))
    assert plan == {1: Decimal("6.67"), 2: Decimal("3.34")}


def test_no_current_instalment_means_everything_is_arrears_oldest_first():
    debts = [
        Debt(1, "maintenance", JUNE, Decimal("10.00")),
        Debt(2, "maintenance", MAY, Decimal("10.00")),
    ]
    plan = allocate([Credit(1, Decimal("10.00"))], debts, current_due_date=None)
    assert paid_by_debt(plan) == {2: Decimal("10.00")}


pennies = st.integers(min_value=1, max_value=500_000).map(lambda p: Decimal(p).scaleb(-2))
kinds = st.sampled_from(["maintenance", "collection_fee", "enforcement_charge"])
days = st.sampled_from([MAY, JUNE, JULY])


@settings(max_examples=80, deadline=None)
@given(
    credits=st.lists(pennies, min_size=0, max_size=4),
    debts=st.lists(st.tuples(kinds, days, pennies), min_size=0, max_size=8),
)
def test_allocation_never_loses_or_invents_a_penny(credits, debts):
    credit_rows = [Credit(i, amount) for i, amount in enumerate(credits)]
    debt_rows = [Debt(100 + i, kind, day, amount) for i, (kind, day, amount) in enumerate(debts)]
    plan = allocate(credit_rows, debt_rows, JULY)
    used = sum((line.amount for line in plan), Decimal("0"))
    assert used == min(
        sum(credits, Decimal("0")), sum((d.outstanding for d in debt_rows), Decimal("0"))
    )
    for credit in credit_rows:
        assert (
            sum((line.amount for line in plan if line.credit_id == credit.id), Decimal("0"))
            <= credit.unallocated
        )
    for debt in debt_rows:
        assert (
            sum((line.amount for line in plan if line.debt_id == debt.id), Decimal("0"))
            <= debt.outstanding
        )
    assert all(
        line.amount > 0 and line.amount == line.amount.quantize(Decimal("0.01")) for line in plan
    )
    # Nothing of a lower rank is paid while a higher rank is left unpaid.
    paid = paid_by_debt(plan)
    rank = {"collection_fee": 2, "enforcement_charge": 3}

    def order(d):
        return (0 if d.due_date >= JULY else 1) if d.kind == "maintenance" else rank[d.kind]

    for low in debt_rows:
        for high in debt_rows:
            if order(high) < order(low) and paid.get(low.id):
                assert paid.get(high.id) == high.outstanding
