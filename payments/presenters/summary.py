"""The money part of a case: what is due or expected next, arrears, fees and balance."""

from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, money

from .. import selectors
from ..models import ArrearsStatus
from .statement import signed_money
from .words import enforcement_name, paying_fee_rate, receiving_fee_rate


def next_payment_text(summary, *, paying):
    if not summary.get("next_due_date"):
        return _("No payments are due")
    template = (_("%(amount)s due on %(date)s") if paying
                else _("%(amount)s expected on %(date)s"))
    return template % {"amount": money(summary["next_amount"]),
                       "date": govuk_date(summary["next_due_date"])}


def next_payment_hint(payment, *, paying, collect):
    """How the next payment is made up, so nobody has to guess what the fee is."""
    if payment is None or not collect:
        return ""
    if paying:
        figures = {"maintenance": money(payment.maintenance), "fee": money(payment.fee),
                   "rate": paying_fee_rate(payment.due_date), "plan": money(payment.plan)}
        if payment.plan:
            return _("This is %(maintenance)s child maintenance, a %(fee)s collection fee "
                     "(%(rate)s) and %(plan)s towards arrears.") % figures
        return _("This is %(maintenance)s child maintenance and a %(fee)s collection fee "
                 "(%(rate)s).") % figures
    return _("This is %(gross)s collected for you, less a %(fee)s collection fee (%(rate)s).") % {
        "gross": money(payment.maintenance), "fee": money(payment.fee),
        "rate": receiving_fee_rate(payment.due_date)}


def balance_text(balance, *, paying):
    if paying:
        if balance > 0:
            return _("You owe %(amount)s in total") % {"amount": money(balance)}
        if balance < 0:
            return _("You are %(amount)s in credit") % {"amount": money(-balance)}
        return _("You owe nothing")
    if balance > 0:
        return _("%(amount)s collected, to be paid to you") % {"amount": money(balance)}
    return _("Nothing is waiting to be paid to you")


def overview(case, party, account):
    """Everything the payments overview page shows for this party."""
    paying = party.is_paying
    collect = selectors.is_collect_and_pay(case)
    upcoming = selectors.upcoming_payments(case, party, count=1)
    summary = selectors.money_summary_for_case(case, party)
    since = selectors.fee_year_start()
    plan = selectors.active_plan(case)
    return {
        "paying": paying,
        "collect_and_pay": collect,
        "next_payment": next_payment_text(summary, paying=paying),
        "next_payment_hint": next_payment_hint(upcoming[0] if upcoming else None,
                                               paying=paying, collect=collect),
        "arrears": money(summary["arrears"]) if summary["arrears"] else "",
        "in_arrears": account.arrears_status == ArrearsStatus.IN_ARREARS or bool(summary["arrears"]),
        "plan": _("%(amount)s with each payment from %(date)s") % {
            "amount": money(plan.amount_per_instalment), "date": govuk_date(plan.starts_on)}
        if plan else "",
        "balance": balance_text(account.balance, paying=paying) if collect else "",
        "fees_since": govuk_date(since),
        "fees": money(selectors.fees_since(account, since)) if collect else "",
        "fee_rate": (paying_fee_rate if paying else receiving_fee_rate)(selectors.business_date()),
        "unpaid_fees": money(selectors.unpaid_fees_and_charges(case)) if paying and collect else "",
        "disbursement_rows": [] if paying or not collect else disbursement_rows(account),
        "enforcement_rows": enforcement_rows(case, paying=paying) if collect else [],
    }


def disbursement_rows(account):
    return [[{"text": govuk_date(payment.business_date)},
             {"text": money(payment.gross), "format": "numeric"},
             {"text": signed_money(-payment.fee), "format": "numeric"},
             {"text": money(payment.net), "format": "numeric"}]
            for payment in selectors.recent_disbursements(account)]


def enforcement_rows(case, *, paying):
    """Action taken to collect money. The charge is the paying parent's business."""
    rows = []
    for action in selectors.enforcement_actions(case):
        row = [{"text": govuk_date(action.taken_on)}, {"text": enforcement_name(action.kind)}]
        if paying:
            row.append({"text": money(action.charge), "format": "numeric"})
        rows.append(row)
    return rows


def case_money_summary(case, party):
    """For the case page's money section (payments/_case_money_summary.html)."""
    account = selectors.account_for(case, party)
    if account is None:
        return None
    summary = selectors.money_summary_for_case(case, party)
    paying = party.is_paying
    return {
        "next_payment": next_payment_text(summary, paying=paying),
        "arrears": money(summary["arrears"]) if summary["arrears"] else "",
        "balance": balance_text(account.balance, paying=paying)
        if selectors.is_collect_and_pay(case) else "",
    }
