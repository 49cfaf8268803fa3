"""Reads of money for a case, as one party sees it. Views first resolve the case and the
party through `cases.selectors` (Http404 for anything not the user's); everything here
then only reads that party's own account, so one parent's payments page never shows
another receiving parent's money or the paying parent's payment methods."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q, Subquery, Sum, Window
from django.http import Http404

from calculation.fees import instalment_fees
from calculation.money import PENNY

from .dates import business_date, financial_year_start, next_due_dates
from .models import (
    Account,
    AccountRole,
    Allocation,
    ArrearsPaymentPlan,
    DirectPayReport,
    Disbursement,
    EnforcementAction,
    EnforcementStep,
    EntryKind,
    Instalment,
    LedgerEntry,
    Obligation,
    ObligationKind,
    PaymentSchedule,
    PlanStatus,
    ScheduleShare,
)
from .services.validation import COLLECT_AND_PAY

ZERO = Decimal("0.00")
STATEMENT_PAGE_SIZE = 50


def account_for(case, party):
    """The party's own account in the case (the paying account for the paying party)."""
    return Account.objects.filter(case=case, party=party).first()


def is_collect_and_pay(case):
    return case.service_type == COLLECT_AND_PAY


def _sum(queryset, field="amount"):
    # Every amount is whole pennies; quantising keeps SQLite's floating-point SUM exact.
    total = queryset.aggregate(total=Sum(field))["total"] or ZERO
    return Decimal(total).quantize(PENNY)


def arrears(case, on_date=None, account=None):
    """Maintenance that fell due before `on_date` and is unpaid; for a receiving
    parent's account, only the maintenance due to them."""
    on_date = on_date or business_date()
    debts = Obligation.objects.filter(
        case=case, kind=ObligationKind.MAINTENANCE, due_date__lt=on_date, outstanding__gt=0
    )
    if account is not None and account.role == AccountRole.RECEIVING:
        debts = debts.filter(receiving_account=account)
    return _sum(debts, "outstanding")


def arrears_and_unpaid_charges(case, on_date=None):
    """`arrears(case)` and `unpaid_fees_and_charges(case)` in one query."""
    on_date = on_date or business_date()
    maintenance = Q(kind=ObligationKind.MAINTENANCE)
    totals = Obligation.objects.filter(case=case, outstanding__gt=0).aggregate(
        arrears=Sum("outstanding", filter=maintenance & Q(due_date__lt=on_date)),
        charges=Sum("outstanding", filter=~maintenance),
    )
    return tuple(Decimal(totals[name] or ZERO).quantize(PENNY) for name in ("arrears", "charges"))


def unpaid_fees_and_charges(case):
    return _sum(
        Obligation.objects.filter(case=case, outstanding__gt=0).exclude(
            kind=ObligationKind.MAINTENANCE
        ),
        "outstanding",
    )


def fees_since(account, since):
    """Collection fees paid by (paying) or taken from (receiving) the account holder."""
    if account.role == AccountRole.PAYING:
        return _sum(
            Allocation.objects.filter(
                receipt__account=account,
                allocated_on__gte=since,
                obligation__kind=ObligationKind.COLLECTION_FEE,
            )
        )
    return -_sum(
        LedgerEntry.objects.filter(account=account, effective_date__gte=since).filter(
            Q(kind=EntryKind.RECEIVING_PARENT_FEE)
            | Q(kind=EntryKind.REVERSAL, reverses__kind=EntryKind.RECEIVING_PARENT_FEE)
        )
    )


def active_plan(case):
    return ArrearsPaymentPlan.objects.filter(case=case, status=PlanStatus.ACTIVE).first()


_PLAN_FIELDS = ("id", "case_id", "status", "amount_per_instalment", "starts_on", "expected_end_on")


@dataclass(frozen=True)
class PlanProgress:
    """How far a plan has paid off the arrears it was agreed for."""

    arrears_at_start: Decimal
    paid: Decimal
    left: Decimal


def plan_progress(plan):
    """Paid towards the plan's arrears so far and what is left of them."""
    left = ZERO
    if plan.arrears_before is not None:
        left = _sum(
            Obligation.objects.filter(
                case_id=plan.case_id,
                kind=ObligationKind.MAINTENANCE,
                outstanding__gt=0,
                due_date__lt=plan.arrears_before,
            ),
            "outstanding",
        )
    left = min(left, plan.arrears_at_start)
    return PlanProgress(plan.arrears_at_start, plan.arrears_at_start - left, left)


def open_schedule(case):
    """The case's schedule with no end (what the next payments are made from), or None."""
    return PaymentSchedule.objects.filter(case=case, ends_on__isnull=True).first()


def enforcement_opened():
    """An annotation for `account_position`: whether enforcement was ever opened on the
    account's case (most cases never have it, and then need no read of its stages)."""
    return {"enforcement_opened": Exists(EnforcementStep.objects.filter(case=OuterRef("case")))}


@dataclass(frozen=True)
class AccountPosition:
    """The party's account with the arrears on it and the case's active plan."""

    account: Account
    arrears: Decimal
    plan: ArrearsPaymentPlan | None


def account_position(case, party, on_date=None, *, with_plan=True, extra=None):
    """`account_for`, `arrears` and `active_plan` in one query (every parent's page shows
    all three), or None when the party has no account in the case. `extra` annotations
    (other areas' facts about the account) are read in the same query."""
    on_date = on_date or business_date()
    debts = (
        Obligation.objects.filter(
            case=OuterRef("case"),
            kind=ObligationKind.MAINTENANCE,
            due_date__lt=on_date,
            outstanding__gt=0,
        )
        .order_by()
        .values("case")
    )
    annotations = {
        "case_arrears": Subquery(debts.annotate(total=Sum("outstanding")).values("total")),
        "own_arrears": Subquery(
            debts.filter(receiving_account=OuterRef("pk"))
            .annotate(total=Sum("outstanding"))
            .values("total")
        ),
    }
    accounts = Account.objects.filter(case=case, party=party)
    if with_plan:
        # A case has at most one active plan (a unique constraint), so joining it keeps
        # one row; a join is cheaper to build and run than a subquery per field.
        accounts = accounts.alias(
            active_plan=FilteredRelation(
                "case__arrears_payment_plans",
                condition=Q(case__arrears_payment_plans__status=PlanStatus.ACTIVE),
            )
        )
        for name in _PLAN_FIELDS:
            annotations[f"plan_{name}"] = F(f"active_plan__{name}")
    # The day of the account's first entry, for the statements offered beside the money.
    annotations["first_entry_on"] = Subquery(
        LedgerEntry.objects.filter(account=OuterRef("pk"))
        .order_by("effective_date", "id")
        .values("effective_date")[:1]
    )
    annotations.update(extra or {})
    account = accounts.annotate(**annotations).first()
    if account is None:
        return None
    total = account.own_arrears if account.role == AccountRole.RECEIVING else account.case_arrears
    plan = None
    if with_plan and account.plan_id is not None:
        # A plan with only these fields loaded, as `.only()` would give (model field order).
        names = [
            f.attname for f in ArrearsPaymentPlan._meta.concrete_fields if f.attname in _PLAN_FIELDS
        ]
        plan = ArrearsPaymentPlan.from_db(
            account._state.db, names, [getattr(account, f"plan_{name}") for name in names]
        )
    return AccountPosition(account=account, arrears=total or ZERO, plan=plan)


@dataclass(frozen=True)
class Upcoming:
    """One payment due: the maintenance for the party's shares and the collection fee on
    it (added for the paying parent, taken off for a receiving parent)."""

    due_date: date
    maintenance: Decimal
    fee: Decimal


def upcoming_payments(case, party, count=6, on_date=None):
    """The next `count` payments from today, across the current schedule and one
    starting later: for the paying parent every share, for a receiving parent their own.
    Fees are worked out per share and instalment exactly as the ledger posts them."""
    on_date = on_date or business_date()
    collect = is_collect_and_pay(case)
    # The shares with their schedules in one query; a schedule with none of the party's
    # shares has nothing for them.
    shares_read = (
        ScheduleShare.objects.filter(schedule__case=case)
        .filter(Q(schedule__ends_on__isnull=True) | Q(schedule__ends_on__gte=on_date))
        .select_related("schedule")
        .order_by("schedule__starts_on", "schedule_id", "id")
    )
    if not party.is_paying:
        shares_read = shares_read.filter(receiving_party=party)
    by_schedule: dict[Any, Any] = {}
    for share in shares_read:
        by_schedule.setdefault(share.schedule_id, (share.schedule, []))[1].append(share)
    payments = []
    for schedule, shares in by_schedule.values():
        start = max(on_date, schedule.starts_on)
        for due in next_due_dates(schedule.first_due_date, schedule.frequency, start, count):
            if schedule.ends_on and due > schedule.ends_on:
                break
            fees = [instalment_fees(share.instalment_amount, due) for share in shares]
            fee = ZERO
            if collect:
                fee = sum(
                    ((f.paying_fee if party.is_paying else f.receiving_fee) for f in fees),
                    start=ZERO,
                )
            payments.append(Upcoming(due, sum((f.maintenance for f in fees), start=ZERO), fee))
    return sorted(payments, key=lambda p: p.due_date)[:count]


def past_instalments(case, party, limit=12):
    """Recent instalments with how much of each is unpaid (Collect and Pay) or what the
    receiving parent reported (Direct Pay)."""
    instalments = (
        Instalment.objects.filter(case=case, due_date__lt=business_date())
        .order_by("-due_date")
        .annotate(
            unpaid=Sum(
                "obligations__outstanding", filter=Q(obligations__kind=ObligationKind.MAINTENANCE)
            )
        )
        .prefetch_related("direct_pay_reports", "schedule__shares")
    )
    return list(instalments[:limit])


def recent_disbursements(account, limit=6):
    return list(Disbursement.objects.filter(account=account).order_by("-business_date")[:limit])


def enforcement_actions(case):
    return list(EnforcementAction.objects.filter(case=case).order_by("-taken_on", "-id"))


def _statement_base(account, date_from, date_to):
    entries = LedgerEntry.objects.filter(account=account)
    opening = ZERO
    if date_from:
        opening = _sum(entries.filter(effective_date__lt=date_from))
        entries = entries.filter(effective_date__gte=date_from)
    if date_to:
        entries = entries.filter(effective_date__lte=date_to)
    return entries, opening


def _with_running_balance(entries):
    return (
        entries.annotate(
            running_balance=Window(
                Sum("amount"), order_by=[F("effective_date").asc(), F("id").asc()]
            )
        )
        .select_related(
            "receipt", "enforcement_action", "reverses__receipt", "reverses__enforcement_action"
        )
        .order_by("-effective_date", "-id")
    )


def statement_entries(account, date_from=None, date_to=None):
    """Ledger entries newest first, each with `running_balance` (the balance after it
    from the start of the range; add `opening`, the balance before the range). A fixed
    number of queries for any size of history."""
    entries, opening = _statement_base(account, date_from, date_to)
    return _with_running_balance(entries), opening


def statement_page(account, date_from, date_to, page_number):
    """One page of the statement. Counting uses the plain query; only the page's rows
    are fetched with the running balance."""
    entries, opening = _statement_base(account, date_from, date_to)
    page = Paginator(entries.order_by("-effective_date", "-id"), STATEMENT_PAGE_SIZE).get_page(
        page_number
    )
    rows = []
    if page.paginator.count:
        rows = list(_with_running_balance(entries)[page.start_index() - 1 : page.end_index()])
    page.object_list = rows
    return page, opening


def reportable_direct_payments(case, party, count):
    """{due date: amount expected} for this receiving parent's last `count` Direct Pay
    instalments that fell due before today and that they have not reported yet."""
    instalments = (
        Instalment.objects.filter(
            case=case, collect_and_pay=False, due_date__lt=business_date(), cancelled_on=None
        )
        .exclude(direct_pay_reports__party=party)
        .order_by("-due_date")[:count]
    )
    shares = {
        share.schedule_id: share.instalment_amount
        for share in ScheduleShare.objects.filter(receiving_party=party, schedule__case=case)
    }
    return {
        instalment.due_date: shares[instalment.schedule_id]
        for instalment in instalments
        if shares.get(instalment.schedule_id)
    }


def reported_direct_payments(case, party):
    """Due dates of the Direct Pay instalments this receiving parent has reported."""
    return set(
        DirectPayReport.objects.filter(instalment__case=case, party=party).values_list(
            "instalment__due_date", flat=True
        )
    )


def missed_reports_to_act_on(case, party, since):
    """For the paying parent on Direct Pay: payments reported missed since `since`, newest
    first, with the instalment. Nothing about who reported them."""
    if not party.is_paying or is_collect_and_pay(case):
        return []
    return list(
        DirectPayReport.objects.filter(instalment__case=case, reported_at__gte=since)
        .select_related("instalment")
        .order_by("-instalment__due_date")
    )


def direct_pay_report_for(case, party, public_id):
    report = (
        DirectPayReport.objects.filter(public_id=public_id, party=party, instalment__case=case)
        .select_related("instalment")
        .first()
    )
    if report is None:
        raise Http404
    return report


@dataclass(frozen=True)
class BankDetails:
    account_name: str
    sort_code: str
    account_number: str


def collection_bank_details():
    """Where paying parents send money. Set PAYMENTS_COLLECTION_ACCOUNT in settings for a
    real deployment; the default is a placeholder for local and test use."""
    return BankDetails(
        **getattr(
            settings,
            "PAYMENTS_COLLECTION_ACCOUNT",
            {
                "account_name": "Child Maintenance Service",
                "sort_code": "00-00-00",
                "account_number": "00000000",
            },
        )
    )


def fee_year_start(on_date=None):
    return financial_year_start(on_date or business_date())
