"""Rates, fees and charges come from dated tables: the figures in force on the date."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from calculation.dated import DatedTable, NotInForceError
from calculation.engine import DateBeforeSchemeError, InvalidInputError, ServiceType, calculate
from calculation.fees import (
    ANNOUNCED_COLLECTION_FEE_REFORM,
    COLLECTION_FEE_SCHEDULES,
    EnforcementChargeKind,
    application_fee,
    collection_fee_rates,
    enforcement_charge,
    paying_parent_fee,
    receiving_parent_fee,
)
from calculation.rates import rates_on

from .helpers import make_input


def test_a_date_before_the_2012_scheme_is_a_typed_error():
    with pytest.raises(DateBeforeSchemeError) as raised:
        calculate(make_input("300.00", on=date(2013, 11, 24)))
    assert raised.value.field == "effective_date"
    assert raised.value.scheme_start == date(2013, 11, 25)
    assert isinstance(raised.value, InvalidInputError)


def test_the_first_day_of_the_scheme_uses_its_rates():
    assert calculate(make_input("300.00", on=date(2013, 11, 25))).weekly_amount == Decimal("36.00")
    assert rates_on(date(2013, 11, 25)).flat_rate == Decimal("7.00")
    with pytest.raises(NotInForceError):
        rates_on(date(2013, 11, 24))


@dataclass(frozen=True)
class _Figure:
    effective_from: date | None
    value: str


def test_dated_table_picks_the_entry_in_force_and_skips_undated_ones():
    table = DatedTable(
        "figure",
        [
            _Figure(date(2020, 1, 1), "a"),
            _Figure(None, "announced"),
            _Figure(date(2022, 6, 1), "b"),
        ],
    )
    assert table.find(date(2019, 12, 31)) is None
    assert table.on(date(2020, 1, 1)).value == "a"
    assert table.on(date(2022, 5, 31)).value == "a"
    assert table.on(date(2022, 6, 1)).value == "b"
    assert table.on(date(2099, 1, 1)).value == "b"
    assert [figure.value for figure in table.announced] == ["announced"]
    with pytest.raises(NotInForceError, match="the first starts on 2020-01-01"):
        table.on(date(2019, 1, 1))


def test_dated_table_refuses_two_entries_on_one_date():
    with pytest.raises(ValueError, match="same date"):
        DatedTable("figure", [_Figure(date(2020, 1, 1), "a"), _Figure(date(2020, 1, 1), "b")])


def test_collection_fees_start_on_11_august_2014():
    assert collection_fee_rates(date(2014, 8, 10)) is None
    rates = collection_fee_rates(date(2014, 8, 11))
    assert (rates.paying_parent_rate, rates.receiving_parent_rate) == (
        Decimal("0.20"),
        Decimal("0.04"),
    )
    assert collection_fee_rates(date(2030, 1, 1)) is rates


def test_collect_and_pay_before_fees_began_has_zero_fees():
    result = calculate(
        make_input("300.00", on=date(2014, 8, 10), service=ServiceType.COLLECT_AND_PAY)
    )
    fees = result.collection_fees
    assert fees.paying_parent_weekly_fee == Decimal("0.00")
    assert fees.paying_parent_weekly_total == Decimal("36.00")
    assert fees.receiving_parent_weekly_net == Decimal("36.00")
    assert "Collection fees did not apply before 11 August 2014." in result.explanation


def test_the_announced_reform_is_present_but_off():
    reform = ANNOUNCED_COLLECTION_FEE_REFORM
    assert reform.effective_from is None
    assert reform in COLLECTION_FEE_SCHEDULES.announced
    assert (
        reform.paying_parent_rate_for(compliant=True),
        reform.paying_parent_rate_for(compliant=False),
        reform.receiving_parent_rate,
    ) == (Decimal("0.02"), Decimal("0.20"), Decimal("0.02"))
    assert not reform.direct_pay_available
    assert collection_fee_rates(date(2040, 1, 1)) is not reform


def test_fee_helpers_round_half_up():
    on = date(2024, 4, 1)
    assert paying_parent_fee(Decimal("69.17"), on) == Decimal("13.83")
    assert paying_parent_fee(Decimal("0.025"), on) == Decimal("0.01")  # 0.005 -> 0.01
    assert receiving_parent_fee(Decimal("69.17"), on) == Decimal("2.77")
    assert receiving_parent_fee(Decimal("0.125"), on) == Decimal("0.01")  # 0.005 -> 0.01
    assert paying_parent_fee(Decimal("69.17"), date(2014, 8, 10)) == Decimal("0.00")


@pytest.mark.parametrize(
    ("kind", "amount"),
    [
        (EnforcementChargeKind.DEDUCTION_FROM_EARNINGS_ORDER, "50.00"),
        (EnforcementChargeKind.DEDUCTION_FROM_EARNINGS_REQUEST, "50.00"),
        (EnforcementChargeKind.REGULAR_DEDUCTION_ORDER, "50.00"),
        (EnforcementChargeKind.LUMP_SUM_DEDUCTION_ORDER, "200.00"),
        (EnforcementChargeKind.LIABILITY_ORDER, "300.00"),
        ("liability_order", "300.00"),
    ],
)
def test_enforcement_charges(kind, amount):
    assert enforcement_charge(kind, date(2024, 4, 1)) == Decimal(amount)
    assert enforcement_charge(kind, date(2014, 8, 10)) == Decimal("0.00")


def test_unknown_enforcement_charge_is_an_error():
    with pytest.raises(ValueError):
        enforcement_charge("warrant", date(2024, 4, 1))


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2014, 6, 29), "0.00"),
        (date(2014, 6, 30), "20.00"),
        (date(2024, 2, 25), "20.00"),
        (date(2024, 2, 26), "0.00"),
    ],
)
def test_application_fee_dates(on, expected):
    assert application_fee(on) == Decimal(expected)


def test_application_fee_waivers():
    on = date(2020, 1, 1)
    assert application_fee(on, applicant_under_19=True) == Decimal("0.00")
    assert application_fee(on, domestic_abuse_reported=True) == Decimal("0.00")
