"""Every income band boundary for 1-4 qualifying children and 0-4 relevant other children.

The expected amounts are worked out by hand from docs/rules.md §1 (not by the engine), e.g.
£199.99, 2 children, 1 other: 7 + 99.99 x 21.2% = 28.19788 -> £28.20;
£3,000, 3 children, 1 other: 3000 x 0.89 = 2670; 800 x 19% + 1870 x 15% = £432.50.
"""

from decimal import Decimal

import pytest

from calculation.engine import RateType, calculate

from .helpers import amounts, make_input

# EXPECTED[income][children - 1][other children] (other children 0, 1, 2, 3, 4).
EXPECTED = {
    "6.99": (("0.00",) * 5,) * 4,
    "7.00": (("7.00",) * 5,) * 4,
    "100.00": (("7.00",) * 5,) * 4,
    # 7 + 0.01 x T is at most 7.0031, which rounds to £7.00.
    "100.01": (("7.00",) * 5,) * 4,
    "199.99": (
        ("24.00", "21.10", "20.20", "19.40", "19.40"),
        ("32.00", "28.20", "26.90", "25.90", "25.90"),
        ("38.00", "33.40", "31.90", "30.80", "30.80"),
        ("38.00", "33.40", "31.90", "30.80", "30.80"),
    ),
    "200.00": (
        ("24.00", "21.36", "20.64", "20.16", "20.16"),
        ("32.00", "28.48", "27.52", "26.88", "26.88"),
        ("38.00", "33.82", "32.68", "31.92", "31.92"),
        ("38.00", "33.82", "32.68", "31.92", "31.92"),
    ),
    "800.00": (
        ("96.00", "85.44", "82.56", "80.64", "80.64"),
        ("128.00", "113.92", "110.08", "107.52", "107.52"),
        ("152.00", "135.28", "130.72", "127.68", "127.68"),
        ("152.00", "135.28", "130.72", "127.68", "127.68"),
    ),
    # The penny over £800 adds at most 0.0015, so the amounts round as at £800.
    "800.01": (
        ("96.00", "85.44", "82.56", "80.64", "80.64"),
        ("128.00", "113.92", "110.08", "107.52", "107.52"),
        ("152.00", "135.28", "130.72", "127.68", "127.68"),
        ("152.00", "135.28", "130.72", "127.68", "127.68"),
    ),
    "3000.00": (
        ("294.00", "264.30", "256.20", "250.80", "250.80"),
        ("392.00", "352.40", "341.60", "334.40", "334.40"),
        ("482.00", "432.50", "419.00", "410.00", "410.00"),
        ("482.00", "432.50", "419.00", "410.00", "410.00"),
    ),
    # Income over £3,000 a week is not counted.
    "3000.01": (
        ("294.00", "264.30", "256.20", "250.80", "250.80"),
        ("392.00", "352.40", "341.60", "334.40", "334.40"),
        ("482.00", "432.50", "419.00", "410.00", "410.00"),
        ("482.00", "432.50", "419.00", "410.00", "410.00"),
    ),
}


def expected_rate_type(income, other_children):
    if income == "6.99":
        return RateType.NIL
    if income in ("7.00", "100.00"):
        return RateType.FLAT
    if income in ("100.01", "199.99"):
        return RateType.REDUCED
    if income in ("200.00", "800.00"):
        return RateType.BASIC
    if income == "800.01":
        # The second tier is keyed on income after the other-children reduction.
        return RateType.BASIC_PLUS if other_children == 0 else RateType.BASIC
    return RateType.BASIC_PLUS


CASES = [
    (income, children, other)
    for income in EXPECTED
    for children in (1, 2, 3, 4)
    for other in (0, 1, 2, 3, 4)
]


@pytest.mark.parametrize(("income", "children", "other_children"), CASES)
def test_band_boundary(income, children, other_children):
    result = calculate(make_input(income, ((0,) * children,), other_children=other_children))
    expected = EXPECTED[income][children - 1][other_children]
    assert str(result.weekly_amount) == expected
    assert amounts(result) == [expected]
    assert result.rate_type is expected_rate_type(income, other_children)


@pytest.mark.parametrize(
    ("income", "children", "expected"),
    [
        # Children split across receiving parents still pick the rate by the total number.
        ("199.99", ((0,), (0,)), ["16.00", "16.00"]),
        ("3000.00", ((0,), (0, 0)), ["160.67", "321.33"]),
        ("200.00", ((0,), (0,), (0,), (0,)), ["9.50", "9.50", "9.50", "9.50"]),
    ],
)
def test_rate_follows_total_children_across_receiving_parents(income, children, expected):
    result = calculate(make_input(income, children))
    assert amounts(result) == expected
    assert result.weekly_amount == sum(map(Decimal, expected))


def test_basic_plus_split_is_on_income_after_other_children_reduction():
    # £1,000, 1 child, 2 others: 1000 x 0.86 = 860; 800 x 12% + 60 x 9% = 96 + 5.40.
    result = calculate(make_input("1000.00", other_children=2))
    assert result.rate_type is RateType.BASIC_PLUS
    assert str(result.weekly_amount) == "101.40"
    # £900, 1 child, 1 other: 900 x 0.89 = 801.00; 96 + 1 x 9% = 96.09.
    assert str(calculate(make_input("900.00", other_children=1)).weekly_amount) == "96.09"
    # £898, 1 child, 1 other: 898 x 0.89 = 799.22 x 12% = 95.9064 -> basic.
    result = calculate(make_input("898.00", other_children=1))
    assert result.rate_type is RateType.BASIC
    assert str(result.weekly_amount) == "95.91"
