"""Finding Collect and Pay instalments not paid in full, marking the case in arrears,
and telling both parents (and a caseworker when it keeps happening).

Decisions documented here:
- An instalment counts as missed when any of it is still unpaid `GRACE_DAYS` after it
  fell due (payments by Direct Debit or bank transfer take up to 3 working days to
  arrive); part paid when some of it was paid.
- A case goes to a caseworker for escalation on the second missed instalment in a row
  (the count starts again once the arrears are cleared), once per run of misses.
- The job looks back `LOOKBACK_DAYS`, so a month of nights without a run is caught up.
- On a case with an active Deduction from Earnings Order the employer pays a month's
  deductions by the 19th of the month after, so its instalments count as missed only
  once that deadline has passed (and the look back runs from that month).
- Money reaches the ledger only when bank money is matched to the employer's payment,
  days after the employer sends it. While an employer's payment for the case is within
  the clearing allowance of the date it was sent and not yet on the ledger, it counts
  towards the case's unpaid instalments (oldest first); an instalment it covers is not
  missed yet, and is checked again the next night. So does money the ledger gave to a
  later instalment the employer is not yet due to pay for.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calculation.dated import DatedTable
from cms_portal.formatting import money
from cms_portal.notify import send_email
from cms_portal.party_alerts import PAYMENT_MISSED, send_party_alert

from ..employer_money import employer_money
from ..models import (
    Account,
    AccountRole,
    ArrearsStatus,
    MissedKind,
    MissedPaymentNotice,
    Obligation,
    ObligationKind,
)
from .accounts import lock_case_accounts
from .bulk import bulk_insert, bulk_set
from .rows import RowMaker

NOTICE_ROWS = RowMaker(MissedPaymentNotice)

GRACE_DAYS = 3
LOOKBACK_DAYS = 31
ESCALATE_AFTER_MISSES = 2


@dataclass(frozen=True, slots=True)
class ClearingAllowance:
    effective_from: date | None
    # Calendar days from the day an employer sends a payment to the day it can be
    # expected matched in CMS's bank. Decision: a Bacs credit takes three working days
    # (Pay.UK's Bacs three-day cycle: input, processing, entry), a weekend and a bank
    # holiday can add three calendar days, and the statement showing it is imported the
    # next day: 7 days.
    days: int


CLEARING_ALLOWANCE: DatedTable[ClearingAllowance] = DatedTable(
    "clearing allowance",
    [
        ClearingAllowance(effective_from=date(2012, 12, 10), days=7),
    ],
)


def clearing_days(on_date):
    return CLEARING_ALLOWANCE.on(on_date).days


def overdue_cutoff(on_date):
    return on_date - timedelta(days=GRACE_DAYS)


def _overdue_window(cutoff):
    """Instalments due in the window the job checks: up to `cutoff`, or for a case paid
    through an employer, up to the end of the latest month whose employer payment
    deadline has passed by `cutoff`."""
    window = Q(due_date__lte=cutoff, due_date__gt=cutoff - timedelta(days=LOOKBACK_DAYS))
    paid_by_employer = employer_money().paid_by_employer()
    if paid_by_employer is None:
        return window
    employer_cutoff = employer_money().employer_cutoff(cutoff)
    return (~paid_by_employer & window) | (
        paid_by_employer
        & Q(
            due_date__lte=employer_cutoff,
            due_date__gt=employer_cutoff - timedelta(days=LOOKBACK_DAYS),
        )
    )


def detect_missed_payments(case_range, on_date):
    """Notices for newly missed instalments of cases with ids in [lo, hi); arrears
    statuses set and cleared. Returns the new notices."""
    lo, hi = case_range
    cutoff = overdue_cutoff(on_date)
    in_range = {"case_id__gte": lo, "case_id__lt": hi}
    unpaid: dict[Any, Any] = {}
    for instalment_id, case_id, amount, outstanding in (
        Obligation.objects.filter(
            _overdue_window(cutoff),
            **in_range,
            kind=ObligationKind.MAINTENANCE,
            outstanding__gt=0,
            instalment__missed_notice__isnull=True,
        )
        .order_by("due_date", "instalment_id")
        .values_list("instalment_id", "case_id", "amount", "outstanding")
    ):
        row = unpaid.setdefault(instalment_id, [case_id, 0, 0])
        row[1] += amount
        row[2] += outstanding
    employer_money().leave_out_employers_money(unpaid, on_date, cutoff)
    notices = []
    if unpaid:
        accounts = lock_case_accounts({case_id for case_id, _a, _o in unpaid.values()})
        changed = {}
        for instalment_id, (case_id, amount, outstanding) in sorted(unpaid.items()):
            paying = accounts[case_id].paying
            paying.arrears_status = ArrearsStatus.IN_ARREARS
            paying.missed_in_row += 1
            escalate = paying.missed_in_row >= ESCALATE_AFTER_MISSES and not paying.escalated_on
            if escalate:
                paying.escalated_on = on_date
            changed[paying.pk] = paying
            notices.append(
                NOTICE_ROWS.new(
                    instalment_id=instalment_id,
                    case_id=case_id,
                    outstanding=outstanding,
                    kind=MissedKind.MISSED if outstanding == amount else MissedKind.PART_PAID,
                    business_date=on_date,
                    escalate=escalate,
                )
            )
        bulk_insert(MissedPaymentNotice, notices)
        bulk_set(Account, changed.values(), ["arrears_status", "missed_in_row", "escalated_on"])
    overdue = Obligation.objects.filter(
        case_id=OuterRef("case_id"),
        kind=ObligationKind.MAINTENANCE,
        outstanding__gt=0,
        due_date__lte=cutoff,
    )
    (
        Account.objects.filter(
            **in_range, role=AccountRole.PAYING, arrears_status=ArrearsStatus.IN_ARREARS
        )
        .exclude(Exists(overdue))
        .update(arrears_status=ArrearsStatus.UP_TO_DATE, missed_in_row=0, escalated_on=None)
    )
    return notices


def notify_missed_payments(notice_ids):
    """Email both parents about each notice not yet sent, and queue escalations. Safe to
    run twice: a notice is marked sent in the same transaction (emails go after commit)."""
    from casework.services import add_to_caseworker_queue

    with transaction.atomic():
        notices = list(
            MissedPaymentNotice.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(notice_ids), notified_at__isnull=True)
            .select_related("instalment", "case")
            .prefetch_related("case__parties__user")
            .order_by("pk")
        )
        for notice in notices:
            _email_parents(notice)
            if notice.escalate:
                add_to_caseworker_queue(
                    acting_user=None,
                    case=notice.case,
                    kind="missed_payment",
                    summary=_("Second missed payment in a row: %(amount)s unpaid from %(date)s")
                    % {
                        "amount": money(notice.outstanding),
                        "date": notice.instalment.due_date.isoformat(),
                    },
                    source_reference=f"missed-payment:{notice.instalment_id}",
                )
            notice.notified_at = timezone.now()
        bulk_set(MissedPaymentNotice, notices, ["notified_at"])
    return len(notices)


def _email_parents(notice):
    context = {
        "case_reference": notice.case.reference,
        "due_date": notice.instalment.due_date,
        "part_paid": notice.kind == MissedKind.PART_PAID,
    }
    paying_context = {**context, "outstanding": notice.outstanding}
    for party in notice.case.parties.all():
        # The alerts app tells each parent as they chose, with no amounts or names.
        if send_party_alert(PAYMENT_MISSED, party):
            continue
        template = (
            "payments_missed_payment_paying"
            if party.is_paying
            else "payments_missed_payment_receiving"
        )
        send_email(
            to=party.notification_email,
            template=template,
            context={
                **(paying_context if party.is_paying else context),
                "party_name": party.full_name,
            },
            language=party.notification_language,
        )
