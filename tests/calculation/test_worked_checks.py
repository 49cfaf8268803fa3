"""The worked checks in docs/rules.md §1, with their fees under Collect and Pay."""

from decimal import Decimal

from calculation.engine import RateType, ServiceType, calculate

from .helpers import make_input


def test_850_two_children_one_other_shared_care_for_both():
    # 850 x 0.89 = 756.50; x 16% = 121.04; less 3/7 = 69.165714 -> £69.17.
    result = calculate(make_input("850.00", ((156, 174),), other_children=1))
    assert result.rate_type is RateType.BASIC
    assert result.weekly_amount == Decimal("69.17")


def test_300_one_child():
    result = calculate(make_input("300.00"))
    assert result.rate_type is RateType.BASIC
    assert result.weekly_amount == Decimal("36.00")


def test_150_two_children_one_other():
    result = calculate(make_input("150.00", ((0, 0),), other_children=1))
    assert result.rate_type is RateType.REDUCED
    assert result.weekly_amount == Decimal("17.60")


def test_collect_and_pay_fees_on_the_first_worked_check():
    result = calculate(
        make_input("850.00", ((160, 160),), other_children=1, service=ServiceType.COLLECT_AND_PAY)
    )
    fees = result.collection_fees
    # 69.17 x 20% = 13.834 -> 13.83; 69.17 x 4% = 2.7668 -> 2.77.
    assert fees.paying_parent_weekly_fee == Decimal("13.83")
    assert fees.paying_parent_weekly_total == Decimal("83.00")
    assert fees.receiving_parent_weekly_fee == Decimal("2.77")
    assert fees.receiving_parent_weekly_net == Decimal("66.40")


def test_fees_are_summed_over_receiving_parents():
    # 47.91 and 64.87: 20% fees 9.582 -> 9.58 and 12.974 -> 12.97; 4% fees 1.9164 -> 1.92
    # and 2.5948 -> 2.59.
    result = calculate(
        make_input(
            "850.00", ((0,), (200, 0)), other_children=1, service=ServiceType.COLLECT_AND_PAY
        )
    )
    assert result.collection_fees.paying_parent_weekly_fee == Decimal("22.55")
    assert result.collection_fees.receiving_parent_weekly_fee == Decimal("4.51")
    per_parent = [
        parent.collection_fees.receiving_parent_weekly_fee for parent in result.receiving_parents
    ]
    assert per_parent == [Decimal("1.92"), Decimal("2.59")]


def test_direct_pay_has_no_fees():
    result = calculate(make_input("850.00"))
    assert result.collection_fees is None
    assert all(parent.collection_fees is None for parent in result.receiving_parents)
