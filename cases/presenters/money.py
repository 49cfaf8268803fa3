"""Amounts a parent sees: their weekly amount, each instalment and any collection fee.
A receiving parent sees only their own share."""

from decimal import Decimal

from django.utils.translation import gettext as _

from calculation.engine import instalment_amount
from cms_portal.formatting import money

FREQUENCY_PHRASES = {
    "weekly": lambda: _("a week"),
    "fortnightly": lambda: _("every 2 weeks"),
    "four_weekly": lambda: _("every 4 weeks"),
    "monthly": lambda: _("a month"),
}


def per_frequency(amount, frequency):
    return _("%(amount)s %(frequency)s") % {"amount": money(amount),
                                            "frequency": FREQUENCY_PHRASES[frequency]()}


def _fees_for(access, decision):
    if access.is_paying:
        return decision.calculation_result.get("collection_fees")
    share = decision.share_for(access.party) or {}
    return share.get("collection_fees")


def amounts(access, decision):
    """The figures for this party under `decision`, or None when there is no decision."""
    if decision is None:
        return None
    case = access.case
    weekly = decision.weekly_amount_for(access.party)
    frequency = case.payment_frequency
    fees = _fees_for(access, decision)
    result = {
        "weekly": money(weekly),
        "instalment": per_frequency(instalment_amount(weekly, frequency), frequency),
        "fee_note": "",
    }
    if fees and Decimal(fees["paying_parent_weekly_fee"]) > 0:
        if access.is_paying:
            total = Decimal(fees["paying_parent_weekly_total"])
            result["fee_note"] = _(
                "With Collect and Pay a collection fee of %(fee)s a week is added, so you pay "
                "%(total)s a week (%(instalment)s)."
            ) % {"fee": money(fees["paying_parent_weekly_fee"]), "total": money(total),
                 "instalment": per_frequency(instalment_amount(total, frequency), frequency)}
        else:
            net = Decimal(fees["receiving_parent_weekly_net"])
            result["fee_note"] = _(
                "With Collect and Pay a collection fee of %(fee)s a week is taken off, so you "
                "get %(net)s a week (%(instalment)s)."
            ) % {"fee": money(fees["receiving_parent_weekly_fee"]), "net": money(net),
                 "instalment": per_frequency(instalment_amount(net, frequency), frequency)}
    return result


def money_summary(access):
    """What payments says is due or expected next, if the payments area offers it."""
    try:
        from payments.selectors import money_summary_for_case
    except ImportError:
        return None
    return money_summary_for_case(access.case, access.party)
