"""A parent's money on a case, worked out once per request: the payments due next (with
fees, any arrears plan and what an employer takes from pay), arrears and balance, and the
words every page shows for them. The case page, the dashboard, the payments summary, the
schedule and "How to pay" all show these figures, so they cannot disagree."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from calculation.instalments import per_other_frequency
from cms_portal.formatting import govuk_date, money

from .. import selectors
from ..employer_money import employer_money
from .statement import signed_money
from .words import paying_fee_rate, receiving_fee_rate

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Payment:
    """One payment as the reader sees it."""

    paying: bool
    due_date: date
    maintenance: Decimal
    fee: Decimal
    plan: Decimal = ZERO
    # What an employer takes from the paying parent's pay towards this payment.
    employer: Decimal = ZERO

    @property
    def total(self):
        if self.paying:
            return self.maintenance + self.fee + self.plan
        return self.maintenance - self.fee

    @property
    def left_to_pay(self):
        """What the paying parent must still pay themselves."""
        return max(self.total - self.employer, ZERO)


@dataclass(frozen=True)
class MoneyPosition:
    paying: bool
    collect: bool
    payments: list = field(default_factory=list)
    arrears: Decimal = ZERO
    balance: Decimal | None = None
    in_arrears: bool = False
    plan: object = None
    # A plan adds nothing while there are no arrears left to pay (or the parent is in
    # credit); it is kept so it applies again if arrears build up.
    plan_paused: bool = False
    employer_name: str = ""
    deduction_lines: list = field(default_factory=list)
    # The day of the first entry on the account (None before any).
    first_entry_on: date | None = None
    # Whether enforcement was ever opened on the case (read with the account, Collect
    # and Pay only), so pages need not look for its stages when it never was.
    enforcement_opened: bool = True

    @property
    def next(self):
        return self.payments[0] if self.payments else None

    @property
    def in_credit(self):
        return self.balance is not None and self.balance < 0


def _plan_amounts(plan, payments, remaining):
    """The plan's part of each payment, never more than the arrears still to pay."""
    amounts = []
    for payment in payments:
        extra = ZERO
        if plan is not None and payment.due_date >= plan.starts_on and remaining > 0:
            extra = min(plan.amount_per_instalment, remaining)
            remaining -= extra
        amounts.append(extra)
    return amounts


def money_position(case, party, *, count=6, on_date=None):
    """The figures for `party` (already resolved through a scoped selector), or None when
    the party has no account in the case."""
    paying = party.is_paying
    collect = selectors.is_collect_and_pay(case)
    extra = employer_money().deduction_orders_exist() if paying else {}
    if collect:
        extra |= selectors.enforcement_opened()
    read = selectors.account_position(
        case,
        party,
        on_date,
        # A receiving parent is shown only that a plan is agreed and when it should end.
        with_plan=collect,
        extra=extra,
    )
    if read is None:
        return None
    account, arrears, plan = read.account, read.arrears, read.plan
    upcoming = selectors.upcoming_payments(case, party, count=count, on_date=on_date)
    with_orders = paying and getattr(account, "has_deduction_orders", True)
    order, deduction_lines = (
        employer_money().active_deduction(case, party) if with_orders else (None, [])
    )
    balance = account.balance if collect else None
    # Money received and not yet used pays arrears first, so the plan need not.
    remaining = (
        ZERO if balance is not None and balance < 0 else max(arrears - account.unallocated, ZERO)
    )
    plan_parts = _plan_amounts(plan, upcoming, remaining)
    employer = ZERO
    if order is not None:
        employer = per_other_frequency(
            order.normal_deduction_rate, order.pay_frequency, case.payment_frequency
        )
    payments = [
        Payment(paying, p.due_date, p.maintenance, p.fee, extra, employer if collect else ZERO)
        for p, extra in zip(upcoming, plan_parts, strict=True)
    ]
    return MoneyPosition(
        paying=paying,
        collect=collect,
        payments=payments,
        arrears=arrears,
        balance=balance,
        in_arrears=bool(arrears),
        plan=plan,
        plan_paused=plan is not None and remaining <= 0,
        employer_name=order.employer.name if order is not None and collect else "",
        deduction_lines=deduction_lines,
        first_entry_on=account.first_entry_on,
        enforcement_opened=getattr(account, "enforcement_opened", True),
    )


# Words -------------------------------------------------------------------------------


def next_payment_text(position):
    payment = position.next
    if payment is None:
        return _("No payments are due")
    template = (
        _("%(amount)s due on %(date)s") if position.paying else _("%(amount)s expected on %(date)s")
    )
    return template % {"amount": money(payment.total), "date": govuk_date(payment.due_date)}


def next_payment_hint(position):
    """How the next payment is made up, and who pays it, so nobody has to guess."""
    payment = position.next
    if payment is None or not position.collect:
        return ""
    if not position.paying:
        return _(
            "This is %(gross)s collected for you, less a %(fee)s collection fee (%(rate)s)."
        ) % {
            "gross": money(payment.maintenance),
            "fee": money(payment.fee),
            "rate": receiving_fee_rate(payment.due_date),
        }
    figures = {
        "maintenance": money(payment.maintenance),
        "fee": money(payment.fee),
        "rate": paying_fee_rate(payment.due_date),
        "plan": money(payment.plan),
    }
    if payment.plan:
        made_up = (
            _(
                "This is %(maintenance)s child maintenance, a %(fee)s collection fee "
                "(%(rate)s) and %(plan)s towards arrears."
            )
            % figures
        )
    else:
        made_up = (
            _("This is %(maintenance)s child maintenance and a %(fee)s collection fee (%(rate)s).")
            % figures
        )
    who = who_pays_text(position)
    return f"{made_up} {who}" if who else made_up


def who_pays_text(position):
    """With an employer deducting: what they take and what is left for the parent."""
    payment = position.next
    if payment is None or not position.employer_name:
        return ""
    figures = {
        "employer": position.employer_name,
        "amount": money(payment.employer),
        "left": money(payment.left_to_pay),
    }
    if payment.left_to_pay:
        return (
            _(
                "%(employer)s takes %(amount)s from your pay for this payment. You need to "
                "pay the rest, %(left)s, yourself."
            )
            % figures
        )
    return (
        _(
            "%(employer)s takes %(amount)s from your pay, which covers this payment. You do "
            "not need to pay anything yourself."
        )
        % figures
    )


def balance_text(position):
    balance = position.balance
    if balance is None:
        return ""
    if position.paying:
        if balance > 0:
            return _("You owe %(amount)s in total") % {"amount": money(balance)}
        if balance < 0:
            return _("You are %(amount)s in credit") % {"amount": money(-balance)}
        return _("You owe nothing")
    if balance > 0:
        return _("%(amount)s collected, to be paid to you") % {"amount": money(balance)}
    return _("Nothing is waiting to be paid to you")


def arrears_text(position):
    return money(position.arrears) if position.arrears else ""


def plan_text(position):
    plan = position.plan
    if plan is None:
        return ""
    if not position.paying:
        if plan.expected_end_on is None:
            return _("Agreed: the paying parent pays towards the arrears with each payment")
        return _(
            "Agreed: the paying parent pays towards the arrears with each payment, and "
            "should have paid them off by %(date)s"
        ) % {"date": govuk_date(plan.expected_end_on)}
    if position.plan_paused:
        return _("Paused: you have no arrears, so nothing is added to your payments")
    return _("%(amount)s with each payment from %(date)s") % {
        "amount": money(plan.amount_per_instalment),
        "date": govuk_date(plan.starts_on),
    }


def upcoming_table(position):
    """govukTable head and rows for the payments due next."""
    paying, collect = position.paying, position.collect
    numeric = {"format": "numeric"}
    if not collect:
        head = [{"text": _("Date")}, {"text": _("Amount"), **numeric}]
        rows = [
            [{"text": govuk_date(p.due_date)}, {"text": money(p.maintenance), **numeric}]
            for p in position.payments
        ]
        return head, rows
    if not paying:
        head = [
            {"text": _("Date")},
            {"text": _("Collected"), **numeric},
            {"text": _("Collection fee"), **numeric},
            {"text": _("You get"), **numeric},
        ]
        rows = [
            [
                {"text": govuk_date(p.due_date)},
                {"text": money(p.maintenance), **numeric},
                {"text": signed_money(-p.fee), **numeric},
                {"text": money(p.total), **numeric},
            ]
            for p in position.payments
        ]
        return head, rows
    with_plan = any(p.plan for p in position.payments)
    head = [
        {"text": _("Date")},
        {"text": _("Child maintenance"), **numeric},
        {"text": _("Collection fee"), **numeric},
    ]
    if with_plan:
        head.append({"text": _("Towards arrears"), **numeric})
    if position.employer_name:
        head += [
            {"text": _("Total due"), **numeric},
            {"text": _("Taken from your pay"), **numeric},
            {"text": _("You pay"), **numeric},
        ]
    else:
        head.append({"text": _("You pay"), **numeric})
    rows = []
    for p in position.payments:
        row = [
            {"text": govuk_date(p.due_date)},
            {"text": money(p.maintenance), **numeric},
            {"text": money(p.fee), **numeric},
        ]
        if with_plan:
            row.append({"text": money(p.plan), **numeric})
        if position.employer_name:
            row += [{"text": money(p.total), **numeric}, {"text": money(p.employer), **numeric}]
        rows.append([*row, {"text": money(p.left_to_pay), **numeric}])
    return head, rows


def dashboard_lines(position):
    """Short lines for the case's card on the dashboard."""
    lines = []
    payment = position.next
    if payment is not None:
        template = (
            _("Next payment due: %(amount)s on %(date)s")
            if position.paying
            else _("Next payment expected: %(amount)s on %(date)s")
        )
        lines.append(
            template % {"amount": money(payment.total), "date": govuk_date(payment.due_date)}
        )
        who = who_pays_text(position)
        if who:
            lines.append(who)
    if position.arrears:
        lines.append(
            _("Arrears (unpaid child maintenance): %(amount)s")
            % {"amount": money(position.arrears)}
        )
    if position.balance is not None:
        lines.append(_("Balance: %(balance)s") % {"balance": balance_text(position)})
    return lines


def summary_rows(summary, *, collect_and_pay=None):
    """The govukSummaryList rows of the money summary: the next payment (with its hint),
    how it is paid when `collect_and_pay` is given, then arrears, plan and balance when
    there are any."""
    next_payment = summary["next_payment"]
    if summary["next_payment_hint"]:
        next_payment = format_html(
            '{}<br><span class="govuk-hint govuk-!-margin-bottom-0">{}</span>',
            next_payment,
            summary["next_payment_hint"],
        )
    else:
        next_payment = conditional_escape(next_payment)
    rows = [{"key": {"text": _("Next payment")}, "value": {"html": next_payment}}]
    if collect_and_pay is not None:
        rows.append(
            {
                "key": {"text": _("How it is paid")},
                "value": {
                    "text": _("Collect and Pay: we collect the money and pass it on")
                    if collect_and_pay
                    else _("Direct Pay: the parents arrange payments between themselves")
                },
            }
        )
    for key, label in (
        ("arrears", _("Arrears")),
        ("plan", _("Plan to pay arrears")),
        ("balance", _("Balance")),
    ):
        if summary[key]:
            rows.append({"key": {"text": label}, "value": {"text": summary[key]}})
    return rows


def money_summary(case, party, *, count=6, on_date=None):
    """Everything the money parts of the parent's pages show, or None without an account."""
    position = money_position(case, party, count=count, on_date=on_date)
    if position is None:
        return None
    head, rows = upcoming_table(position)
    summary = {
        "position": position,
        "paying": position.paying,
        "collect_and_pay": position.collect,
        "next_payment": next_payment_text(position),
        "next_payment_hint": next_payment_hint(position),
        "who_pays": who_pays_text(position),
        "employer_name": position.employer_name,
        "arrears": arrears_text(position),
        "in_arrears": position.in_arrears,
        "plan": plan_text(position),
        "balance": balance_text(position),
        "deduction_lines": position.deduction_lines,
        "upcoming_head": head,
        "upcoming_rows": rows,
        "dashboard_lines": dashboard_lines(position),
    }
    summary["summary_rows"] = summary_rows(summary)
    return summary
