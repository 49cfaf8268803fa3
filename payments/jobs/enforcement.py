"""The nightly enforcement job, after missed payments are found. For each Collect and
Pay case in the chunk:

- arrears past the thresholds in force (days since the oldest unpaid maintenance fell
  due, and amount) and no enforcement open: enforcement opens with an arrears notice;
- enforcement open and its review date reached: after the notice, a reminder; then the
  case goes to a caseworker's queue to consider the next stage, with a new review date.
  No stage beyond the notice and reminder is ever taken here;
- enforcement open and no arrears left: a caseworker is asked to close it.

A chunk's cases are read, decided and written together, in a few statements whatever
their number (see the services' `open_many_enforcements` and `review_many_enforcements`).

Safe to run again for the same night: a case reviewed tonight has its next review in
the future, an open enforcement is not opened again, and queue items are not doubled:
an item still open takes the latest stage and review date."""

from decimal import Decimal

from django.db.models import Min, Prefetch, Sum

from cases.models import Case, Party
from cms_portal.audit import audit_events_together

from ..models import Obligation, ObligationKind
from ..models.enforcement_process import EnforcementStep
from ..services.accounts import lock_case_accounts
from ..services.enforcement_process import (
    open_many_enforcements,
    review_many_enforcements,
    thresholds_on,
)
from ..services.validation import COLLECT_AND_PAY
from .framework import Job, register


def _arrears_in_chunk(on_date, low, high):
    """case id -> (amount owed, oldest unpaid due date) for Collect and Pay cases."""
    rows = (
        Obligation.objects.filter(
            case_id__gte=low,
            case_id__lt=high,
            case__service_type=COLLECT_AND_PAY,
            kind=ObligationKind.MAINTENANCE,
            due_date__lt=on_date,
            outstanding__gt=0,
        )
        .values("case_id")
        .annotate(owed=Sum("outstanding"), oldest=Min("due_date"))
        .values_list("case_id", "owed", "oldest")
    )
    return {case_id: (owed, oldest) for case_id, owed, oldest in rows}


def _latest_steps(low, high):
    """case id -> the latest step of its open enforcement."""
    latest = {}
    for step in (
        EnforcementStep.objects.filter(
            case_id__gte=low, case_id__lt=high, enforcement_case__closed_on__isnull=True
        )
        .select_related("enforcement_case")
        .order_by("id")
    ):
        latest[step.case_id] = step
    return latest


def _lock_cases(case_ids):
    """The cases, locked, with their parties (and their sign-ins) for the letters."""
    parties = Party.objects.select_related("user")
    return (
        Case.objects.select_for_update()
        .filter(pk__in=case_ids)
        .prefetch_related(Prefetch("parties", queryset=parties))
        .in_bulk()
    )


def escalate(on_date, low, high):
    owed_by_case = _arrears_in_chunk(on_date, low, high)
    latest = _latest_steps(low, high)
    rules = thresholds_on(on_date)
    to_open = [
        case_id
        for case_id, (owed, oldest) in owed_by_case.items()
        if case_id not in latest
        and owed >= rules.arrears_amount
        and (on_date - oldest).days >= rules.days_in_arrears
    ]
    stats = {"opened": 0, "reminders": 0, "queued": 0, "cleared": 0}
    if not to_open and not latest:
        return stats
    lock_case_accounts(set(to_open) | set(latest))
    cases = _lock_cases(set(to_open) | set(latest))
    reviews = []
    for case_id, step in sorted(latest.items()):
        step.enforcement_case.case = cases[case_id]
        reviews.append((step, owed_by_case.get(case_id, (Decimal("0.00"), None))[0]))
    # The openings' and the reviews' audit events in one statement.
    with audit_events_together():
        opened = open_many_enforcements(
            acting_user=None,
            openings=[(cases[case_id], owed_by_case[case_id][0]) for case_id in sorted(to_open)],
            on_date=on_date,
            rules=rules,
        )
        stats["opened"] = len(opened)
        stats.update(review_many_enforcements(on_date=on_date, rules=rules, reviews=reviews))
    return stats


register(Job("escalate_enforcement", escalate, after="detect_missed_payments"))
