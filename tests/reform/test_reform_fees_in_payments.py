"""The reform's fees in the ledger: with no commencement date today's fees stay; with a
date, instalments due from it carry 2% (20% while the paying parent is in arrears) and
those due before it the old 20%."""

from decimal import Decimal

import pytest

from calculation.fees import fee_on
from payments.models import Disbursement, Instalment
from tests.payments.helpers import paying_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly_case(make_case, days_ago):
    return make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(28)
    )


def percent_of(case, rate):
    return {
        instalment.due_date: fee_on(instalment.amount, rate)
        for instalment in Instalment.objects.filter(case=case)
    }


def test_without_a_date_every_instalment_carries_todays_fee(weekly_case, run_nightly, days_ago):
    run_nightly(days_ago(0))
    fees = {i.due_date: i.fee_amount for i in Instalment.objects.filter(case=weekly_case)}
    assert len(fees) == 5
    assert fees == percent_of(weekly_case, Decimal("0.20"))


def test_from_the_date_a_paying_parent_who_pays_on_time_pays_two_percent(
    weekly_case, run_nightly, days_ago, settings
):
    settings.REFORM_COMMENCEMENT_DATE = days_ago(13).isoformat()
    run_nightly(days_ago(0))
    old, new = percent_of(weekly_case, Decimal("0.20")), percent_of(weekly_case, Decimal("0.02"))
    for instalment in Instalment.objects.filter(case=weekly_case):
        expected = old if instalment.due_date < days_ago(13) else new
        assert instalment.fee_amount == expected[instalment.due_date], instalment.due_date
    assert {i.due_date for i in Instalment.objects.filter(case=weekly_case)} == {
        days_ago(n) for n in (28, 21, 14, 7, 0)
    }


def test_a_paying_parent_in_arrears_pays_twenty_percent_after_the_date(
    weekly_case, run_nightly, days_ago, settings
):
    settings.REFORM_COMMENCEMENT_DATE = days_ago(13).isoformat()
    run_nightly(days_ago(10))  # nothing paid: the instalment due 28 days ago is missed
    assert paying_account(weekly_case).arrears_status == "in_arrears"
    run_nightly(days_ago(0))
    late = percent_of(weekly_case, Decimal("0.20"))
    for instalment in Instalment.objects.filter(case=weekly_case, due_date__gte=days_ago(13)):
        assert instalment.fee_amount == late[instalment.due_date]


def test_money_passed_on_from_the_date_carries_the_receiving_parents_two_percent(
    weekly_case, run_nightly, days_ago, settings, pay
):
    settings.REFORM_COMMENCEMENT_DATE = days_ago(2).isoformat()
    run_nightly(days_ago(28))
    pay(weekly_case, Decimal("50.00"), received_on=days_ago(28))
    run_nightly(days_ago(27))
    pay(weekly_case, Decimal("50.00"), received_on=days_ago(2))
    run_nightly(days_ago(1))
    before, after = Disbursement.objects.filter(case=weekly_case).order_by("business_date")
    assert before.fee == fee_on(before.gross, Decimal("0.04"))
    assert after.fee == fee_on(after.gross, Decimal("0.02"))


def test_a_statement_names_no_rate_for_a_fee_that_depends_on_paying_on_time(days_ago, settings):
    from types import SimpleNamespace

    from payments.presenters.words import entry_description

    settings.REFORM_COMMENCEMENT_DATE = days_ago(13).isoformat()
    fee = SimpleNamespace(kind="paying_parent_fee", effective_date=days_ago(14))
    assert entry_description(fee, paying=True) == "Collection fee (20%)"
    fee.effective_date = days_ago(13)
    assert entry_description(fee, paying=True) == "Collection fee"
    passed_on = SimpleNamespace(kind="receiving_parent_fee", effective_date=days_ago(13))
    assert entry_description(passed_on, paying=False) == "Collection fee (2%)"
