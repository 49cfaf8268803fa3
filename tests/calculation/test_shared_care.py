"""Shared care (Sch 1 paras 7 and 8), several receiving parents, and the £7 minimum.

Expected figures are worked by hand; e.g. £500, 1 child, no others: 500 x 12% = £60.00,
and 52 nights keeps six sevenths: 60 x 6/7 = 51.428571... -> £51.43.
"""

import pytest

from calculation.engine import Benefit, RateType, calculate

from .helpers import amounts, make_input


@pytest.mark.parametrize(
    ("nights", "expected"),
    [
        (0, "60.00"),
        (51, "60.00"),
        (52, "51.43"),  # 60 x 6/7 = 51.428571
        (103, "51.43"),
        (104, "42.86"),  # 60 x 5/7 = 42.857142
        (155, "42.86"),
        (156, "34.29"),  # 60 x 4/7 = 34.285714
        (174, "34.29"),
        (175, "23.00"),  # 60 / 2 - 7
        (365, "23.00"),
    ],
)
def test_band_edges(nights, expected):
    result = calculate(make_input("500.00", ((nights,),)))
    assert str(result.weekly_amount) == expected


def test_each_child_is_reduced_by_its_own_band():
    # £500, 2 children: 500 x 16% = 80, 40 a child; 40 / 2 - 7 = 13 and 40 -> £53.00.
    assert str(calculate(make_input("500.00", ((175, 0),))).weekly_amount) == "53.00"
    # 40 x 6/7 + 40 x 5/7 = 440/7 = 62.857142 -> £62.86.
    assert str(calculate(make_input("500.00", ((52, 104),))).weekly_amount) == "62.86"


def test_shared_care_on_the_reduced_rate():
    # £150, 1 child: 7 + 50 x 17% = 15.50; three sevenths off: 15.5 x 4/7 = 8.857142.
    result = calculate(make_input("150.00", ((160,),)))
    assert result.rate_type is RateType.REDUCED
    assert str(result.weekly_amount) == "8.86"


@pytest.mark.parametrize(
    ("income", "nights", "other_children"),
    [
        ("200.00", ((175,),), 0),  # 24 / 2 - 7 = 5.00
        ("250.00", ((175,),), 3),  # 250 x 0.84 x 12% = 25.20; 12.60 - 7 = 5.60
        ("150.00", ((175,),), 0),  # 15.50 / 2 - 7 = 0.75
        ("101.00", ((175,),), 0),  # 7.17 / 2 - 7 is below zero
    ],
)
def test_shared_care_never_takes_the_total_below_seven_pounds(income, nights, other_children):
    result = calculate(make_input(income, nights, other_children=other_children))
    assert str(result.weekly_amount) == "7.00"
    assert (
        "Shared care cannot bring the total below £7.00 a week, so £7.00 a week is due."
        in result.explanation
    )


def test_several_receiving_parents_share_by_children_then_shared_care():
    # £850, 1 other: 850 x 0.89 = 756.50 x 19% (3 children) = 143.735, 47.911666 a child.
    # Receiving parent 1: one child, 47.911666 -> £47.91.
    # Receiving parent 2: 47.911666 + (47.911666 / 2 - 7) = 64.8675 -> £64.87.
    result = calculate(make_input("850.00", ((0,), (200, 0)), other_children=1))
    assert amounts(result) == ["47.91", "64.87"]
    assert str(result.weekly_amount) == "112.78"


def test_a_receiving_parent_share_below_zero_is_zero():
    # £200, 3 children: 38.00, 12.666666 a child; 6.333333 - 7 < 0 for the first parent;
    # the second gets 25.333333 -> £25.33; the total is over £7, so no minimum applies.
    result = calculate(make_input("200.00", ((175,), (0, 0))))
    assert amounts(result) == ["0.00", "25.33"]
    assert str(result.weekly_amount) == "25.33"


def test_minimum_is_apportioned_by_children():
    # £200, 2 children, both 175+: 32.00, 16 a child; 8 - 7 = 1 each, total 2 < 7.
    result = calculate(make_input("200.00", ((175,), (175,))))
    assert amounts(result) == ["3.50", "3.50"]
    # 2 children and 1 child: £7 x 2/3 = 4.666666 and £7 x 1/3 = 2.333333.
    result = calculate(make_input("200.00", ((175, 175), (175,))))
    assert amounts(result) == ["4.67", "2.33"]
    assert str(result.weekly_amount) == "7.00"


def test_pennies_lost_in_rounding_do_not_take_the_minimum_below_seven_pounds():
    # £7 / 3 = 2.333333 each: 2.33 x 3 = 6.99, so the first parent gets the odd penny.
    result = calculate(make_input("200.00", ((175,), (175,), (175,))))
    assert amounts(result) == ["2.34", "2.33", "2.33"]
    assert str(result.weekly_amount) == "7.00"


def test_flat_rate_from_a_benefit_is_nil_for_a_parent_with_52_or_more_nights():
    flat_benefit = Benefit.FLAT_RATE_BENEFIT
    assert str(calculate(make_input(None, ((51,),), benefit=flat_benefit)).weekly_amount) == "7.00"
    result = calculate(make_input(None, ((52,),), benefit=flat_benefit))
    assert result.rate_type is RateType.FLAT
    assert str(result.weekly_amount) == "0.00"
    # Only the receiving parent whose child stays 52+ nights loses their share.
    result = calculate(make_input(None, ((0,), (0, 60)), benefit=flat_benefit))
    assert amounts(result) == ["2.33", "0.00"]


def test_flat_rate_from_low_income_ignores_shared_care():
    result = calculate(make_input("50.00", ((200,),)))
    assert result.rate_type is RateType.FLAT
    assert str(result.weekly_amount) == "7.00"
    assert (
        "Shared care does not change the flat rate when it applies because of low income."
        in result.explanation
    )


def test_flat_rate_is_shared_between_receiving_parents():
    # £7 x 1/3 each = 2.333333: the odd penny goes to the first, so the total stays £7.
    result = calculate(make_input("80.00", ((0,), (0,), (0,))))
    assert amounts(result) == ["2.34", "2.33", "2.33"]
    result = calculate(make_input("80.00", ((0,), (0, 0))))
    assert amounts(result) == ["2.33", "4.67"]


@pytest.mark.parametrize("benefit", [Benefit.NIL_RATE, Benefit.NONE])
def test_nil_rate(benefit):
    income = None if benefit is Benefit.NIL_RATE else "6.99"
    result = calculate(make_input(income, ((0,), (0,)), benefit=benefit))
    assert result.rate_type is RateType.NIL
    assert amounts(result) == ["0.00", "0.00"]


def test_nil_rate_for_low_income_comes_before_a_flat_rate_benefit():
    result = calculate(make_input("5.00", benefit=Benefit.FLAT_RATE_BENEFIT))
    assert result.rate_type is RateType.NIL


def test_flat_rate_benefit_decides_whatever_the_income():
    result = calculate(make_input("900.00", benefit=Benefit.FLAT_RATE_BENEFIT))
    assert result.rate_type is RateType.FLAT
    assert str(result.weekly_amount) == "7.00"


def test_a_fixed_total_is_split_to_add_up_exactly():
    # £7 by 1, 1 and 4 children: 1.1666.., 1.1666.., 4.6666..; rounding each half up would
    # give £7.01, so the shares are 1.16, 1.16, 4.66 plus the two pennies left over, which go
    # to the largest remainders (all equal, so the earlier receiving parents).
    result = calculate(make_input("80.00", ((0,), (0,), (0, 0, 0, 0))))
    assert amounts(result) == ["1.17", "1.17", "4.66"]
    assert str(result.weekly_amount) == "7.00"
    assert (
        "The shares are worked out to the penny so that they add up to exactly £7.00."
        in result.explanation
    )
