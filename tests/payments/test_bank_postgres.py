"""PostgreSQL only: bank matches cannot be changed in the database, and two imports
running at once add each bank transaction once and post its money once."""

import threading
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, connections, transaction

from payments.dates import business_date
from payments.models import BankMatch, BankReceipt, BankStatement, Receipt
from payments.services import import_bank_statement, record_expected_payment

pytestmark = pytest.mark.postgres

HEADER = "transaction_id,booked_on,amount,reference,payer_name\n"


@pytest.mark.parametrize(
    "statement",
    ["UPDATE payments_bankmatch SET amount = amount + 1", "DELETE FROM payments_bankmatch"],
)
def test_the_database_refuses_to_change_bank_matches(collect_and_pay_case, run_nightly, statement):
    run_nightly()
    today = business_date()
    record_expected_payment(
        acting_user=None,
        case=collect_and_pay_case,
        amount=Decimal("20.00"),
        paid_on=today,
        method="card",
        idempotency_key="k",
    )
    import_bank_statement(
        acting_user=None,
        file_name="s.csv",
        content=(
            HEADER + f"T1,{today.isoformat()},20.00,{collect_and_pay_case.reference},X\n"
        ).encode(),
    )
    assert BankMatch.objects.count() == 1
    with (
        pytest.raises(DatabaseError, match="insert-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert BankMatch.objects.get().amount == Decimal("20.00")


@pytest.mark.django_db(transaction=True)
def test_imports_at_the_same_time_add_and_post_each_transaction_once(make_case, make_user):
    from payments.jobs import NIGHTLY_ORDER, run_job_now

    case = make_case(
        service_type="collect_and_pay", paying_user=make_user(), receiving_user=make_user()
    )
    today = business_date()
    for job in NIGHTLY_ORDER:
        run_job_now(job, today)
    record_expected_payment(
        acting_user=None,
        case=case,
        amount=Decimal("30.00"),
        paid_on=today,
        method="standing_order",
        idempotency_key="so",
    )
    shared = f"SHARED,{today.isoformat()},30.00,{case.reference},X\n"
    files = [
        (HEADER + shared + f"A{n},{today.isoformat()},1.00,NONE,Y\n").encode() for n in range(3)
    ]
    files.append(files[0])  # the same file twice, at once
    barrier, errors = threading.Barrier(len(files)), []

    def run(content, number):
        try:
            barrier.wait()
            import_bank_statement(acting_user=None, file_name=f"f{number}.csv", content=content)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(content, n)) for n, content in enumerate(files)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert BankStatement.objects.count() == 3
    assert BankReceipt.objects.count() == 4
    assert Receipt.objects.filter(case=case).count() == 1
    assert Receipt.objects.get(case=case).amount == Decimal("30.00")
