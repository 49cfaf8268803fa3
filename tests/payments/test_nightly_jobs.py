"""The nightly jobs: idempotent by (job, business date, chunk), catching missed payments,
and runnable from the command line and through Celery."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from payments import jobs
from payments.models import (
    Account,
    Allocation,
    Disbursement,
    Instalment,
    JobChunk,
    JobRun,
    LedgerEntry,
    MissedPaymentNotice,
    Obligation,
    PaymentSchedule,
    Receipt,
)
from tests.payments.helpers import paying_account

MONEY_TABLES = [
    Account,
    Allocation,
    Disbursement,
    Instalment,
    LedgerEntry,
    MissedPaymentNotice,
    Obligation,
    PaymentSchedule,
    Receipt,
]


def snapshot(tables=MONEY_TABLES):
    return {
        model.__name__: [
            model_to_dict(row) | {"pk": row.pk} for row in model.objects.order_by("pk")
        ]
        for model in tables
    }


@pytest.fixture
def busy_cases(make_case, pay, days_ago):
    """Cases in different states: paid ahead, part paid, unpaid, Direct Pay, weekly."""
    cases = [
        make_case(
            service_type="collect_and_pay", effective_date=days_ago(20), payment_frequency=frequency
        )
        for frequency in ("monthly", "weekly", "fortnightly", "four_weekly")
    ]
    cases.append(make_case(service_type="direct_pay", effective_date=days_ago(20)))
    cases.append(
        make_case(
            service_type="collect_and_pay",
            receiving_parents=2,
            effective_date=days_ago(20),
            payment_frequency="weekly",
        )
    )
    pay(cases[0], "400.00", received_on=days_ago(25))
    pay(cases[1], "30.00", received_on=days_ago(2))
    return cases


def test_running_the_nightly_jobs_three_times_gives_the_same_rows_as_once(
    busy_cases, run_nightly, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_nightly()
    once = snapshot([*MONEY_TABLES, JobChunk, JobRun])
    assert once["Instalment"] and once["Disbursement"] and once["MissedPaymentNotice"]
    with django_capture_on_commit_callbacks(execute=True):
        run_nightly()
        run_nightly()
    assert snapshot([*MONEY_TABLES, JobChunk, JobRun]) == once


def test_the_work_itself_is_idempotent_if_the_chunk_records_are_lost(
    busy_cases, run_nightly, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_nightly()
    once = snapshot()
    for _again in range(2):
        JobChunk.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True):
            run_nightly()
        assert snapshot() == once


def test_small_chunks_do_the_same_work_as_one_big_chunk(
    busy_cases, run_nightly, settings, django_capture_on_commit_callbacks
):
    settings.PAYMENTS_JOB_CHUNK_SIZE = 2
    with django_capture_on_commit_callbacks(execute=True):
        run_nightly()
    run = JobRun.objects.get(job="post_due_instalments")
    assert run.chunk_size == 2 and len(run.chunks) >= 3
    assert JobChunk.objects.filter(job="post_due_instalments").count() == len(run.chunks)
    case_count = len(busy_cases)
    assert Instalment.objects.values("case").distinct().count() == case_count


def test_a_new_run_is_never_seen_without_its_chunks(busy_cases, days_ago):
    """A run row with no chunks would count as finished and let the next job start early,
    so the run is inserted with its chunks and never updated to add them."""
    with CaptureQueriesContext(connection) as queries:
        run = jobs.plan_run("post_due_instalments", days_ago(0))
    assert run.chunks
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 1 and writes[0].startswith("INSERT"), writes
    assert not jobs.is_finished("post_due_instalments", days_ago(0))


def test_a_chunk_is_done_once_even_when_its_task_is_delivered_twice(busy_cases, days_ago):
    run = jobs.plan_run("post_due_instalments", days_ago(0))
    chunk = run.chunks[0]
    first = jobs.run_chunk("post_due_instalments", days_ago(0), chunk)
    assert first["instalments"] > 0
    assert jobs.run_chunk("post_due_instalments", days_ago(0), chunk) is None


def test_missed_payments_mark_arrears_email_both_parents_and_escalate(
    make_case, make_user, run_nightly, days_ago, django_capture_on_commit_callbacks
):
    from casework.models import WorkItem

    paying_user, receiving_user = make_user(), make_user()
    case = make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=days_ago(10),
        paying_user=paying_user,
        receiving_user=receiving_user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_nightly(days_ago(3))  # the first instalment is 7 days late: missed
    account = paying_account(case)
    assert account.arrears_status == "in_arrears"
    notice = MissedPaymentNotice.objects.get(case=case)
    assert notice.instalment.due_date == days_ago(10) and notice.kind == "missed"
    assert notice.notified_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        party.notification_email for party in case.parties.all()
    )
    # Both parents get the alert they chose (by default an email), with no amounts.
    assert {message.subject for message in mail.outbox} == {
        "A child maintenance payment was not paid in full",
    }
    assert not WorkItem.objects.filter(case=case).exists()

    with django_capture_on_commit_callbacks(execute=True):
        run_nightly(days_ago(0))  # the second is 3 days late: missed again, escalate
    account.refresh_from_db()
    assert account.missed_in_row == 2 and account.escalated_on == days_ago(0)
    item = WorkItem.objects.get(case=case, kind="missed_payment")
    assert "Second missed payment" in item.summary
    assert len(mail.outbox) == 4


def test_paying_the_arrears_clears_the_status(make_case, run_nightly, pay, days_ago):
    case = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(10)
    )
    run_nightly(days_ago(3))
    assert paying_account(case).arrears_status == "in_arrears"
    pay(case, "144.00")  # two weeks of £60 plus fees
    run_nightly(days_ago(0))
    account = paying_account(case)
    assert account.arrears_status == "up_to_date" and account.missed_in_row == 0
    assert MissedPaymentNotice.objects.filter(case=case).count() == 1


def test_part_payment_is_noticed_as_part_paid(make_case, run_nightly, pay, days_ago):
    case = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=days_ago(4)
    )
    run_nightly(days_ago(4))
    pay(case, "20.00", received_on=days_ago(3))
    run_nightly(days_ago(0))
    notice = MissedPaymentNotice.objects.get(case=case)
    assert notice.kind == "part_paid" and notice.outstanding == Decimal("40.00")


def test_run_job_command_runs_every_job_for_a_date(busy_cases, days_ago, capsys):
    call_command("run_job", "nightly", "--date", days_ago(0).isoformat())
    out = capsys.readouterr().out
    assert "post_due_instalments" in out and "detect_missed_payments" in out
    call_command("run_job", "pass_on", "--date", days_ago(0).isoformat())
    assert "0 chunks done" in capsys.readouterr().out


def test_run_job_command_refuses_a_job_before_the_one_it_follows(busy_cases, days_ago):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("run_job", "allocate_receipts", "--date", days_ago(0).isoformat())
    with pytest.raises(CommandError):
        call_command("run_job", "nightly", "--date", "31/12/2025")


def test_the_celery_tasks_fan_out_one_task_per_chunk(busy_cases, settings, days_ago):
    from payments.tasks import start_job

    settings.PAYMENTS_JOB_CHUNK_SIZE = 3
    assert start_job.delay("post_due_instalments", days_ago(0).isoformat()).get() >= 2
    assert jobs.is_finished("post_due_instalments", days_ago(0))
    assert jobs.prerequisite_done("allocate_receipts", days_ago(0))
    assert not jobs.prerequisite_done("pass_on", days_ago(0))
    assert start_job.delay("post_due_instalments", days_ago(0).isoformat()).get() == 0


def test_chunk_tasks_acknowledge_late_and_are_redelivered_if_the_worker_dies():
    from payments.tasks import notify_missed_payments, run_job_chunk, start_job

    for task in (start_job, run_job_chunk, notify_missed_payments):
        assert task.acks_late and task.reject_on_worker_lost


def test_instalments_due_later_than_the_business_date_are_not_posted(
    busy_cases, run_nightly, days_ago
):
    run_nightly(days_ago(0))
    assert not Instalment.objects.filter(due_date__gt=days_ago(0)).exists()
    run_nightly(days_ago(0) + timedelta(days=7))
    assert Instalment.objects.filter(due_date__gt=days_ago(0)).exists()


def test_a_job_waits_for_the_job_before_it(busy_cases, days_ago):
    from celery.exceptions import Retry

    from payments.tasks import start_job

    with pytest.raises(Retry):
        start_job.apply(args=["pass_on", days_ago(0).isoformat()])
    assert not JobRun.objects.filter(job="pass_on").exists()
