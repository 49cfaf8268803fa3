"""Instalments falling due: the instalment row, and on Collect and Pay the maintenance
due to each receiving parent plus the paying parent's collection fee on each amount.
Set-based: callers pass every schedule with something due and hold the accounts' locks."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from calculation.fees import instalment_fees, paying_parent_complies
from calculation.money import PENNY

from ..dates import due_date_on_or_after, due_dates_between
from ..models import (
    ArrearsPaymentPlan,
    ArrearsStatus,
    EntryKind,
    Instalment,
    Obligation,
    ObligationKind,
    PaymentSchedule,
    PlanStatus,
    ScheduleShare,
)
from .bulk import bulk_insert, bulk_set
from .rows import RowMaker, read_rows
from .validation import COLLECT_AND_PAY

INSTALMENT_ROWS = RowMaker(Instalment)
OBLIGATION_ROWS = RowMaker(Obligation)


def complies(paying_account):
    """Whether the paying parent pays on time, for the reform's fees (calculation.fees)."""
    in_arrears = paying_account is not None and (
        paying_account.arrears_status == ArrearsStatus.IN_ARREARS
    )
    return paying_parent_complies(in_arrears=in_arrears)


def share_charges(shares, due, *, compliant=True):
    """[(share, maintenance, fee)] for one instalment: each fee is the paying parent's rate
    in force on the due date (under the reform, the rate for whether they comply), on that
    share alone, rounded half up."""
    return [
        (
            share,
            share.instalment_amount,
            instalment_fees(share.instalment_amount, due, compliant=compliant).paying_fee,
        )
        for share in shares
    ]


def charge_instalment(instalment, charges, paying_account, postings, schedule_id):
    """Post what a saved Collect and Pay instalment charges: one maintenance amount and
    one fee per receiving parent. Returns the debts to create once the entries are saved."""
    pending = []
    due = instalment.due_date
    for share, maintenance, fee in charges:
        key = f"{instalment.case_id}:{due.isoformat()}:{share.receiving_party_id}:{schedule_id}"
        entry = postings.add(
            paying_account,
            EntryKind.MAINTENANCE_DUE,
            maintenance,
            due,
            f"due:{key}",
            instalment_id=instalment.pk,
        )
        if entry is not None:
            pending.append((entry, ObligationKind.MAINTENANCE, share.receiving_account_id))
        entry = postings.add(
            paying_account,
            EntryKind.PAYING_PARENT_FEE,
            fee,
            due,
            f"fee:{key}",
            instalment_id=instalment.pk,
        )
        if entry is not None:
            pending.append((entry, ObligationKind.COLLECTION_FEE, None))
    instalment.fee_amount = sum((fee for _share, _maintenance, fee in charges), start=0)
    if paying_account.current_due_date is None or paying_account.current_due_date < due:
        paying_account.current_due_date = due
    return pending


def create_obligations(pending):
    """Debts for entries now saved (with ids), from `charge_instalment` and the like."""
    bulk_insert(
        Obligation,
        [
            OBLIGATION_ROWS.new(
                case_id=entry.case_id,
                entry_id=entry.pk,
                kind=kind,
                due_date=entry.effective_date,
                instalment_id=entry.instalment_id,
                receiving_account_id=receiving_account_id,
                amount=entry.amount,
                outstanding=entry.amount,
            )
            for entry, kind, receiving_account_id in pending
        ],
    )


def _due_after(schedule, last):
    """The schedule's next due date after `last`, or None when it has ended."""
    following = due_date_on_or_after(
        schedule.first_due_date, schedule.frequency, last + timedelta(days=1)
    )
    if schedule.ends_on and following > schedule.ends_on:
        return None
    return following


def schedules_due(queryset):
    """Rows for schedules with their case's service type and their shares (`shares`)."""
    schedules = read_rows(
        queryset,
        "case_id",
        "frequency",
        "first_due_date",
        "next_due_date",
        "ends_on",
        "instalment_amount",
        "case__service_type",
    )
    shares: dict[Any, Any] = {}
    for share in read_rows(
        ScheduleShare.objects.filter(
            schedule_id__in=[schedule.pk for schedule in schedules]
        ).order_by("id"),
        "schedule_id",
        "receiving_party_id",
        "receiving_account_id",
        "instalment_amount",
    ):
        shares.setdefault(share.schedule_id, []).append(share)
    for schedule in schedules:
        schedule.shares = shares.get(schedule.pk, [])
    return schedules


def add_plan_amounts(instalments, accounts_by_case):
    """Set what each case's active arrears plan adds to its new Collect and Pay
    instalments (rows, oldest first): the plan's amount from the day it starts, never more
    than the arrears left once money received and not yet used has paid them, as the
    parent's pages show it. Two queries, and none without a plan in the chunk."""
    case_ids = {row.case_id for row in instalments if row.collect_and_pay}
    if not case_ids:
        return
    plans = {
        case_id: (amount, starts_on)
        for case_id, amount, starts_on in ArrearsPaymentPlan.objects.filter(
            case_id__in=list(case_ids), status=PlanStatus.ACTIVE
        ).values_list("case_id", "amount_per_instalment", "starts_on")
    }
    if not plans:
        return
    owed = {
        case_id: Decimal(total).quantize(PENNY)
        for case_id, total in Obligation.objects.filter(
            case_id__in=list(plans), kind=ObligationKind.MAINTENANCE, outstanding__gt=0
        )
        .values("case_id")
        .annotate(total=Sum("outstanding"))
        .values_list("case_id", "total")
    }
    remaining = {
        case_id: max(owed.get(case_id, 0) - accounts_by_case[case_id].paying.unallocated, 0)
        for case_id in plans
    }
    for row in sorted(instalments, key=lambda row: row.due_date):
        plan = plans.get(row.case_id)
        if plan is None or not row.collect_and_pay or row.due_date < plan[1]:
            continue
        part = min(plan[0], remaining[row.case_id])
        row.plan_amount = part
        remaining[row.case_id] -= part


def post_due_instalments(schedules, accounts_by_case, on_date, postings):
    """Post every instalment due on or before `on_date` that each schedule (rows from
    `schedules_due`) has not yet posted, then move each schedule's next due date on.
    Returns the number posted."""
    new_instalments = []
    for schedule in schedules:
        last = min(on_date, schedule.ends_on) if schedule.ends_on else on_date
        dates = due_dates_between(
            schedule.first_due_date, schedule.frequency, schedule.next_due_date, last
        )
        collect = schedule.case__service_type == COLLECT_AND_PAY
        compliant = complies(accounts_by_case[schedule.case_id].paying) if collect else True
        for due in dates:
            if schedule.instalment_amount > 0:
                charges = (
                    share_charges(schedule.shares, due, compliant=compliant) if collect else []
                )
                new_instalments.append(
                    (
                        INSTALMENT_ROWS.new(
                            case_id=schedule.case_id,
                            schedule_id=schedule.pk,
                            due_date=due,
                            amount=schedule.instalment_amount,
                            collect_and_pay=collect,
                            fee_amount=sum((fee for _s, _m, fee in charges), start=0),
                        ),
                        charges,
                        schedule,
                    )
                )
        schedule.next_due_date = _due_after(schedule, last)
    add_plan_amounts([instalment for instalment, _c, _s in new_instalments], accounts_by_case)
    bulk_insert(Instalment, [instalment for instalment, _c, _s in new_instalments])
    pending = []
    for instalment, charges, schedule in new_instalments:
        if charges:
            paying = accounts_by_case[instalment.case_id].paying
            pending += charge_instalment(instalment, charges, paying, postings, schedule.pk)
    postings.save(account_fields=("balance", "unallocated", "current_due_date"))
    create_obligations(pending)
    bulk_set(PaymentSchedule, schedules, ["next_due_date"])
    return len(new_instalments)
