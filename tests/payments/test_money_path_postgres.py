"""PostgreSQL: the whole money path through the services and the nightly jobs. Money an
employer or a parent says they paid is only expected; nothing reaches the ledger or the
receiving parent until a bank statement shows it, and then the next night passes it on
less the receiving parent's 4%. The same statement twice changes nothing, and bank money
short of what was expected leaves the rest expected and with a caseworker."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from payments.models import (
    BankMatch,
    BankReceipt,
    Disbursement,
    LedgerEntry,
    MatchStatus,
    MissedPaymentNotice,
    Receipt,
)
from payments.services import import_bank_statement, record_expected_payment

pytestmark = pytest.mark.postgres

D = Decimal
HEADER = "transaction_id,booked_on,amount,reference,payer_name\n"
# £500 a week, one child: £260.00 a month maintenance and a £52.00 collection fee.
MONTHLY = D("312.00")


def on(day):
    """Travel to midday in London on `day`, so the business date is `day`."""
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/London")), tick=False
    )


def statement_file(*lines):
    return (HEADER + "".join(f"{','.join(line)}\n" for line in lines)).encode()


def money_rows():
    return (
        BankReceipt.objects.count(),
        BankMatch.objects.count(),
        Receipt.objects.count(),
        LedgerEntry.objects.count(),
        Disbursement.objects.count(),
    )


def page(client, name, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def postgres_only():
    assert connection.vendor == "postgresql"


@pytest.fixture
def parents(make_user):
    return make_user(full_name="Cai Paying"), make_user(full_name="Ceri Receiving")


@pytest.fixture
def march_case(parents, make_case):
    """A Collect and Pay case of £312.00 a month from 10 March 2026."""
    paying, receiving = parents
    with on(date(2026, 3, 1)):
        return make_case(
            service_type="collect_and_pay",
            payment_frequency="monthly",
            paying_user=paying,
            receiving_user=receiving,
            effective_date=date(2026, 3, 10),
        )


def test_an_employers_payment_reaches_the_receiving_parent_only_through_the_bank(
    postgres_only,
    parents,
    march_case,
    caseworker,
    employer,
    employer_admin,
    employer_client,
    signed_in_client,
    run_nightly,
    django_capture_on_commit_callbacks,
):
    from casework.models import WorkItem
    from employers import services as employer_services
    from employers.models import LatePayment
    from employers.tasks import flag_late_payments_task

    paying, receiving = parents
    case = march_case
    with on(date(2026, 3, 10)):
        order = employer_services.issue_order(
            acting_user=caseworker,
            employer=employer,
            case=case,
            payroll_number="P1",
            pay_frequency="monthly",
            served_on=date(2026, 3, 10),
        )
        assert order.normal_deduction_rate == MONTHLY
        run_nightly(date(2026, 3, 10))
    with on(date(2026, 3, 31)):
        employer_services.file_returns(
            acting_user=employer_admin,
            employer=employer,
            pay_date=date(2026, 3, 27),
            lines=[(order.reference, D("3000.00"), D("0.00"))],
        )
    with on(date(2026, 4, 15)), django_capture_on_commit_callbacks(execute=True):
        remittance = employer_services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=date(2026, 3, 1),
            method="bank_transfer",
            paid_on=date(2026, 4, 15),
            payment_reference="ACME MAR",
        )
        run_nightly(date(2026, 4, 15))
    assert remittance.amount == MONTHLY
    # Expected only: nothing on the ledger, nothing passed on.
    assert not Receipt.objects.exists() and not Disbursement.objects.exists()
    with on(date(2026, 4, 16)):
        assert "Waiting for the money to reach us" in page(
            employer_client(employer_admin), "employers:pay"
        )

    csv = statement_file(
        (
            "BANK-0417-1",
            "2026-04-17",
            "312.00",
            f"ACME {employer.reference} MAR",
            "ACME PAYROLL LTD",
        )
    )
    with on(date(2026, 4, 17)), django_capture_on_commit_callbacks(execute=True):
        _statement, imported = import_bank_statement(
            acting_user=None, file_name="apr17.csv", content=csv
        )
    assert imported
    bank = BankReceipt.objects.get()
    assert (bank.status, bank.matched_amount) == (MatchStatus.MATCHED, MONTHLY)
    receipt = Receipt.objects.get()
    assert (receipt.case_id, receipt.amount, receipt.received_on, receipt.method) == (
        case.pk,
        MONTHLY,
        date(2026, 4, 17),
        "employer_deduction",
    )
    assert not Disbursement.objects.exists()  # passed on by the next night, not at once

    with on(date(2026, 4, 17)):
        run_nightly(date(2026, 4, 17))
    # April's instalment (10 April) is current, so the statutory order pays its £260.00
    # maintenance first and £52.00 of March's; the receiving parent gets it less 4%.
    passed = Disbursement.objects.get()
    assert (passed.gross, passed.fee, passed.net) == (D("312.00"), D("12.48"), D("299.52"))

    with on(date(2026, 4, 18)):
        receiving_client = signed_in_client(receiving)
        overview = page(receiving_client, "payments:overview", reference=case.reference)
        assert "£299.52" in overview and "£312.00" in overview
        statement = page(receiving_client, "payments:statement", reference=case.reference)
        assert "Paid into your bank account" in statement and "Collection fee (4%)" in statement
        assert "£299.52" in statement
        paying_statement = page(
            signed_in_client(paying), "payments:statement", reference=case.reference
        )
        assert "Payment received: Deduction from earnings" in paying_statement
        assert "£312.00" in paying_statement
        assert "Received on 17 April 2026" in page(employer_client(employer_admin), "employers:pay")

    # The same statement again, and its line in another file, change nothing.
    before = money_rows()
    with on(date(2026, 4, 18)), django_capture_on_commit_callbacks(execute=True):
        assert (
            import_bank_statement(acting_user=None, file_name="again.csv", content=csv)[1] is False
        )
        import_bank_statement(acting_user=None, file_name="other.csv", content=csv + b"\n")
        run_nightly(date(2026, 4, 18))
    assert money_rows() == before
    with on(date(2026, 4, 20)):
        assert flag_late_payments_task("2026-04-20") == 0
    assert not LatePayment.objects.exists()
    # The employer paid March in full: no instalment is missed once its deadline passes.
    with on(date(2026, 4, 23)):
        run_nightly(date(2026, 4, 23))
    assert not MissedPaymentNotice.objects.filter(case=case).exists()

    # April: the bank shows only part of the employer's payment.
    with on(date(2026, 4, 30)):
        run_nightly(date(2026, 4, 30))
        employer_services.file_returns(
            acting_user=employer_admin,
            employer=employer,
            pay_date=date(2026, 4, 27),
            lines=[(order.reference, D("3000.00"), D("0.00"))],
        )
    with on(date(2026, 5, 12)), django_capture_on_commit_callbacks(execute=True):
        april = employer_services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=date(2026, 4, 1),
            method="bank_transfer",
            paid_on=date(2026, 5, 12),
        )
        import_bank_statement(
            acting_user=None,
            file_name="may12.csv",
            content=statement_file(
                ("BANK-0512-1", "2026-05-12", "200.00", f"ACME {employer.reference} APR", "ACME")
            ),
        )
        run_nightly(date(2026, 5, 12))
    assert Receipt.objects.count() == 1 and Disbursement.objects.count() == 1
    assert sum(match.amount for match in april.bank_matches.all()) == D("200.00")
    assert WorkItem.objects.filter(case=case, kind="part_matched_money").count() == 1
    with on(date(2026, 5, 13)):
        assert "Waiting for the money to reach us" in page(
            employer_client(employer_admin), "employers:pay"
        )
    # Not in the bank in full by 19 May: late.
    with on(date(2026, 5, 20)):
        assert flag_late_payments_task("2026-05-20") == 1


def test_a_parents_card_payment_reaches_the_receiving_parent_only_through_the_bank(
    postgres_only,
    parents,
    march_case,
    caseworker,
    signed_in_client,
    run_nightly,
):
    from casework.models import WorkItem

    paying, receiving = parents
    case = march_case
    with on(date(2026, 3, 10)):
        run_nightly(date(2026, 3, 10))
        expected = record_expected_payment(
            acting_user=caseworker,
            case=case,
            amount=MONTHLY,
            paid_on=date(2026, 3, 10),
            method="card",
            reference="CARD 4471",
            idempotency_key="card-march",
        )
        run_nightly(date(2026, 3, 10))
    assert expected.status == MatchStatus.UNMATCHED and expected.recorded_by == caseworker
    assert not Receipt.objects.exists() and not Disbursement.objects.exists()

    csv = statement_file(
        ("CARD-0311-1", "2026-03-11", "312.00", f"CMS {case.reference}", "CAI PAYING")
    )
    with on(date(2026, 3, 11)):
        import_bank_statement(acting_user=caseworker, file_name="mar11.csv", content=csv)
    expected.refresh_from_db()
    assert expected.status == MatchStatus.MATCHED
    receipt = Receipt.objects.get()
    assert (receipt.amount, receipt.received_on, receipt.method) == (
        MONTHLY,
        date(2026, 3, 11),
        "card",
    )
    assert not Disbursement.objects.exists()
    with on(date(2026, 3, 11)):
        run_nightly(date(2026, 3, 11))
    passed = Disbursement.objects.get()
    assert (passed.gross, passed.fee, passed.net) == (D("260.00"), D("10.40"), D("249.60"))

    with on(date(2026, 3, 12)):
        receiving_client = signed_in_client(receiving)
        overview = page(receiving_client, "payments:overview", reference=case.reference)
        assert "£249.60" in overview and "£260.00" in overview
        statement = page(receiving_client, "payments:statement", reference=case.reference)
        assert "Paid into your bank account" in statement and "£249.60" in statement
        paying_statement = page(
            signed_in_client(paying), "payments:statement", reference=case.reference
        )
        assert "Payment received: Debit card" in paying_statement and "£312.00" in paying_statement

    before = money_rows()
    with on(date(2026, 3, 12)):
        assert (
            import_bank_statement(acting_user=None, file_name="again.csv", content=csv)[1] is False
        )
        run_nightly(date(2026, 3, 12))
    assert money_rows() == before

    # April: the card payment is recorded in full but only £200.00 reaches the bank.
    with on(date(2026, 4, 10)):
        run_nightly(date(2026, 4, 10))
        april = record_expected_payment(
            acting_user=caseworker,
            case=case,
            amount=MONTHLY,
            paid_on=date(2026, 4, 10),
            method="card",
            reference="CARD 5120",
            idempotency_key="card-april",
        )
        import_bank_statement(
            acting_user=None,
            file_name="apr10.csv",
            content=statement_file(
                ("CARD-0410-1", "2026-04-10", "200.00", f"CMS {case.reference}", "CAI PAYING")
            ),
        )
    with on(date(2026, 4, 11)):
        run_nightly(date(2026, 4, 11))
    april.refresh_from_db()
    assert (april.status, april.matched_amount, april.remaining) == (
        MatchStatus.PART_MATCHED,
        D("200.00"),
        D("112.00"),
    )
    assert Receipt.objects.filter(case=case).count() == 2
    assert WorkItem.objects.filter(case=case, kind="part_matched_money").count() == 1
    # Only the money in the bank was passed on: £200.00 of April's maintenance, less 4%.
    assert [(item.gross, item.fee, item.net) for item in Disbursement.objects.order_by("pk")] == [
        (D("260.00"), D("10.40"), D("249.60")),
        (D("200.00"), D("8.00"), D("192.00")),
    ]
