"""The money part of a case: what is due or expected next, arrears, fees and balance."""

from cms_portal.formatting import govuk_date, money

from .. import selectors
from . import position
from .statement import signed_money
from .words import enforcement_name, paying_fee_rate, receiving_fee_rate


def overview(case, party, account):
    """Everything the payments overview page shows for this party: the shared figures
    from `position.money_summary`, and the fees, payments out and enforcement."""
    paying = party.is_paying
    collect = selectors.is_collect_and_pay(case)
    since = selectors.fee_year_start()
    summary = position.money_summary(case, party, count=1)
    return {
        **summary,
        "summary_rows": position.summary_rows(summary, collect_and_pay=collect),
        "fees_since": govuk_date(since),
        "fees": money(selectors.fees_since(account, since)) if collect else "",
        "fee_rate": (paying_fee_rate if paying else receiving_fee_rate)(selectors.business_date()),
        "unpaid_fees": money(selectors.unpaid_fees_and_charges(case)) if paying and collect else "",
        "disbursement_rows": [] if paying or not collect else disbursement_rows(account),
        "enforcement_rows": enforcement_rows(case, paying=paying) if collect else [],
    }


def disbursement_rows(account):
    return [
        [
            {"text": govuk_date(payment.business_date)},
            {"text": money(payment.gross), "format": "numeric"},
            {"text": signed_money(-payment.fee), "format": "numeric"},
            {"text": money(payment.net), "format": "numeric"},
        ]
        for payment in selectors.recent_disbursements(account)
    ]


def enforcement_rows(case, *, paying):
    """Action taken to collect money. The charge is the paying parent's business."""
    rows = []
    for action in selectors.enforcement_actions(case):
        row = [{"text": govuk_date(action.taken_on)}, {"text": enforcement_name(action.kind)}]
        if paying:
            row.append({"text": money(action.charge), "format": "numeric"})
        rows.append(row)
    return rows
