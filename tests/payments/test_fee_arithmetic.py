"""Collection fees are penny-exact and round half up, over many random amounts: the 20%
added to each amount of maintenance due and the 4% taken from each amount passed on."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from calculation.fees import paying_parent_fee, receiving_parent_fee
from payments.models import Account, Instalment
from payments.services.accounts import Postings
from payments.services.instalments import charge_instalment, share_charges

pennies = st.integers(min_value=1, max_value=99_999_999)
fee_dates = st.dates(min_value=date(2014, 8, 11), max_value=date(2030, 12, 31))


def half_up_percent(pence, percent):
    """Whole pennies of `percent`% of `pence`, half up, by integer arithmetic only."""
    return (pence * percent * 2 + 100) // 200


def to_pounds(pence):
    return Decimal(pence).scaleb(-2)


@settings(max_examples=100, deadline=None)
@given(pence=pennies, on=fee_dates)
@example(pence=1_01, on=date(2025, 1, 1))  # £0.202 -> £0.20
@example(pence=1_03, on=date(2025, 1, 1))  # £0.206 -> £0.21
@example(pence=2_50, on=date(2025, 1, 1))  # £0.50 exactly
@example(pence=12_50, on=date(2025, 1, 1))  # 4%: £0.50 exactly
@example(pence=1_25, on=date(2025, 1, 1))  # 4%: £0.05 exactly
@example(pence=3_13, on=date(2025, 1, 1))  # 4%: £0.1252 -> £0.13; 20%: £0.626 -> £0.63
def test_fees_are_half_up_to_the_penny(pence, on):
    assert paying_parent_fee(to_pounds(pence), on) == to_pounds(half_up_percent(pence, 20))
    assert receiving_parent_fee(to_pounds(pence), on) == to_pounds(half_up_percent(pence, 4))


@settings(max_examples=50, deadline=None)
@given(pence=pennies, on=st.dates(max_value=date(2014, 8, 10)))
def test_no_collection_fees_before_august_2014(pence, on):
    assert paying_parent_fee(to_pounds(pence), on) == 0
    assert receiving_parent_fee(to_pounds(pence), on) == 0


@settings(max_examples=100, deadline=None)
@given(
    shares=st.lists(st.integers(min_value=0, max_value=5_000_00), min_size=1, max_size=4),
    on=fee_dates,
)
def test_an_instalment_charges_one_fee_per_share_each_rounded_on_its_own(shares, on):
    account = Account(case_id=1, party_id=1, role="paying", balance=Decimal("0.00"))
    instalment = Instalment(
        case_id=1, due_date=on, amount=to_pounds(sum(shares)), collect_and_pay=True
    )
    share_rows = [
        SimpleNamespace(
            instalment_amount=to_pounds(p), receiving_party_id=i, receiving_account_id=i
        )
        for i, p in enumerate(shares)
    ]
    postings = Postings()
    pending = charge_instalment(
        instalment, share_charges(share_rows, on), account, postings, schedule_id=9
    )
    fees = [entry.amount for entry, kind, _account in pending if kind == "collection_fee"]
    maintenance = [entry.amount for entry, kind, _account in pending if kind == "maintenance"]
    assert maintenance == [to_pounds(p) for p in shares if p]
    assert fees == [to_pounds(half_up_percent(p, 20)) for p in shares if half_up_percent(p, 20)]
    assert instalment.fee_amount == sum(fees, Decimal("0"))
    assert account.balance == sum(maintenance, Decimal("0")) + sum(fees, Decimal("0"))
    assert len({entry.idempotency_key for entry, _kind, _a in pending}) == len(pending)


@settings(max_examples=100, deadline=None)
@given(pence=pennies, on=fee_dates)
def test_what_is_passed_on_plus_the_fee_is_exactly_what_was_collected(pence, on):
    from payments.services.passing_on import instalment_fees

    gross = to_pounds(pence)
    fees = instalment_fees(gross, on)
    fee, net = fees.receiving_fee, fees.receiving_net
    assert fee + net == gross
    assert fee == to_pounds(half_up_percent(pence, 4))
    assert net >= 0 and net.as_tuple().exponent == -2
