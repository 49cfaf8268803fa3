"""The nightly enforcement job, after missed payments are found. For each Collect and
Pay case in the chunk:

- arrears past the thresholds in force (days since the oldest unpaid maintenance fell
  due, and amount) and no enforcement open: enforcement opens with an arrears notice;
- enforcement open and its review date reached: after the notice, a reminder; then the
  case goes to a caseworker's queue to consider the next stage, with a new review date.
  No stage beyond the notice and reminder is ever taken here;
- enforcement open and no arrears left: a caseworker is asked to close it.

Safe to run again for the same night: a case reviewed tonight has its next review in
the future, an open enforcement is not opened again, and queue items are not doubled:
an item still open takes the latest stage and review date."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Min, Sum
from django.utils.translation import gettext as _

from cases.models import Case
from cms_portal.formatting import money

from ..enforcement_rules import next_stage
from ..models import Obligation, ObligationKind
from ..models.enforcement_process import (
    EnforcementStage,
    EnforcementStep,
    StepStatus,
)
from ..services.accounts import lock_case_accounts
from ..services.enforcement_notices import REMINDER, send_notice_stage_letters
from ..services.enforcement_process import (
    _add_step,
    open_enforcement,
    queue_for_caseworker,
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
        .select_related("enforcement_case__case")
        .order_by("id")
    ):
        latest[step.case_id] = step
    return latest


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
    cases = Case.objects.in_bulk(to_open)
    for case_id in sorted(cases):
        open_enforcement(
            acting_user=None,
            case=cases[case_id],
            on_date=on_date,
            owed=owed_by_case[case_id][0],
        )
        stats["opened"] += 1
    review_days = timedelta(days=rules.review_after_days)
    for case_id, step in sorted(latest.items()):
        enforcement_case = step.enforcement_case
        owed = owed_by_case.get(case_id, (Decimal("0.00"), None))[0]
        if owed <= 0:
            queue_for_caseworker(
                enforcement_case,
                _("Arrears cleared: close enforcement"),
                "enforcement-cleared",
            )
            stats["cleared"] += 1
            continue
        if step.next_review_on is None or step.next_review_on > on_date:
            continue
        stage = EnforcementStage(step.stage)
        if stage == EnforcementStage.ARREARS_NOTICE:
            # Reminders belong to the notice stage: the only other step taken here.
            _add_step(
                enforcement_case,
                None,
                stage=EnforcementStage.REMINDER,
                status=StepStatus.STARTED,
                started_on=on_date,
                next_review_on=on_date + review_days,
                automatic=True,
                idempotency_key=f"reminder:{step.pk}",
            )
            send_notice_stage_letters(enforcement_case.case, REMINDER)
            stats["reminders"] += 1
            stage = EnforcementStage.REMINDER
        else:
            _add_step(
                enforcement_case,
                None,
                stage=stage,
                status=StepStatus.REVIEW_QUEUED,
                started_on=step.started_on,
                next_review_on=on_date + review_days,
                liability_route=step.liability_route,
                order_reference=step.order_reference,
                automatic=True,
                idempotency_key=f"review:{step.pk}",
            )
        following = next_stage(stage)
        queue_for_caseworker(
            enforcement_case,
            _(
                "Enforcement review: %(owed)s in arrears at %(stage)s. Consider %(next)s; "
                "review again by %(date)s"
            )
            % {
                "owed": money(owed),
                "stage": stage.label,
                "next": following.label if following else _("further action"),
                "date": (on_date + review_days).isoformat(),
            },
            "enforcement-review",
            review_by=on_date + review_days,
        )
        stats["queued"] += 1
    return stats


register(Job("escalate_enforcement", escalate, after="detect_missed_payments"))
