"""Statutory vectors: expected figures worked out by hand from the law, not from the engine.

Sources (the Act is the Child Support Act 1991; the 2012 Regulations are SI 2012/2677):
- Sch 1 para 2(1), (2) as substituted by the Child Maintenance and Other Payments Act 2008
  Sch 4 para 3: basic rate 12% / 16% / 19% (1 / 2 / 3+ qualifying children) of gross
  weekly income up to £800, and 9% / 12% / 15% of the remainder.
- Sch 1 para 2(3), with the percentages substituted by SI 2012/2678 reg 2: income treated as
  reduced by 11% / 14% / 16% for 1 / 2 / 3+ relevant other children, for both (1) and (2).
- Sch 1 para 3(1)(b): the reduced rate when gross weekly income is more than £100 and less
  than £200; the 2012 Regulations reg 43 as substituted by SI 2013/1654 reg 5(2): F + (A x T),
  A the income between £100 and £200, T 17.0 / 14.1 / 13.2 / 12.4 (1 child), 25.0 / 21.2 /
  19.9 / 18.9 (2), 31.0 / 26.4 / 24.9 / 23.8 (3+) for 0 / 1 / 2 / 3+ other children. The
  other children choose T; they do not reduce the income on this rate.
- Sch 1 para 4(1): flat rate £7 (from £5 by the 2008 Act Sch 4 para 4, see SI 2013/1654)
  when the nil rate does not apply and income is £100 or less, or a prescribed benefit
  (reg 44) is received.
- Sch 1 para 5: nil rate for income below £7 or a prescribed person (reg 45).
- Sch 1 para 6: several persons with care; each gets the portion of the rate that their
  number of qualifying children bears to the total.
- Sch 1 para 7: shared care on the basic and reduced rates; 52-103 nights 1/7, 104-155 2/7,
  156-174 3/7, 175+ 1/2 (para 7(4)); several children: the sum of the fractions divided by
  the number of children (7(5)); a further £7 for each child at one half (7(6)); never below
  £7 in total, then £7 apportioned under para 6 (7(7)).
- Sch 1 para 8: on the flat rate because of a benefit, 52+ nights makes the amount to that
  person with care nil. A flat rate because income is £100 or less is not reduced (paras 7
  and 8 do not apply to it).
- Sch 1 para 10(3): income over £3,000 a week is ignored (the cap), before para 2(3).
- Rounding: the 2012 Regulations reg 6 ("Rounding"), read as in its predecessors (SI
  1992/1815 reg 2(2); NI SR 2001/18 reg 2(2)): a fraction of a penny of one half or more
  counts as a penny, less is disregarded (half up). The vectors avoid cases where rounding each
  intermediate step rather than the final share would change the answer, except where noted.
- Collection fees: Child Support Fees Regulations 2014 (SI 2014/612) reg 7 (20% added to
  the amount the paying parent pays, 4% taken from the amount passed on).
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculation.engine import Benefit, RateType, ServiceType, calculate

from .helpers import make_input

NIL, FLAT, REDUCED = RateType.NIL, RateType.FLAT, RateType.REDUCED
BASIC, PLUS = RateType.BASIC, RateType.BASIC_PLUS
ONE = ((0,),)  # one receiving parent, one child, no shared care
TWO = ((0, 0),)
THREE = ((0, 0, 0),)
FOUR = ((0, 0, 0, 0),)


def _one_child(nights):
    return ((nights,),)


# (id, income, nights_by_parent, other_children, benefit, rate, parent_amounts)
# parent_amounts: each receiving parent's weekly amount; the total is their sum.
VECTORS = [
    # --- nil and flat rate edges (Sch 1 paras 4(1)(a) and 5(b)) ---
    ("income-0-nil", "0.00", ONE, 0, Benefit.NONE, NIL, ["0.00"]),
    ("income-6.99-nil", "6.99", ONE, 0, Benefit.NONE, NIL, ["0.00"]),  # below £7: para 5(b)
    ("income-7-flat", "7.00", ONE, 0, Benefit.NONE, FLAT, ["7.00"]),  # not below £7
    ("income-100-flat", "100.00", ONE, 0, Benefit.NONE, FLAT, ["7.00"]),  # "£100 or less"
    ("income-100-flat-4-children", "100.00", FOUR, 3, Benefit.NONE, FLAT, ["7.00"]),
    # --- reduced rate, reg 43: 7 + (income - 100) x T ---
    # 7 + 0.01 x 17% = 7.0017 -> 7.00
    ("income-100.01-reduced", "100.01", ONE, 0, Benefit.NONE, REDUCED, ["7.00"]),
    # 7 + 0.50 x 17% = 7.085 -> 7.09 (half a penny rounds up, reg 6)
    ("income-100.50-half-penny-up", "100.50", ONE, 0, Benefit.NONE, REDUCED, ["7.09"]),
    ("income-150-1-child", "150.00", ONE, 0, Benefit.NONE, REDUCED, ["15.50"]),  # 7+50x17%
    ("income-150-1-child-1-other", "150.00", ONE, 1, Benefit.NONE, REDUCED, ["14.05"]),  # 14.1%
    ("income-150-1-child-2-other", "150.00", ONE, 2, Benefit.NONE, REDUCED, ["13.60"]),  # 13.2%
    ("income-150-1-child-3-other", "150.00", ONE, 3, Benefit.NONE, REDUCED, ["13.20"]),  # 12.4%
    ("income-150-2-children", "150.00", TWO, 0, Benefit.NONE, REDUCED, ["19.50"]),  # 25%
    ("income-150-2-children-1-other", "150.00", TWO, 1, Benefit.NONE, REDUCED, ["17.60"]),
    ("income-150-2-children-2-other", "150.00", TWO, 2, Benefit.NONE, REDUCED, ["16.95"]),
    ("income-150-3-children", "150.00", THREE, 0, Benefit.NONE, REDUCED, ["22.50"]),  # 31%
    ("income-150-3-children-1-other", "150.00", THREE, 1, Benefit.NONE, REDUCED, ["20.20"]),
    ("income-150-3-children-2-other", "150.00", THREE, 2, Benefit.NONE, REDUCED, ["19.45"]),
    # 4 children, 4 other children: "3 or more" of each, T = 23.8%: 7 + 11.90
    ("income-150-4-children-4-other", "150.00", FOUR, 4, Benefit.NONE, REDUCED, ["18.90"]),
    # 7 + 99.99 x 17% = 23.9983 -> 24.00
    ("income-199.99-reduced", "199.99", ONE, 0, Benefit.NONE, REDUCED, ["24.00"]),
    # 7 + 99.99 x 14.1% = 21.09859 -> 21.10; the other child does not reduce income here
    ("income-199.99-1-other", "199.99", ONE, 1, Benefit.NONE, REDUCED, ["21.10"]),
    # --- basic rate edges, para 2 ---
    ("income-200-basic", "200.00", ONE, 0, Benefit.NONE, BASIC, ["24.00"]),  # not < £200
    # para 3 tests gross income (200, not reduced rate); para 2(3): 178 x 12% = 21.36
    ("income-200-1-other-basic", "200.00", ONE, 1, Benefit.NONE, BASIC, ["21.36"]),
    ("income-200.01-basic", "200.01", ONE, 0, Benefit.NONE, BASIC, ["24.00"]),  # 24.0012
    ("income-333.33-rounds-up", "333.33", ONE, 0, Benefit.NONE, BASIC, ["40.00"]),  # 39.9996
    # 300.50 x 19% = 57.095 exactly -> 57.10 (half up)
    ("income-300.50-3-children-half-up", "300.50", THREE, 0, Benefit.NONE, BASIC, ["57.10"]),
    ("income-500-1-other", "500.00", ONE, 1, Benefit.NONE, BASIC, ["53.40"]),  # 445 x 12%
    ("income-500-2-other", "500.00", ONE, 2, Benefit.NONE, BASIC, ["51.60"]),  # 430 x 12%
    ("income-500-3-other", "500.00", ONE, 3, Benefit.NONE, BASIC, ["50.40"]),  # 420 x 12%
    ("income-500-4-other", "500.00", ONE, 4, Benefit.NONE, BASIC, ["50.40"]),  # "3 or more"
    ("income-800-1-child", "800.00", ONE, 0, Benefit.NONE, BASIC, ["96.00"]),
    ("income-800-2-children", "800.00", TWO, 0, Benefit.NONE, BASIC, ["128.00"]),
    # 96 + 0.01 x 9% = 96.0009 -> 96.00, the 9% now applies (para 2(2))
    ("income-800.01-basic-plus", "800.01", ONE, 0, Benefit.NONE, PLUS, ["96.00"]),
    # 898 x 0.89 = 799.22 (under £800) x 16% = 127.8752 -> 127.88
    ("income-898-2-children-1-other", "898.00", TWO, 1, Benefit.NONE, BASIC, ["127.88"]),
    # 900 x 0.89 = 801 (over £800): 128 + 1 x 12% = 128.12
    ("income-900-2-children-1-other", "900.00", TWO, 1, Benefit.NONE, PLUS, ["128.12"]),
    ("income-1000-3-children", "1000.00", THREE, 0, Benefit.NONE, PLUS, ["182.00"]),  # 152+30
    ("income-1000-4-children", "1000.00", FOUR, 0, Benefit.NONE, PLUS, ["182.00"]),  # 3 or more
    # --- the cap, para 10(3) ---
    ("income-3000-1-child", "3000.00", ONE, 0, Benefit.NONE, PLUS, ["294.00"]),  # 96 + 198
    ("income-3000-2-children", "3000.00", TWO, 0, Benefit.NONE, PLUS, ["392.00"]),  # 128 + 264
    ("income-3000-3-children", "3000.00", THREE, 0, Benefit.NONE, PLUS, ["482.00"]),  # 152 + 330
    ("income-3000.01-capped", "3000.01", ONE, 0, Benefit.NONE, PLUS, ["294.00"]),
    ("income-5000-capped", "5000.00", ONE, 0, Benefit.NONE, PLUS, ["294.00"]),
    # cap before the other-children reduction: 3000 x 0.89 = 2670; 96 + 1870 x 9% = 264.30
    ("income-3000-1-other", "3000.00", ONE, 1, Benefit.NONE, PLUS, ["264.30"]),
    # 4000 -> 3000 x 0.86 = 2580; 152 + 1780 x 15% = 419.00
    ("income-4000-3-children-2-other", "4000.00", THREE, 2, Benefit.NONE, PLUS, ["419.00"]),
    # --- shared care, para 7, one child at £700 (84.00 a week) ---
    ("nights-51", "700.00", _one_child(51), 0, Benefit.NONE, BASIC, ["84.00"]),
    ("nights-52", "700.00", _one_child(52), 0, Benefit.NONE, BASIC, ["72.00"]),  # 84 x 6/7
    ("nights-103", "700.00", _one_child(103), 0, Benefit.NONE, BASIC, ["72.00"]),
    ("nights-104", "700.00", _one_child(104), 0, Benefit.NONE, BASIC, ["60.00"]),  # 84 x 5/7
    ("nights-155", "700.00", _one_child(155), 0, Benefit.NONE, BASIC, ["60.00"]),
    ("nights-156", "700.00", _one_child(156), 0, Benefit.NONE, BASIC, ["48.00"]),  # 84 x 4/7
    ("nights-174", "700.00", _one_child(174), 0, Benefit.NONE, BASIC, ["48.00"]),
    ("nights-175", "700.00", _one_child(175), 0, Benefit.NONE, BASIC, ["35.00"]),  # 42 - 7
    ("nights-365", "700.00", _one_child(365), 0, Benefit.NONE, BASIC, ["35.00"]),
    # 2 children, 52 and 175 nights: (1/7 + 1/2) / 2 = 9/28 off 112 = 76, less £7 = 69
    ("nights-52-and-175", "700.00", ((52, 175),), 0, Benefit.NONE, BASIC, ["69.00"]),
    # 300 x 12% = 36; 18 - 7 = 11
    ("nights-175-income-300", "300.00", _one_child(175), 0, Benefit.NONE, BASIC, ["11.00"]),
    # 24 / 2 - 7 = 5, under £7: para 7(7) gives £7
    ("nights-175-floor", "200.00", _one_child(175), 0, Benefit.NONE, BASIC, ["7.00"]),
    # 400 x 16% = 64; 32 - 14 = 18
    ("nights-175-two-children", "400.00", ((175, 200),), 0, Benefit.NONE, BASIC, ["18.00"]),
    # 250 x 16% = 40; 20 - 14 = 6 -> £7
    ("nights-175-two-floor", "250.00", ((175, 175),), 0, Benefit.NONE, BASIC, ["7.00"]),
    # reduced rate is shared too: 15.50 x 6/7 = 13.2857 -> 13.29
    ("reduced-nights-52", "150.00", _one_child(52), 0, Benefit.NONE, REDUCED, ["13.29"]),
    # 500 x 12% = 60 x 6/7 = 51.428571 -> 51.43
    ("sevenths-round", "500.00", _one_child(60), 0, Benefit.NONE, BASIC, ["51.43"]),
    # RULES.md worked check: 850 x 0.89 = 756.50 x 16% = 121.04 x 4/7 = 69.1657 -> 69.17
    ("worked-850", "850.00", ((156, 174),), 1, Benefit.NONE, BASIC, ["69.17"]),
    # --- flat rate and shared care, para 8 ---
    ("benefit-flat", None, ONE, 0, Benefit.FLAT_RATE_BENEFIT, FLAT, ["7.00"]),
    # a benefit sets the flat rate whatever the income (para 4(1)(b))
    ("benefit-flat-income-500", "500.00", ONE, 0, Benefit.FLAT_RATE_BENEFIT, FLAT, ["7.00"]),
    ("benefit-flat-51-nights", None, _one_child(51), 0, Benefit.FLAT_RATE_BENEFIT, FLAT, ["7.00"]),
    ("benefit-flat-52-nights", None, _one_child(52), 0, Benefit.FLAT_RATE_BENEFIT, FLAT, ["0.00"]),
    # flat because income is £100 or less: shared care is not taken into account
    ("low-income-flat-200-nights", "50.00", _one_child(200), 0, Benefit.NONE, FLAT, ["7.00"]),
    # nil rate: a prescribed person (para 5(a), reg 45)
    ("nil-prescribed", None, TWO, 0, Benefit.NIL_RATE, NIL, ["0.00"]),
    # nil rate beats a flat-rate benefit: "if the nil rate does not apply" (para 4(1))
    ("benefit-income-5-nil", "5.00", ONE, 0, Benefit.FLAT_RATE_BENEFIT, NIL, ["0.00"]),
    # --- several receiving parents, para 6 ---
    # 500 x 19% = 95: 95 x 1/3 = 31.67, 95 x 2/3 = 63.33
    ("two-parents-1-and-2", "500.00", ((0,), (0, 0)), 0, Benefit.NONE, BASIC, ["31.67", "63.33"]),
    # 600 x 16% = 96, 48 each; 104 nights: 48 x 5/7 = 34.2857 -> 34.29
    (
        "two-parents-one-shared",
        "600.00",
        ((104,), (0,)),
        0,
        Benefit.NONE,
        BASIC,
        ["34.29", "48.00"],
    ),
    # 700 x 19% = 133, 33.25 a child; A (1 child, 52 nights) 33.25 x 6/7 = 28.50; B 99.75
    (
        "two-parents-1-and-3",
        "700.00",
        ((52,), (0, 0, 0)),
        0,
        Benefit.NONE,
        BASIC,
        ["28.50", "99.75"],
    ),
    # 200 x 16% = 32, 16 each; both 175 nights: 8 - 7 = 1 each, total 2 < 7: £7 split 1:1
    ("two-parents-floor", "200.00", ((175,), (175,)), 0, Benefit.NONE, BASIC, ["3.50", "3.50"]),
    # 150, 2 children: 19.50, 9.75 each; A 175 nights: 4.875 - 7 is below nothing: 0;
    # total 9.75 is not under £7, so 7(7) does not apply
    (
        "two-parents-share-to-nil",
        "150.00",
        ((175,), (0,)),
        0,
        Benefit.NONE,
        REDUCED,
        ["0.00", "9.75"],
    ),
    # flat by income, 1 + 2 children: 7 x 1/3 = 2.33, 7 x 2/3 = 4.67
    ("two-parents-flat-1-and-2", "80.00", ((0,), (0, 0)), 0, Benefit.NONE, FLAT, ["2.33", "4.67"]),
    # flat by income with shared care: not reduced
    (
        "two-parents-flat-income-shared",
        "80.00",
        ((200,), (0,)),
        0,
        Benefit.NONE,
        FLAT,
        ["3.50", "3.50"],
    ),
    # flat by benefit: the parent whose child has 52+ nights gets nil (para 8(2))
    (
        "two-parents-benefit-shared",
        None,
        ((52, 0), (0,)),
        0,
        Benefit.FLAT_RATE_BENEFIT,
        FLAT,
        ["0.00", "2.33"],
    ),
]


@pytest.mark.parametrize(
    ("income", "nights", "other_children", "benefit", "rate", "expected"),
    [pytest.param(*vector[1:], id=vector[0]) for vector in VECTORS],
)
def test_statutory_vector(income, nights, other_children, benefit, rate, expected):
    result = calculate(make_input(income, nights, other_children=other_children, benefit=benefit))
    assert [str(amount) for amount in result.parent_amounts] == expected
    assert result.weekly_amount == sum((Decimal(amount) for amount in expected), Decimal("0"))
    assert result.rate_type is rate


def test_flat_rate_split_three_ways_adds_up_to_seven_pounds():
    # 7 / 3 = 2.333...: each share is 2.33 or 2.34 and together they are exactly £7
    # (para 6 apportions the £7 rate; which share takes the odd penny is not in the Act).
    result = calculate(make_input("50.00", ((0,), (0,), (0,))))
    assert result.weekly_amount == Decimal("7.00")
    assert sorted(result.parent_amounts) == [Decimal("2.33"), Decimal("2.33"), Decimal("2.34")]


def test_collection_fees_20_and_4_percent():
    # 700 x 12% = 84.00 a week, 12.00 a day. 20% = 2.40 a day, 16.80 a week added; 4% =
    # 3.36 taken (SI 2014/612 reg 7). A weekly amount that divides by 7 gives the same fee
    # whether the 20% is worked out a day at a time (as the Northern Ireland copy of the
    # regulation, SR 2014/182 reg 3(2), words it) or on the week.
    result = calculate(make_input("700.00", service=ServiceType.COLLECT_AND_PAY))
    fees = result.collection_fees
    assert fees.paying_parent_weekly_fee == Decimal("16.80")
    assert fees.paying_parent_weekly_total == Decimal("100.80")
    assert fees.receiving_parent_weekly_fee == Decimal("3.36")
    assert fees.receiving_parent_weekly_net == Decimal("80.64")


def test_direct_pay_has_no_collection_fees():
    assert calculate(make_input("300.00")).collection_fees is None


def test_scheme_figures_today_are_those_from_25_november_2013():
    # The £7 flat rate and the reg 43 table (SI 2013/1654) are in force from 25 Nov 2013.
    early = calculate(make_input("150.00", on=date(2013, 11, 25)))
    assert early.weekly_amount == Decimal("15.50")


# --- the Schedule written out once more, independently, with exact fractions ---------------
# Every input the engine takes (no variations) against Sch 1 paras 2 to 10 and reg 43 read
# directly: the engine's rates and shared-care tables are not used here.

_T = {
    1: (Fraction(170, 1000), Fraction(141, 1000), Fraction(132, 1000), Fraction(124, 1000)),
    2: (Fraction(250, 1000), Fraction(212, 1000), Fraction(199, 1000), Fraction(189, 1000)),
    3: (Fraction(310, 1000), Fraction(264, 1000), Fraction(249, 1000), Fraction(238, 1000)),
}
_OTHER = (Fraction(0), Fraction(11, 100), Fraction(14, 100), Fraction(16, 100))
_FIRST_TIER = {1: Fraction(12, 100), 2: Fraction(16, 100), 3: Fraction(19, 100)}
_SECOND_TIER = {1: Fraction(9, 100), 2: Fraction(12, 100), 3: Fraction(15, 100)}


def _decrease(nights):  # para 7(4)
    for fewest, fraction in ((175, Fraction(1, 2)), (156, Fraction(3, 7)), (104, Fraction(2, 7))):
        if nights >= fewest:
            return fraction
    return Fraction(1, 7) if nights >= 52 else Fraction(0)


def _schedule(income, parents, other_children, benefit):
    """Each person with care's exact weekly amount, and whether it is a fixed £7 shared."""
    children = sum(len(p) for p in parents)
    portions = [Fraction(7 * len(p), children) for p in parents]  # para 6 on £7
    if benefit is Benefit.NIL_RATE or (income is not None and income < 7):  # para 5
        return [Fraction(0)] * len(parents), False
    if benefit is Benefit.FLAT_RATE_BENEFIT:  # paras 4(1)(b), 8
        return [
            Fraction(0) if any(n >= 52 for n in p) else s for p, s in zip(parents, portions)
        ], True
    if income <= 100:  # para 4(1)(a); paras 7 and 8 do not apply
        return portions, True
    income = min(income, Fraction(3000))  # para 10(3)
    qualifying, others = min(children, 3), min(other_children, 3)
    if income < 200:  # para 3, reg 43
        amount = 7 + (income - 100) * _T[qualifying][others]
    else:  # para 2
        income *= 1 - _OTHER[others]
        first = min(income, Fraction(800))
        amount = first * _FIRST_TIER[qualifying] + (income - first) * _SECOND_TIER[qualifying]
    shares = []
    for p in parents:  # paras 6 and 7(5), (6)
        share = sum(amount / children * (1 - _decrease(n)) for n in p)
        share -= 7 * sum(1 for n in p if n >= 175)
        shares.append(max(share, Fraction(0)))
    if any(n >= 52 for p in parents for n in p) and sum(shares) < 7:  # para 7(7)
        return portions, True
    return shares, False


def _half_up(value):
    pennies = value * 100
    whole = pennies.numerator // pennies.denominator
    return Decimal(whole + (1 if pennies - whole >= Fraction(1, 2) else 0)).scaleb(-2)


@settings(max_examples=300, deadline=None)
@given(
    pence=st.one_of(
        st.integers(min_value=0, max_value=400_000),
        st.sampled_from([0, 699, 700, 10000, 10001, 19999, 20000, 80000, 80001, 300000, 300001]),
    ),
    parents=st.lists(
        st.lists(
            st.one_of(
                st.integers(min_value=0, max_value=365),
                st.sampled_from([51, 52, 103, 104, 155, 156, 174, 175]),
            ),
            min_size=1,
            max_size=4,
        ),
        min_size=1,
        max_size=3,
    ),
    other_children=st.integers(min_value=0, max_value=5),
    benefit=st.sampled_from(list(Benefit)),
)
def test_engine_agrees_with_the_schedule_read_directly(pence, parents, other_children, benefit):
    income = Decimal(pence).scaleb(-2)
    result = calculate(make_input(income, parents, other_children=other_children, benefit=benefit))
    exact, fixed = _schedule(Fraction(pence, 100), parents, other_children, benefit)
    expected = [_half_up(share) for share in exact]
    if fixed:
        # A fixed £7 shared between persons with care: each share is within a penny of its
        # exact portion and, where all are due, they add up to exactly £7.
        assert all(
            abs(Fraction(str(got)) - share) < Fraction(1, 100)
            for got, share in zip(result.parent_amounts, exact)
        )
        if all(exact):
            assert result.weekly_amount == Decimal("7.00")
    else:
        assert list(result.parent_amounts) == expected
    assert result.weekly_amount == sum(result.parent_amounts, Decimal("0"))
