"""A closed case: ongoing maintenance stops from the closing date, arrears do not.

- The open schedule ends the day before the closing date, so the nightly job posts
  nothing due on or after it.
- Instalments already posted for that date or later (the closure was confirmed after the
  date had passed) are marked cancelled; on Collect and Pay their maintenance and fee
  are reversed in the ledger (never deleted), and money that paid them is used again,
  in the statutory order, for what is still owed.
- Everything due before the closing date stays owed and collectable: arrears keep
  showing on the statement, and payments keep being allocated to them.
- An instalment due before the closing date is owed in full, even when the closing date
  falls inside the period it covers (a caseworker can reverse part by hand)."""

from datetime import timedelta

from django.db import transaction

from cms_portal.audit import record_audit_event

from ..dates import business_date
from ..models import Account, EntryKind, Instalment, LedgerEntry, PaymentSchedule
from .accounts import Postings, lock_one_case
from .allocating import allocate_cases
from .bulk import bulk_set
from .reversals import not_reversed, reverse_entries

CLOSURE_REASON = "The case closed before this fell due"


def _end_schedules(case, closing_date):
    last_day = closing_date - timedelta(days=1)
    ended = []
    for schedule in PaymentSchedule.objects.select_for_update().filter(case=case):
        if schedule.ends_on is not None and schedule.ends_on <= last_day:
            continue
        # A schedule starting on or after the closing date never has anything due.
        schedule.ends_on = max(last_day, schedule.starts_on - timedelta(days=1))
        if schedule.next_due_date and schedule.next_due_date > schedule.ends_on:
            schedule.next_due_date = None
        ended.append(schedule)
    for schedule in ended:
        schedule.save(update_fields=["ends_on", "next_due_date"])
    return ended


def _reverse_charges(case, instalments, acting_user, on_date):
    collected = [instalment for instalment in instalments if instalment.collect_and_pay]
    if not collected:
        return 0
    accounts = lock_one_case(case)
    charges = not_reversed(
        LedgerEntry.objects.filter(
            account_id=accounts.paying.pk,
            instalment__in=collected,
            kind__in=[EntryKind.MAINTENANCE_DUE, EntryKind.PAYING_PARENT_FEE],
        ).order_by("id")
    )
    postings = Postings(acting_user=acting_user)
    reverse_entries(charges, accounts, on_date, postings, CLOSURE_REASON)
    allocate_cases({case.pk: accounts}, on_date, postings)
    return len(charges)


def end_liability_on_closure(*, acting_user, case, closing_date):
    """Stop ongoing maintenance on `case` from `closing_date`. Safe to call twice."""
    with transaction.atomic():
        if Account.objects.filter(case=case).exists():
            lock_one_case(case)  # the accounts first, as every money write does
        ended = _end_schedules(case, closing_date)
        instalments = list(
            Instalment.objects.select_for_update()
            .filter(case=case, due_date__gte=closing_date, cancelled_on__isnull=True)
            .order_by("due_date")
        )
        today = business_date()
        reversed_count = _reverse_charges(case, instalments, acting_user, today)
        for instalment in instalments:
            instalment.cancelled_on = today
        bulk_set(Instalment, instalments, ["cancelled_on"])
        record_audit_event(
            acting_user=acting_user,
            action="payments.liability_ended",
            obj=case,
            closing_date=closing_date.isoformat(),
            schedules_ended=len(ended),
            instalments_cancelled=len(instalments),
            entries_reversed=reversed_count,
        )
        return instalments
