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
from django.db import connection
from django.db.models import F, Q, Sum, Window
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
    """A fact for `account_position`: SQL, over the account row `account`, true when
    enforcement was ever opened on its case (most cases never have it, and then need no
    read of its stages)."""
    return {
        "enforcement_opened": (
            f"EXISTS (SELECT 1 FROM {EnforcementStep._meta.db_table} step "  # noqa: S608
            "WHERE step.case_id = account.case_id)"
        )
    }


def _money_value(value):
    """A sum or amount read by hand-written SQL as Django would give it: PostgreSQL
    returns Decimal; SQLite an int or a float."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(value).quantize(PENNY)


def _date_value(value):
    """A date read by hand-written SQL: SQLite returns an expression's date as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class AccountPosition:
    """The party's account with the arrears on it and the case's active plan."""

    account: Account
    arrears: Decimal
    plan: ArrearsPaymentPlan | None


_ACCOUNT_FIELDS = ("id", "case_id", "party_id", "role", "balance", "unallocated")

# Every parent's money page reads this, so it is one fixed statement with explicit
# columns rather than an ORM query rebuilt and recompiled on each request. The arrears are
# the case's unpaid maintenance, or only the receiving account's own for a receiving
# parent. A case has at most one active plan (a unique constraint), so joining it keeps
# one row.
_ACCOUNT_POSITION_SQL = """
SELECT account.id, account.case_id, account.party_id, account.role, account.balance,
    account.unallocated,
    (SELECT SUM(debt.outstanding) FROM payments_obligation debt
        WHERE debt.case_id = account.case_id AND debt.kind = %s AND debt.due_date < %s
            AND debt.outstanding > 0
            AND (account.role <> %s OR debt.receiving_account_id = account.id)),
    (SELECT MIN(entry.effective_date) FROM payments_ledgerentry entry
        WHERE entry.account_id = account.id){more_columns}
FROM payments_account account{plan_join}
WHERE account.case_id = %s AND account.party_id = %s
"""
_PLAN_JOIN = """
LEFT OUTER JOIN payments_arrearspaymentplan active_plan
    ON active_plan.case_id = account.case_id AND active_plan.status = %s"""


def _plan_from_row(values):
    """A plan with only `_PLAN_FIELDS` loaded, as `.only()` would give."""
    if values["id"] is None:
        return None
    values["amount_per_instalment"] = _money_value(values["amount_per_instalment"])
    values["starts_on"] = _date_value(values["starts_on"])
    values["expected_end_on"] = _date_value(values["expected_end_on"])
    names = [f.attname for f in ArrearsPaymentPlan._meta.concrete_fields if f.attname in values]
    return ArrearsPaymentPlan.from_db(connection.alias, names, [values[name] for name in names])


def account_position(case, party, on_date=None, *, with_plan=True, extra=None):
    """`account_for`, `arrears` and `active_plan` in one query (every parent's page shows
    all three), or None when the party has no account in the case. The account comes
    with `first_entry_on`, the day of its first entry (for the statements offered beside
    the money), and with each of the `extra` facts (other areas' SQL about the account
    row `account`, by name) read in the same query."""
    on_date = on_date or business_date()
    facts = extra or {}
    columns = [f"active_plan.{name}" for name in _PLAN_FIELDS] if with_plan else []
    columns += [f"({sql})" for sql in facts.values()]
    sql = _ACCOUNT_POSITION_SQL.format(
        more_columns="".join(f",\n    {column}" for column in columns),
        plan_join=_PLAN_JOIN if with_plan else "",
    )
    params = [ObligationKind.MAINTENANCE, on_date, AccountRole.RECEIVING]
    if with_plan:
        params.append(PlanStatus.ACTIVE)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, case.pk, party.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    fields = len(_ACCOUNT_FIELDS)
    account_id, case_id, party_id, role, balance, unallocated = row[:fields]
    arrears_total, first_entry_on = row[fields : fields + 2]
    rest = row[fields + 2 :]
    account = Account.from_db(
        connection.alias,
        list(_ACCOUNT_FIELDS),
        [account_id, case_id, party_id, role, _money_value(balance), _money_value(unallocated)],
    )
    account.first_entry_on = _date_value(first_entry_on)
    plan = None
    if with_plan:
        plan = _plan_from_row(dict(zip(_PLAN_FIELDS, rest[: len(_PLAN_FIELDS)], strict=True)))
        rest = rest[len(_PLAN_FIELDS) :]
    for name, value in zip(facts, rest, strict=True):
        setattr(account, name, bool(value))
    return AccountPosition(account=account, arrears=_money_value(arrears_total) or ZERO, plan=plan)


@dataclass(frozen=True)
class Upcoming:
    """One payment due: the maintenance for the party's shares and the collection fee on
    it (added for the paying parent, taken off for a receiving parent)."""

    due_date: date
    maintenance: Decimal
    fee: Decimal


@dataclass(frozen=True)
class _ScheduleDates:
    """What the payments due are worked out from, of one schedule."""

    first_due_date: date
    frequency: str
    starts_on: date
    ends_on: date | None


# The shares with their schedules in one fixed statement (the case page and the dashboard
# read it on every request); a schedule with none of the party's shares has nothing
# for them.
_UPCOMING_SHARES_SQL = """
SELECT schedule.id, schedule.first_due_date, schedule.frequency, schedule.starts_on,
    schedule.ends_on, share.instalment_amount
FROM payments_scheduleshare share
INNER JOIN payments_paymentschedule schedule ON schedule.id = share.schedule_id
WHERE schedule.case_id = %s AND (schedule.ends_on IS NULL OR schedule.ends_on >= %s)"""


def upcoming_payments(case, party, count=6, on_date=None):
    """The next `count` payments from today, across the current schedule and one
    starting later: for the paying parent every share, for a receiving parent their own.
    Fees are worked out per share and instalment exactly as the ledger posts them."""
    on_date = on_date or business_date()
    collect = is_collect_and_pay(case)
    sql = _UPCOMING_SHARES_SQL
    params = [case.pk, on_date]
    if not party.is_paying:
        sql += " AND share.receiving_party_id = %s"
        params.append(party.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY schedule.starts_on, share.schedule_id, share.id", params)
        rows = cursor.fetchall()
    by_schedule: dict[Any, Any] = {}
    for schedule_id, first_due_date, frequency, starts_on, ends_on, instalment_amount in rows:
        schedule = _ScheduleDates(
            _date_value(first_due_date), frequency, _date_value(starts_on), _date_value(ends_on)
        )
        by_schedule.setdefault(schedule_id, (schedule, []))[1].append(
            _money_value(instalment_amount)
        )
    payments = []
    for schedule, shares in by_schedule.values():
        start = max(on_date, schedule.starts_on)
        for due in next_due_dates(schedule.first_due_date, schedule.frequency, start, count):
            if schedule.ends_on and due > schedule.ends_on:
                break
            fees = [instalment_fees(amount, due) for amount in shares]
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


@dataclass(frozen=True)
class EntryReceipt:
    method: str


@dataclass(frozen=True)
class EntryAction:
    kind: str


@dataclass(frozen=True)
class StatementEntry:
    """A ledger entry on a page of the statement, with what its description needs."""

    kind: str
    amount: Decimal
    effective_date: date
    receipt: EntryReceipt | None = None
    enforcement_action: EntryAction | None = None
    # The entry a correction cancels (a StatementEntry, or a LedgerEntry when that one is
    # itself a correction, which is read on its own as the model would).
    reverses: Any = None
    # The balance after it from the start of the range; add the opening balance.
    running_balance: Decimal | None = None


# The party's account with the totals a page needs: how many entries are in the range,
# their sum, and what came before the range (the opening balance). One pass over the
# account's entries; no row when the party has no account.
_STATEMENT_TOTALS_SQL = """
SELECT account.id,
    SUM(CASE WHEN {in_range} THEN 1 ELSE 0 END),
    SUM(CASE WHEN {in_range} THEN entry.amount END),
    SUM(CASE WHEN {before_range} THEN entry.amount END)
FROM payments_account account
LEFT OUTER JOIN payments_ledgerentry entry ON entry.account_id = account.id
WHERE account.case_id = %s AND account.party_id = %s
GROUP BY account.id"""

# One page of entries, newest first, with what their descriptions name. `newer` is the sum
# of the range's entries after each one, so its running balance is the range's total less
# that; the index on (account, date, id) gives the rows in order and the page stops early.
# The receipts and enforcement actions are subqueries, not joins: PostgreSQL takes longer
# to plan a six-table join than to run it.
_STATEMENT_ROWS_SQL = """
SELECT entry.kind, entry.amount, entry.effective_date,
    SUM(entry.amount) OVER (
        ORDER BY entry.effective_date DESC, entry.id DESC
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ) AS newer,
    (SELECT receipt.method FROM payments_receipt receipt WHERE receipt.id = entry.receipt_id),
    (SELECT action.kind FROM payments_enforcementaction action
        WHERE action.id = entry.enforcement_action_id),
    reversed.id, reversed.kind, reversed.amount, reversed.effective_date, reversed.reverses_id,
    (SELECT receipt.method FROM payments_receipt receipt WHERE receipt.id = reversed.receipt_id),
    (SELECT action.kind FROM payments_enforcementaction action
        WHERE action.id = reversed.enforcement_action_id)
FROM payments_ledgerentry entry
LEFT OUTER JOIN payments_ledgerentry reversed ON reversed.id = entry.reverses_id
WHERE entry.account_id = %s{range}
ORDER BY entry.effective_date DESC, entry.id DESC
LIMIT %s OFFSET %s"""


def _range_condition(date_from, date_to):
    """SQL conditions for entries between the dates (either may be missing), and their
    parameters."""
    conditions, params = [], []
    if date_from:
        conditions.append("entry.effective_date >= %s")
        params.append(date_from)
    if date_to:
        conditions.append("entry.effective_date <= %s")
        params.append(date_to)
    return conditions, params


def _statement_entry(row, total):
    (kind, amount, effective_date, newer, method, action_kind) = row[:6]
    reversed_id, reversed_kind, reversed_amount, reversed_date, reversed_reverses_id = row[6:11]
    reversed_method, reversed_action_kind = row[11:]
    reverses = None
    # A correction is never itself corrected (the services refuse); should one be, the
    # entry it cancels is read as the model gives it, to describe it the same way.
    if reversed_id is not None and reversed_reverses_id is not None:
        reverses = LedgerEntry.objects.select_related(
            "receipt", "enforcement_action", "reverses"
        ).get(pk=reversed_id)
    elif reversed_id is not None:
        reverses = StatementEntry(
            reversed_kind,
            _money_value(reversed_amount),
            _date_value(reversed_date),
            EntryReceipt(reversed_method) if reversed_method is not None else None,
            EntryAction(reversed_action_kind) if reversed_action_kind is not None else None,
        )
    return StatementEntry(
        kind,
        _money_value(amount),
        _date_value(effective_date),
        EntryReceipt(method) if method is not None else None,
        EntryAction(action_kind) if action_kind is not None else None,
        reverses,
        total - (_money_value(newer) or ZERO),
    )


def statement_page(case, party, date_from, date_to, page_number):
    """One page of the party's statement and the opening balance, or None when the party
    has no account in the case. Two queries for any size of history: the account with
    the range's totals, then only the page's rows."""
    conditions, range_params = _range_condition(date_from, date_to)
    # An account without entries still has its row, with no entry joined to it.
    in_range = " AND ".join(["entry.id IS NOT NULL", *conditions])
    before_range = "entry.effective_date < %s" if date_from else "1 = 0"
    with connection.cursor() as cursor:
        cursor.execute(
            _STATEMENT_TOTALS_SQL.format(in_range=in_range, before_range=before_range),
            [*range_params, *range_params, *([date_from] if date_from else []), case.pk, party.pk],
        )
        found = cursor.fetchone()
        if found is None:
            return None
        account_id, count, total, opening = found
        # The paginator needs only the count, already read: it pages a range of that size.
        page = Paginator(range(count or 0), STATEMENT_PAGE_SIZE).get_page(page_number)
        rows = []
        if page.paginator.count:
            cursor.execute(
                _STATEMENT_ROWS_SQL.format(range="".join(f" AND {c}" for c in conditions)),
                [account_id, *range_params, STATEMENT_PAGE_SIZE, page.start_index() - 1],
            )
            total = _money_value(total) or ZERO
            rows = [_statement_entry(row, total) for row in cursor.fetchall()]
    page.object_list = rows
    return page, _money_value(opening) or ZERO


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
