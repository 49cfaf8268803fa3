"""PostgreSQL only: the database refuses to change the ledger, and several processes
posting to one case at once lose nothing and double nothing."""

import multiprocessing
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, connections, transaction

from payments.dates import business_date
from payments.models import Allocation, EntryKind, Instalment, LedgerEntry, Receipt

pytestmark = pytest.mark.postgres

RECEIPTS_PER_PROCESS = 8
PROCESSES = 4


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE payments_ledgerentry SET amount = amount + 1",
        "DELETE FROM payments_ledgerentry",
        "UPDATE payments_allocation SET amount = 0",
        "DELETE FROM payments_allocation",
    ],
)
def test_the_database_refuses_to_change_ledger_rows(
    collect_and_pay_case, run_nightly, pay, statement
):
    run_nightly()
    pay(collect_and_pay_case, "20.00")
    before = list(LedgerEntry.objects.order_by("id").values_list("id", "amount"))
    with (
        pytest.raises(DatabaseError, match="insert-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert list(LedgerEntry.objects.order_by("id").values_list("id", "amount")) == before


def _post_receipts(case_id, worker, results):
    from cases.models import Case
    from payments.services import record_receipt

    case = Case.objects.get(pk=case_id)
    recorded = 0
    for number in range(RECEIPTS_PER_PROCESS):
        record_receipt(
            acting_user=None,
            case=case,
            amount=Decimal("10.01"),
            received_on=business_date(),
            method="card",
            idempotency_key=f"worker-{worker}-{number}",
        )
        # Every worker also sends the same payment once: only one may be recorded.
        record_receipt(
            acting_user=None,
            case=case,
            amount=Decimal("5.00"),
            received_on=business_date(),
            method="card",
            idempotency_key="the-same-payment-from-everyone",
        )
        recorded += 1
    connections.close_all()
    results.put(recorded)


def _run_nightly(day, results):
    from payments.jobs import NIGHTLY_ORDER, run_job_now

    for job in NIGHTLY_ORDER:
        run_job_now(job, day)
    connections.close_all()
    results.put("jobs")


def _in_processes(targets):
    """Run each (function, args) in its own forked process with its own connection."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    connections.close_all()
    processes = [context.Process(target=target, args=(*args, results)) for target, args in targets]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    return [results.get(timeout=5) for _process in processes]


def test_parallel_receipts_for_one_case_lose_nothing(transactional_db, make_case, run_nightly):
    case = make_case(service_type="collect_and_pay", payment_frequency="weekly")
    run_nightly()
    targets = [(_post_receipts, (case.pk, worker)) for worker in range(PROCESSES)]
    targets.append((_run_nightly, (business_date(),)))
    results = _in_processes(targets)
    assert sorted(map(str, results)) == sorted([str(RECEIPTS_PER_PROCESS)] * PROCESSES + ["jobs"])
    receipts = Receipt.objects.filter(case=case)
    assert receipts.count() == PROCESSES * RECEIPTS_PER_PROCESS + 1
    total = Decimal("10.01") * PROCESSES * RECEIPTS_PER_PROCESS + Decimal("5.00")
    received = LedgerEntry.objects.filter(case=case, kind=EntryKind.PAYMENT_RECEIVED)
    assert -sum(entry.amount for entry in received) == total
    allocated = sum(a.amount for a in Allocation.objects.filter(receipt__case=case))
    account = case.payment_accounts.get(role="paying")
    assert account.unallocated + allocated == total
    # The ledger check after the test confirms each balance equals the sum of its entries.


def _run_chunk(day, chunk, results):
    from payments.jobs import run_chunk

    stats = run_chunk("post_due_instalments", day, chunk)
    connections.close_all()
    results.put("done" if stats is not None else "skipped")


def test_the_same_chunk_in_two_processes_is_done_once(transactional_db, make_case):
    from payments.jobs import plan_run

    for _number in range(3):
        make_case(service_type="collect_and_pay")
    run = plan_run("post_due_instalments", business_date())
    targets = [(_run_chunk, (business_date(), run.chunks[0])) for _twice in range(2)]
    assert sorted(_in_processes(targets)) == ["done", "skipped"]
    assert Instalment.objects.count() == 3
