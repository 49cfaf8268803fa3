"""Properties that hold for every input (hypothesis)."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from calculation.engine import (
    Benefit,
    CalculationInput,
    ChildInput,
    RateType,
    ReceivingParentInput,
    ServiceType,
    calculate,
)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)

nights = st.integers(min_value=0, max_value=365)
parents = st.lists(st.lists(nights, min_size=1, max_size=4), min_size=1, max_size=3)
incomes = st.integers(min_value=0, max_value=500_000).map(lambda pence: Decimal(pence) / 100)
dates = st.dates(min_value=date(2013, 11, 25), max_value=date(2035, 12, 31))


@st.composite
def calculation_inputs(draw, benefit=None):
    benefit = draw(st.sampled_from(list(Benefit))) if benefit is None else benefit
    income = draw(incomes)
    if benefit is not Benefit.NONE and draw(st.booleans()):
        income = None
    return CalculationInput(
        effective_date=draw(dates),
        gross_weekly_income=income,
        benefit=benefit,
        relevant_other_children=draw(st.integers(min_value=0, max_value=5)),
        service_type=draw(st.sampled_from(list(ServiceType))),
        receiving_parents=tuple(
            ReceivingParentInput(tuple(ChildInput(n) for n in children))
            for children in draw(parents)
        ),
    )


def uncapped_formula(calculation_input):
    """The weekly amount before shared care with no income cap, from docs/rules.md directly."""
    reduced = {
        1: ("0.17", "0.141", "0.132", "0.124"),
        2: ("0.25", "0.212", "0.199", "0.189"),
        3: ("0.31", "0.264", "0.249", "0.238"),
    }
    income = Fraction(calculation_input.gross_weekly_income)
    children = min(3, sum(len(parent.children) for parent in calculation_input.receiving_parents))
    others = min(3, calculation_input.relevant_other_children)
    if income < 200:
        return 7 + (income - 100) * Fraction(reduced[children][others])
    after_others = income * (1 - Fraction(("0", "0.11", "0.14", "0.16")[others]))
    tier_one = Fraction(("0", "0.12", "0.16", "0.19")[children])
    tier_two = Fraction(("0", "0.09", "0.12", "0.15")[children])
    if after_others <= 800:
        return after_others * tier_one
    return 800 * tier_one + (after_others - 800) * tier_two


@PROPERTY_SETTINGS
@given(calculation_inputs())
def test_amounts_are_never_negative_and_parts_sum_to_the_total(calculation_input):
    result = calculate(calculation_input)
    assert all(amount >= 0 for amount in result.parent_amounts)
    assert sum(result.parent_amounts) == result.weekly_amount
    assert all(amount == amount.quantize(Decimal("0.01")) for amount in result.parent_amounts)
    fees = result.collection_fees
    if fees is not None:
        assert (
            fees.paying_parent_weekly_total == result.weekly_amount + fees.paying_parent_weekly_fee
        )
        assert (
            fees.receiving_parent_weekly_net
            == result.weekly_amount - fees.receiving_parent_weekly_fee
        )
        assert fees.receiving_parent_weekly_net >= 0


@PROPERTY_SETTINGS
@given(calculation_inputs(benefit=Benefit.NONE))
def test_never_above_the_uncapped_formula(calculation_input):
    result = calculate(calculation_input)
    if result.rate_type in (RateType.NIL, RateType.FLAT):
        assert result.weekly_amount <= Decimal("7.00")
        return
    # Each receiving parent's share may round up by at most half a penny.
    slack = Fraction(len(result.parent_amounts), 200)
    assert Fraction(result.weekly_amount) <= uncapped_formula(calculation_input) + slack


@PROPERTY_SETTINGS
@given(calculation_inputs(), st.data())
def test_more_nights_never_raise_the_amount(calculation_input, data):
    parents = calculation_input.receiving_parents
    parent_index = data.draw(st.integers(0, len(parents) - 1))
    children = parents[parent_index].children
    child_index = data.draw(st.integers(0, len(children) - 1))
    old_nights = children[child_index].shared_care_nights
    new_nights = data.draw(st.integers(min_value=old_nights, max_value=365))
    new_children = children[:child_index] + (ChildInput(new_nights),) + children[child_index + 1 :]
    new_parents = (
        parents[:parent_index] + (ReceivingParentInput(new_children),) + parents[parent_index + 1 :]
    )
    more_nights = CalculationInput(
        calculation_input.effective_date,
        calculation_input.gross_weekly_income,
        calculation_input.benefit,
        calculation_input.relevant_other_children,
        calculation_input.service_type,
        new_parents,
    )
    assert calculate(more_nights).weekly_amount <= calculate(calculation_input).weekly_amount


@PROPERTY_SETTINGS
@given(calculation_inputs(benefit=Benefit.NONE))
def test_seven_pound_floor_holds_on_the_reduced_and_basic_rates(calculation_input):
    result = calculate(calculation_input)
    if result.rate_type not in (RateType.NIL, RateType.FLAT):
        assert result.weekly_amount >= Decimal("7.00")


@PROPERTY_SETTINGS
@given(calculation_inputs())
def test_results_and_inputs_survive_a_json_round_trip(calculation_input):
    import json

    from calculation.engine import CalculationResult

    result = calculate(calculation_input)
    snapshot = json.loads(json.dumps(result.to_dict()))
    restored = CalculationResult.from_dict(snapshot)
    assert restored.weekly_amount == result.weekly_amount
    assert restored.parent_amounts == result.parent_amounts
    assert restored.collection_fees == result.collection_fees
    assert restored.explain("cy") == result.explain("cy")
    assert (
        CalculationInput.from_dict(json.loads(json.dumps(calculation_input.to_dict())))
        == calculation_input
    )
