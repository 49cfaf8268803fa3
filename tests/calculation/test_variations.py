"""Variations (SI 2012/2677 Part 5) in the engine: vectors worked by hand, and properties."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculation.engine import (
    Benefit,
    InvalidInputError,
    RateType,
    Variation,
    VariationGround,
    calculate,
)
from calculation.explain import STEP_PARAMS, render_for_reader
from calculation.results import CalculationResult
from calculation.variations import THRESHOLD_GROUNDS, VARIATION_THRESHOLDS, thresholds_on

from .helpers import APRIL_2024, amounts, make_input
from .test_properties import calculation_inputs

G = VariationGround
SPECIAL_EXPENSES = [
    G.CONTACT_COSTS,
    G.RELEVANT_OTHER_CHILD_ILLNESS,
    G.PRIOR_DEBTS,
    G.BOARDING_SCHOOL_FEES,
    G.FORMER_FAMILY_HOME,
]
FROM_2024 = date(2024, 1, 1)


def varied(income, *variations, **options):
    """The result for `make_input(income, ...)` with (ground, weekly amount) variations."""
    calculation_input = make_input(income, **options)
    return calculate(
        replace(
            calculation_input,
            variations=tuple(
                Variation(ground, Decimal(amount), FROM_2024) for ground, amount in variations
            ),
        )
    )


def codes(result):
    return [step.code for step in result.steps]


# --- special expenses, reg 68 threshold: £10 a week or less is disregarded -----------------


@pytest.mark.parametrize("ground", sorted(THRESHOLD_GROUNDS))
def test_each_special_expense_ground_at_and_just_over_the_threshold(ground):
    # £300, 1 child: 12% of 300 = £36.00 with no variation.
    at = varied("300.00", (ground, "10.00"))
    assert at.weekly_amount == Decimal("36.00")
    assert "variation_expense_under_threshold" in codes(at)
    # Over the threshold the whole £10.01 comes off: 12% of 289.99 = 34.7988 -> £34.80.
    over = varied("300.00", (ground, "10.01"))
    assert over.weekly_amount == Decimal("34.80")
    assert ("variation_income", Decimal("289.99")) in over.trace


def test_contact_costs_of_fifteen_pounds():
    result = varied("300.00", (G.CONTACT_COSTS, "15.00"))
    assert result.weekly_amount == Decimal("34.20")  # 12% of 285.00
    assert result.explanation[2] == (
        "We took £15.00 a week off your income for the costs of "
        "keeping in contact with your children."
    )
    assert result.explain("cy")[2] == (
        "Gwnaethom dynnu £15.00 yr wythnos oddi ar eich incwm ar "
        "gyfer costau cadw mewn cysylltiad â'ch plant."
    )


def test_the_threshold_applies_to_each_ground_not_to_the_total():
    # £6 + £6 of two grounds: each is under £10, so neither counts.
    assert varied(
        "300.00", (G.CONTACT_COSTS, "6.00"), (G.PRIOR_DEBTS, "6.00")
    ).weekly_amount == Decimal("36.00")
    # £6 + £5 of contact costs is £11 of one ground: 12% of 289.00 = £34.68.
    assert varied(
        "300.00", (G.CONTACT_COSTS, "6.00"), (G.CONTACT_COSTS, "5.00")
    ).weekly_amount == Decimal("34.68")


def test_illness_of_a_relevant_other_child_has_no_threshold():
    assert G.RELEVANT_OTHER_CHILD_ILLNESS not in THRESHOLD_GROUNDS
    # With 1 other child: 300 less 11% = 267, 12% = £32.04 with no variation.
    assert varied("300.00", other_children=1).weekly_amount == Decimal("32.04")
    # £5 counts: 295 less 11% = 262.55, 12% = 31.506 -> £31.51.
    assert varied(
        "300.00", (G.RELEVANT_OTHER_CHILD_ILLNESS, "5.00"), other_children=1
    ).weekly_amount == Decimal("31.51")
    # £10.00 counts: 290 less 11% = 258.10, 12% = 30.972 -> £30.97.
    assert varied(
        "300.00", (G.RELEVANT_OTHER_CHILD_ILLNESS, "10.00"), other_children=1
    ).weekly_amount == Decimal("30.97")


def test_prior_debts_boarding_fees_and_the_former_family_home():
    assert varied("500.00", (G.PRIOR_DEBTS, "20.00")).weekly_amount == Decimal("57.60")
    # 950 for 2 children: 16% of 800 = 128 plus 12% of 150 = 18.
    assert varied(
        "1000.00", (G.BOARDING_SCHOOL_FEES, "50.00"), nights_by_parent=((0, 0),)
    ).weekly_amount == Decimal("146.00")
    # 180 is the reduced rate: 7 + 17% of 80 = £20.60.
    result = varied("220.00", (G.FORMER_FAMILY_HOME, "40.00"))
    assert (result.rate_type, result.weekly_amount) == (RateType.REDUCED, Decimal("20.60"))


def test_special_expenses_can_take_income_to_the_flat_rate_but_not_below_it():
    # 120 - 25 = 95: the flat rate.
    result = varied("120.00", (G.CONTACT_COSTS, "25.00"))
    assert (result.rate_type, result.weekly_amount) == (RateType.FLAT, Decimal("7.00"))
    # Reg 74(1A): 20 - 15 = 5 would be the nil rate; the flat rate applies instead.
    floored = varied("20.00", (G.CONTACT_COSTS, "15.00"))
    assert (floored.rate_type, floored.weekly_amount) == (RateType.FLAT, Decimal("7.00"))
    assert codes(floored)[-4:-2] == ["variation_income", "variation_flat_rate_floor"]
    # Expenses larger than income leave nothing, still the flat rate.
    assert varied("20.00", (G.PRIOR_DEBTS, "50.00")).weekly_amount == Decimal("7.00")
    # Income already under £7: the expense does not decrease anything, so still nil.
    assert varied("5.00", (G.CONTACT_COSTS, "15.00")).rate_type is RateType.NIL


def test_the_flat_rate_floor_is_shared_between_receiving_parents_by_children():
    result = varied("20.00", (G.CONTACT_COSTS, "15.00"), nights_by_parent=((0,), (0, 0)))
    assert amounts(result) == ["2.33", "4.67"]
    assert result.weekly_amount == Decimal("7.00")


# --- reg 72(2): income over the cap -------------------------------------------------------


def test_expenses_come_off_actual_income_above_the_cap():
    # £3,500 less £400 = £3,100, still over the cap: no change, 96 + 9% of 2200 = £294.00.
    assert varied("3500.00").weekly_amount == Decimal("294.00")
    assert varied("3500.00", (G.CONTACT_COSTS, "400.00")).weekly_amount == Decimal("294.00")
    # Exactly at the cap: £3,500 less £500 = £3,000, still £294.00.
    assert varied("3500.00", (G.CONTACT_COSTS, "500.00")).weekly_amount == Decimal("294.00")
    # £3,500 less £600 = £2,900: the capped income falls by only £100 -> 96 + 9% of 2100.
    result = varied("3500.00", (G.CONTACT_COSTS, "600.00"))
    assert result.weekly_amount == Decimal("285.00")
    assert ("variation_income", Decimal("2900.00")) in result.trace
    # Taking the £600 off the capped £3,000 instead would have given 96 + 9% of 1600 = 240.


def test_additional_income_is_capped():
    assert varied("2900.00").weekly_amount == Decimal("285.00")
    result = varied("2900.00", (G.DIVERSION_OF_INCOME, "200.00"))
    assert result.weekly_amount == Decimal("294.00")
    assert codes(result)[4] == "income_capped"


# --- additional income -----------------------------------------------------------------------


def test_unearned_income_at_and_around_two_thousand_five_hundred_pounds_a_year():
    # 47.94 x 365 = 17,498.10 < 2,500 x 7 = 17,500: not counted.
    under = varied("300.00", (G.UNEARNED_INCOME, "47.94"))
    assert under.weekly_amount == Decimal("36.00")
    assert "variation_unearned_under_threshold" in codes(under)
    # 47.95 x 365 = 17,501.75: counted; 12% of 347.95 = 41.754 -> £41.75.
    assert varied("300.00", (G.UNEARNED_INCOME, "47.95")).weekly_amount == Decimal("41.75")


def test_diversion_of_income_has_no_threshold():
    assert varied("300.00", (G.DIVERSION_OF_INCOME, "1.00")).weekly_amount == Decimal("36.12")
    result = varied("300.00", (G.DIVERSION_OF_INCOME, "100.00"))
    assert result.weekly_amount == Decimal("48.00")
    assert result.explanation[2] == (
        "We added £100.00 a week to your income to take account of income you have arranged "
        "to be paid to someone else."
    )


def test_additional_income_can_lift_a_low_income_off_the_flat_rate():
    result = varied("90.00", (G.UNEARNED_INCOME, "60.00"))  # 150: 7 + 17% of 50
    assert (result.rate_type, result.weekly_amount) == (RateType.REDUCED, Decimal("15.50"))


def test_income_while_on_a_flat_rate_benefit_at_and_around_one_hundred_pounds():
    on_benefit = {"benefit": Benefit.FLAT_RATE_BENEFIT}
    under = varied(None, (G.INCOME_WHILE_ON_BENEFIT, "99.99"), **on_benefit)
    assert (under.rate_type, under.weekly_amount) == (RateType.FLAT, Decimal("7.00"))
    assert "variation_income_under_threshold" in codes(under)
    at = varied(None, (G.INCOME_WHILE_ON_BENEFIT, "100.00"), **on_benefit)
    assert (at.rate_type, at.weekly_amount) == (RateType.FLAT, Decimal("7.00"))
    assert "flat_low_income" in codes(at)
    over = varied(None, (G.INCOME_WHILE_ON_BENEFIT, "150.00"), **on_benefit)
    assert (over.rate_type, over.weekly_amount) == (RateType.REDUCED, Decimal("15.50"))


def test_income_while_on_the_nil_rate():
    result = varied(None, (G.INCOME_WHILE_ON_BENEFIT, "300.00"), benefit=Benefit.NIL_RATE)
    assert (result.rate_type, result.weekly_amount) == (RateType.BASIC, Decimal("36.00"))
    assert result.explanation[1].startswith(
        "You have income of £300.00 a week that was not counted"
    )


def test_income_while_on_benefit_replaces_the_benefits_shared_care_rule():
    # On the flat rate because of a benefit, 52+ nights makes the amount nil (Sch 1 para 8);
    # with the reg 70 income, 12% of 300 = 36 less one seventh = 30.857... -> £30.86.
    plain = make_input(None, ((52,),), benefit=Benefit.FLAT_RATE_BENEFIT)
    assert calculate(plain).weekly_amount == Decimal("0.00")
    result = varied(
        None,
        (G.INCOME_WHILE_ON_BENEFIT, "300.00"),
        nights_by_parent=((52,),),
        benefit=Benefit.FLAT_RATE_BENEFIT,
    )
    assert result.weekly_amount == Decimal("30.86")


def test_other_grounds_do_not_change_a_rate_a_benefit_sets():
    result = varied(
        "500.00",
        (G.CONTACT_COSTS, "50.00"),
        (G.UNEARNED_INCOME, "100.00"),
        benefit=Benefit.FLAT_RATE_BENEFIT,
    )
    assert (result.rate_type, result.weekly_amount) == (RateType.FLAT, Decimal("7.00"))
    assert codes(result).count("variation_not_on_benefit") == 2


def test_income_while_on_benefit_needs_a_benefit():
    with pytest.raises(InvalidInputError) as error:
        varied("300.00", (G.INCOME_WHILE_ON_BENEFIT, "150.00"))
    assert error.value.field == "variations[0].ground"


# --- shared care and several receiving parents (reg 74(2)) --------------------------------


def test_variation_then_shared_care_with_several_receiving_parents():
    # £600 less £100 contact costs = £500; 3 children: 19% = £95.00, £31.666... a child.
    # Parent 1: one child in full and one (52 nights) less one seventh:
    # 95 x (1 + 6/7) / 3 = 58.8095... -> £58.81. Parent 2: 95 / 3 = 31.666... -> £31.67.
    result = varied("600.00", (G.CONTACT_COSTS, "100.00"), nights_by_parent=((0, 52), (0,)))
    assert amounts(result) == ["58.81", "31.67"]
    assert result.weekly_amount == Decimal("90.48")


def test_additional_income_with_equal_care_and_the_shared_care_minimum():
    # £150 + £50 diversion = £200, 1 child: 12% = £24.00; 175 nights halves it and takes
    # off £7 more: £5.00, under the £7 shared-care minimum, so £7.00.
    result = varied("150.00", (G.DIVERSION_OF_INCOME, "50.00"), nights_by_parent=((175,),))
    assert result.weekly_amount == Decimal("7.00")
    assert "shared_care_minimum" in codes(result)


# --- dates, snapshots, readers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "counts"),
    [
        (date(2024, 4, 1), None, True),
        (date(2024, 4, 2), None, False),
        (date(2023, 1, 1), date(2024, 3, 31), False),
        (date(2023, 1, 1), date(2024, 4, 1), True),
    ],
)
def test_a_variation_counts_only_on_the_days_it_is_in_force(start, end, counts):
    variation = Variation(G.CONTACT_COSTS, Decimal("15.00"), start, end)
    result = calculate(replace(make_input("300.00"), variations=(variation,)))
    assert result.weekly_amount == (Decimal("34.20") if counts else Decimal("36.00"))


def test_a_variation_must_be_well_formed():
    with pytest.raises(InvalidInputError) as error:
        Variation(G.CONTACT_COSTS, Decimal("0"), FROM_2024)
    assert error.value.field == "weekly_amount"
    with pytest.raises(InvalidInputError) as error:
        Variation(G.CONTACT_COSTS, Decimal("1.001"), FROM_2024)
    assert error.value.field == "weekly_amount"
    with pytest.raises(InvalidInputError) as error:
        Variation(G.CONTACT_COSTS, Decimal("1"), FROM_2024, date(2023, 12, 31))
    assert error.value.field == "in_force_to"
    with pytest.raises(InvalidInputError) as error:
        Variation("holiday", Decimal("1"), FROM_2024)  # type: ignore[arg-type]
    assert error.value.field == "ground"


def test_a_snapshot_keeps_the_variation_steps_in_both_languages():
    result = varied("300.00", (G.CONTACT_COSTS, "15.00"), (G.UNEARNED_INCOME, "60.00"))
    again = CalculationResult.from_dict(result.to_dict())
    assert again.explain("cy") == result.explain("cy")
    assert again.explanation == result.explanation


def test_the_input_round_trips_with_its_variations():
    calculation_input = replace(
        make_input("300.00"),
        variations=(Variation(G.PRIOR_DEBTS, Decimal("12.50"), FROM_2024, date(2025, 1, 1)),),
    )
    assert type(calculation_input).from_dict(calculation_input.to_dict()) == calculation_input
    assert "variations" not in make_input("300.00").to_dict()


def test_a_receiving_parent_reads_the_variation_about_the_paying_parent():
    result = varied("300.00", (G.CONTACT_COSTS, "15.00"))
    english = render_for_reader(result.steps, "en", reader_parent=1)
    assert english[2] == (
        "We took £15.00 a week off the paying parent's income for the costs "
        "of keeping in contact with the children."
    )
    welsh = render_for_reader(result.steps, "cy", reader_parent=1)
    assert welsh[2] == (
        "Gwnaethom dynnu £15.00 yr wythnos oddi ar incwm y rhiant sy'n talu ar "
        "gyfer costau cadw mewn cysylltiad â'r plant."
    )
    paying = render_for_reader(result.steps, "en")
    assert paying[2] == result.explanation[2]


def test_every_ground_is_worded_for_both_readers_in_both_languages():
    for ground in G:
        if ground is G.INCOME_WHILE_ON_BENEFIT:
            result = varied(None, (ground, "150.00"), benefit=Benefit.NIL_RATE)
        else:
            result = varied("300.00", (ground, "60.00"))
        for language in ("en", "cy"):
            for reader in (None, 1):
                lines = render_for_reader(result.steps, language, reader_parent=reader)
                assert "{" not in "".join(lines)
                assert len(set(lines)) == len(lines)


def test_the_figures_come_from_the_dated_table():
    thresholds = thresholds_on(APRIL_2024)
    assert thresholds is VARIATION_THRESHOLDS.on(date(2013, 11, 25))
    assert (
        thresholds.special_expenses_weekly,
        thresholds.unearned_income_yearly,
        thresholds.income_while_on_benefit_weekly,
    ) == (Decimal("10.00"), Decimal("2500.00"), Decimal("100.00"))


# --- properties -------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)
money = st.integers(min_value=1, max_value=500_000).map(lambda pence: Decimal(pence) / 100)


def _with(calculation_input, *variations):
    return replace(
        calculation_input,
        variations=tuple(
            Variation(ground, amount, calculation_input.effective_date)
            for ground, amount in variations
        ),
    )


@PROPERTY_SETTINGS
@given(calculation_inputs(), st.sampled_from(SPECIAL_EXPENSES), money)
def test_a_special_expense_never_raises_the_amount(calculation_input, ground, amount):
    before = calculate(calculation_input)
    after = calculate(_with(calculation_input, (ground, amount)))
    assert after.weekly_amount <= before.weekly_amount


@PROPERTY_SETTINGS
@given(
    calculation_inputs(),
    st.sampled_from([G.UNEARNED_INCOME, G.DIVERSION_OF_INCOME, G.INCOME_WHILE_ON_BENEFIT]),
    money,
)
def test_additional_income_never_lowers_the_amount(calculation_input, ground, amount):
    if ground is G.INCOME_WHILE_ON_BENEFIT and calculation_input.benefit is Benefit.NONE:
        ground = G.DIVERSION_OF_INCOME
    before = calculate(calculation_input)
    after = calculate(_with(calculation_input, (ground, amount)))
    assert after.weekly_amount >= before.weekly_amount


@PROPERTY_SETTINGS
@given(calculation_inputs(benefit=Benefit.NONE), st.sampled_from(sorted(THRESHOLD_GROUNDS)))
def test_the_special_expenses_threshold_is_exact(calculation_input, ground):
    threshold = thresholds_on(calculation_input.effective_date).special_expenses_weekly
    income = calculation_input.gross_weekly_income
    at = calculate(_with(calculation_input, (ground, threshold)))
    assert at.weekly_amount == calculate(calculation_input).weekly_amount
    over = threshold + Decimal("0.01")
    if income - over >= Decimal("7.00"):  # above the reg 74(1A) floor
        direct = replace(calculation_input, gross_weekly_income=income - over)
        assert (
            calculate(_with(calculation_input, (ground, over))).parent_amounts
            == calculate(direct).parent_amounts
        )


@PROPERTY_SETTINGS
@given(calculation_inputs(benefit=Benefit.NONE), money)
def test_unearned_income_counts_exactly_from_two_thousand_five_hundred_a_year(
    calculation_input, amount
):
    thresholds = thresholds_on(calculation_input.effective_date)
    counts = amount * thresholds.days_in_year >= thresholds.unearned_income_yearly * 7
    result = calculate(_with(calculation_input, (G.UNEARNED_INCOME, amount)))
    expected = replace(
        calculation_input, gross_weekly_income=calculation_input.gross_weekly_income + amount
    )
    assert (
        result.parent_amounts == calculate(expected if counts else calculation_input).parent_amounts
    )


@PROPERTY_SETTINGS
@given(
    calculation_inputs(benefit=Benefit.NONE),
    money,
    st.integers(min_value=1, max_value=400_000).map(lambda pence: Decimal(pence) / 100),
)
def test_reg_72_2_above_the_cap(calculation_input, over_cap, expense):
    cap = Decimal("3000.00")
    actual = cap + over_cap
    expense = expense + Decimal("10.01")  # over the threshold
    calculation_input = replace(calculation_input, gross_weekly_income=actual)
    result = calculate(_with(calculation_input, (G.CONTACT_COSTS, expense)))
    # (a) expenses off actual income; (b) how far that is below the cap; (c) off the cap.
    below_cap = max(Decimal(0), cap - (actual - expense))
    taken_into_account = cap - below_cap
    if taken_into_account >= Decimal("7.00"):
        direct = replace(calculation_input, gross_weekly_income=taken_into_account)
        assert result.parent_amounts == calculate(direct).parent_amounts
    assert result.weekly_amount <= calculate(calculation_input).weekly_amount


def test_every_variation_step_reads_in_both_languages_for_both_readers():
    results = [
        varied("300.00", (G.CONTACT_COSTS, "5.00"), (G.UNEARNED_INCOME, "10.00")),
        varied("20.00", (G.CONTACT_COSTS, "15.00"), (G.DIVERSION_OF_INCOME, "1.00")),
        varied(None, (G.INCOME_WHILE_ON_BENEFIT, "50.00"), benefit=Benefit.NIL_RATE),
        varied(None, (G.INCOME_WHILE_ON_BENEFIT, "150.00"), benefit=Benefit.NIL_RATE),
        varied(None, (G.PRIOR_DEBTS, "50.00"), benefit=Benefit.NIL_RATE),
    ]
    seen = {step.code for result in results for step in result.steps}
    assert {code for code in STEP_PARAMS if code.startswith("variation_")} <= seen
    for result in results:
        english = render_for_reader(result.steps, "en", reader_parent=1)
        welsh = render_for_reader(result.steps, "cy", reader_parent=1)
        assert len(english) == len(welsh) == len(result.explain("cy"))
        assert not any("your income" in line for line in english)
    nil = results[4]
    assert nil.weekly_amount == Decimal("0.00")
    assert nil.explanation[1] == (
        "While your benefit or circumstances set your rate, a variation for debts from when "
        "you and the other parent were together does not change it."
    )


def test_an_empty_list_of_variations_is_no_variations():
    calculation_input = replace(make_input("300.00"), variations=[])  # type: ignore[arg-type]
    assert calculation_input.variations == ()
    assert calculate(calculation_input).trace == calculate(make_input("300.00")).trace
