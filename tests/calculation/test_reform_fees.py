"""The announced reform as a dated fee schedule: off until a commencement date is set,
then 2% for receiving parents and compliant paying parents, 20% for the others."""

from datetime import date
from decimal import Decimal

import pytest

from calculation import fees

COMMENCEMENT = date(2027, 4, 1)


@pytest.fixture
def commenced(monkeypatch):
    monkeypatch.setattr(fees, "_commencement_source", lambda: COMMENCEMENT)


def test_without_a_date_todays_fees_apply_on_every_date():
    assert fees.reform_commencement() is None
    for day in (date(2026, 1, 1), COMMENCEMENT, date(2040, 1, 1)):
        assert fees.paying_parent_fee(Decimal("100.00"), day) == Decimal("20.00")
        assert fees.paying_parent_fee(Decimal("100.00"), day, compliant=False) == Decimal("20.00")
        assert fees.receiving_parent_fee(Decimal("100.00"), day) == Decimal("4.00")
        assert fees.collection_fee_rates(day).direct_pay_available


def test_with_a_date_the_reform_applies_from_that_day(commenced):
    before = date(2027, 3, 31)
    assert fees.paying_parent_fee(Decimal("100.00"), before) == Decimal("20.00")
    assert fees.receiving_parent_fee(Decimal("100.00"), before) == Decimal("4.00")
    assert fees.paying_parent_fee(Decimal("100.00"), COMMENCEMENT) == Decimal("2.00")
    assert fees.paying_parent_fee(Decimal("100.00"), COMMENCEMENT, compliant=False) == Decimal(
        "20.00"
    )
    assert fees.receiving_parent_fee(Decimal("100.00"), COMMENCEMENT) == Decimal("2.00")
    assert not fees.collection_fee_rates(COMMENCEMENT).direct_pay_available
    assert fees.collection_fee_rates(COMMENCEMENT).effective_from == COMMENCEMENT


def test_instalment_fees_follow_compliance_and_round_half_up(commenced):
    on_time = fees.instalment_fees(Decimal("69.25"), COMMENCEMENT)
    late = fees.instalment_fees(Decimal("69.25"), COMMENCEMENT, compliant=False)
    assert on_time.paying_fee == Decimal("1.39")  # 1.385 -> 1.39
    assert late.paying_fee == Decimal("13.85")
    assert on_time.receiving_fee == late.receiving_fee == Decimal("1.39")


def test_compliance_is_being_out_of_arrears():
    assert fees.paying_parent_complies(in_arrears=False)
    assert not fees.paying_parent_complies(in_arrears=True)


def test_the_announced_entry_stays_undated_in_the_table(commenced):
    assert fees.ANNOUNCED_COLLECTION_FEE_REFORM.effective_from is None
    assert fees.COLLECTION_FEE_SCHEDULES.find(date(2040, 1, 1)) is fees.COLLECTION_FEE_SCHEDULES.on(
        date(2014, 8, 11)
    )


def test_a_commencement_before_todays_schedule_is_refused():
    with pytest.raises(ValueError, match="cannot start"):
        fees.collection_fee_schedules_from(date(2014, 8, 11))
