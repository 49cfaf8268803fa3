"""The nightly jobs, in the order they run for a business date. Each works on one
chunk of cases with a fixed number of queries however many cases are in it."""

from django.db import transaction
from django.db.models import F

from ..models import (
    Account,
    AccountRole,
    MissedPaymentNotice,
    MissedPlanPayment,
    PaymentSchedule,
)
from ..services.accounts import Postings, lock_accounts, lock_case_accounts
from ..services.allocating import allocate_cases
from ..services.instalments import post_due_instalments, schedules_due
from ..services.missed import detect_missed_payments
from ..services.passing_on import pass_on
from ..services.plan_missed import detect_missed_plan_payments
from .framework import Job, register
from .reviews import REVIEW_ORDER

POST_DUE_INSTALMENTS = "post_due_instalments"
ALLOCATE_RECEIPTS = "allocate_receipts"
PASS_ON = "pass_on"
DETECT_MISSED_PAYMENTS = "detect_missed_payments"
ESCALATE_ENFORCEMENT = "escalate_enforcement"
NIGHTLY_ORDER = [
    POST_DUE_INSTALMENTS,
    ALLOCATE_RECEIPTS,
    PASS_ON,
    DETECT_MISSED_PAYMENTS,
    ESCALATE_ENFORCEMENT,
]
# Every nightly job: the case jobs (reviews.py) first, then the money jobs. The money jobs do
# not wait for the case jobs: a decision made after today's instalment was posted charges it
# again at the new amount (payments/services/schedules.py).
NIGHTLY_JOBS = [*REVIEW_ORDER, *NIGHTLY_ORDER]


def _in_chunk(low, high):
    return {"case_id__gte": low, "case_id__lt": high}


def post_due(on_date, low, high):
    """Instalments (and on Collect and Pay their maintenance and fees) falling due."""
    due = PaymentSchedule.objects.filter(**_in_chunk(low, high), next_due_date__lte=on_date)
    case_ids = set(due.values_list("case_id", flat=True))
    if not case_ids:
        return {"cases": 0, "instalments": 0}
    accounts = lock_case_accounts(case_ids)
    # Read again under the locks: a decision may have replaced a schedule meanwhile.
    schedules = schedules_due(due.filter(case_id__in=list(accounts)))
    posted = post_due_instalments(schedules, accounts, on_date, Postings())
    return {"cases": len(accounts), "instalments": posted}


def allocate(on_date, low, high):
    """Unallocated money used to pay what is owed."""
    case_ids = set(
        Account.objects.filter(**_in_chunk(low, high), role=AccountRole.PAYING, unallocated__gt=0)
        .alias(owed=F("balance") + F("unallocated"))
        .filter(owed__gt=0)
        .values_list("case_id", flat=True)
    )
    if not case_ids:
        return {"cases": 0, "allocations": 0}
    accounts = lock_case_accounts(case_ids)
    made = allocate_cases(accounts, on_date, Postings())
    return {"cases": len(accounts), "allocations": made}


def pass_money_on(on_date, low, high):
    """Collected maintenance paid out to receiving parents, less their fee."""
    accounts = lock_accounts(
        Account.objects.filter(**_in_chunk(low, high), role=AccountRole.RECEIVING, balance__gt=0)
    )
    payments = pass_on(accounts, on_date, Postings())
    if payments:
        from ..tasks import tell_receiving_parents

        paid_ids = [payment.pk for payment in payments]
        transaction.on_commit(lambda: tell_receiving_parents.delay(paid_ids))
    return {"payments": len(payments), "paid": str(sum((p.net for p in payments), start=0))}


def detect_missed(on_date, low, high):
    """Missed and part-paid instalments: arrears status, emails, escalation; then plan
    payments towards arrears that were not made."""
    from ..tasks import notify_missed_payments, notify_missed_plan_payments

    notices = detect_missed_payments((low, high), on_date)
    plan_notices = detect_missed_plan_payments((low, high), on_date)
    # Everything not yet sent in this chunk, so a message lost after an earlier commit
    # goes out with the next run.
    to_send = list(
        MissedPaymentNotice.objects.filter(
            **_in_chunk(low, high), notified_at__isnull=True
        ).values_list("id", flat=True)
    )
    if to_send:
        transaction.on_commit(lambda: notify_missed_payments.delay(to_send))
    plans_to_send = list(
        MissedPlanPayment.objects.filter(
            **_in_chunk(low, high), notified_at__isnull=True
        ).values_list("id", flat=True)
    )
    if plans_to_send:
        transaction.on_commit(lambda: notify_missed_plan_payments.delay(plans_to_send))
    return {
        "missed": len(notices),
        "to_notify": len(to_send),
        "plan_payments_missed": len(plan_notices),
        "plan_to_notify": len(plans_to_send),
    }


register(Job(POST_DUE_INSTALMENTS, post_due))
register(Job(ALLOCATE_RECEIPTS, allocate, after=POST_DUE_INSTALMENTS))
register(Job(PASS_ON, pass_money_on, after=ALLOCATE_RECEIPTS))
register(Job(DETECT_MISSED_PAYMENTS, detect_missed, after=PASS_ON))

# Registered by its own module, after the missed payments it builds on.
from . import enforcement  # noqa: E402, F401
