"""The deduction rule: the employee keeps at least 60% of net earnings, the admin fee is
at most £1, and whatever is not deducted is carried forward, exactly."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from employers.rules import DeductionInputError, deduction_rules, work_out_deduction

PAY_DATE = date(2026, 3, 27)
PENNY = Decimal("0.01")
amounts = st.decimals(
    min_value=0, max_value=Decimal("50000"), places=2, allow_nan=False, allow_infinity=False
)
fees = st.decimals(min_value=0, max_value=Decimal("1.00"), places=2)


def test_gov_uk_worked_example_deducts_the_full_rate():
    # Owes £150 a month, net pay £1,200: protected £720, up to £480 can go, so all £150 does.
    outcome = work_out_deduction(
        net_earnings=Decimal("1200.00"), normal_rate=Decimal("150.00"), pay_date=PAY_DATE
    )
    assert outcome.protected_earnings == Decimal("720.00")
    assert outcome.deduction_limit == Decimal("480.00")
    assert outcome.amount_deducted == Decimal("150.00")
    assert outcome.shortfall_carried_forward == Decimal("0.00")


def test_low_pay_carries_the_shortfall_and_the_next_pay_day_catches_up():
    first = work_out_deduction(
        net_earnings=Decimal("200.00"), normal_rate=Decimal("150.00"), pay_date=PAY_DATE
    )
    assert first.amount_deducted == Decimal("80.00")
    assert first.shortfall_carried_forward == Decimal("70.00")
    second = work_out_deduction(
        net_earnings=Decimal("1200.00"),
        normal_rate=Decimal("150.00"),
        shortfall_brought_forward=first.shortfall_carried_forward,
        pay_date=PAY_DATE,
    )
    assert second.deduction_due == Decimal("220.00")
    assert second.amount_deducted == Decimal("220.00")
    assert second.shortfall_carried_forward == Decimal("0.00")


def test_the_limit_rounds_down_so_no_fraction_of_protected_pay_is_taken():
    # 40% of £0.02 is 0.8p: half-up rounding would take 1p and leave the employee 50%.
    outcome = work_out_deduction(
        net_earnings=Decimal("0.02"), normal_rate=Decimal("10.00"), pay_date=PAY_DATE
    )
    assert outcome.amount_deducted == Decimal("0.00")
    assert outcome.shortfall_carried_forward == Decimal("10.00")


def test_admin_fee_may_go_below_protected_earnings():
    outcome = work_out_deduction(
        net_earnings=Decimal("100.00"),
        normal_rate=Decimal("500.00"),
        admin_fee=Decimal("1.00"),
        pay_date=PAY_DATE,
    )
    assert outcome.amount_deducted == Decimal("40.00")
    assert outcome.admin_fee == Decimal("1.00")
    assert outcome.pay_after_deductions == Decimal("59.00")


@pytest.mark.parametrize(
    ("net", "fee", "code"),
    [
        ("100.00", "1.01", "admin_fee_too_high"),
        ("0.00", "0.50", "admin_fee_without_deduction"),
        ("0.05", "0.10", "admin_fee_more_than_pay"),
    ],
)
def test_admin_fees_the_rules_do_not_allow(net, fee, code):
    with pytest.raises(DeductionInputError) as raised:
        work_out_deduction(
            net_earnings=Decimal(net),
            normal_rate=Decimal("0.02"),
            admin_fee=Decimal(fee),
            pay_date=PAY_DATE,
        )
    assert raised.value.code == code


@pytest.mark.parametrize("bad", [Decimal("-0.01"), Decimal("1.001"), Decimal("NaN"), 12.5])
def test_negative_fractional_or_non_decimal_figures_are_refused(bad):
    with pytest.raises(DeductionInputError):
        work_out_deduction(net_earnings=bad, normal_rate=Decimal("1.00"), pay_date=PAY_DATE)


def test_figures_come_from_the_dated_table():
    rules = deduction_rules(PAY_DATE)
    assert rules.protected_earnings_proportion == Decimal("0.60")
    assert rules.maximum_admin_fee == Decimal("1.00")
    assert rules.payment_due_day == 19


@settings(max_examples=100, deadline=None)
@given(net=amounts, rate=amounts, carried=amounts, fee=fees)
def test_deduction_properties(net, rate, carried, fee):
    try:
        outcome = work_out_deduction(
            net_earnings=net,
            normal_rate=rate,
            shortfall_brought_forward=carried,
            admin_fee=fee,
            pay_date=PAY_DATE,
        )
    except DeductionInputError as error:
        # Only the admin fee can be refused, and only when there is too little to take it from.
        limit_outcome = work_out_deduction(
            net_earnings=net, normal_rate=rate, shortfall_brought_forward=carried, pay_date=PAY_DATE
        )
        assert error.code in {"admin_fee_without_deduction", "admin_fee_more_than_pay"}
        assert fee > limit_outcome.maximum_admin_fee
        return
    # The employee keeps at least 60% of net earnings (the admin fee aside).
    assert net - outcome.amount_deducted >= net * Decimal("0.60")
    # The admin fee is at most £1 and never more than the pay left.
    assert outcome.admin_fee <= Decimal("1.00")
    assert outcome.pay_after_deductions >= 0
    # The shortfall carried is exactly what should have been deducted and was not.
    assert outcome.shortfall_carried_forward == rate + carried - outcome.amount_deducted
    # Nothing is negative.
    for value in (
        outcome.amount_deducted,
        outcome.shortfall_carried_forward,
        outcome.admin_fee,
        outcome.protected_earnings,
        outcome.deduction_limit,
    ):
        assert value >= 0
    # As much as the rule allows is deducted: either everything due, or up to the penny
    # below the point where the employee would keep less than 60%.
    if outcome.shortfall_carried_forward:
        assert net - (outcome.amount_deducted + PENNY) < net * Decimal("0.60")


@settings(max_examples=50, deadline=None)
@given(rate=amounts, pay=st.lists(amounts, min_size=1, max_size=8))
def test_shortfall_chain_accounts_for_every_penny(rate, pay):
    carried = Decimal("0.00")
    deducted = Decimal("0.00")
    for net in pay:
        outcome = work_out_deduction(
            net_earnings=net, normal_rate=rate, shortfall_brought_forward=carried, pay_date=PAY_DATE
        )
        deducted += outcome.amount_deducted
        carried = outcome.shortfall_carried_forward
    assert deducted + carried == rate * len(pay)
