"""Amounts a parent sees: their weekly amount, each instalment and any collection fee.
A receiving parent sees only their own share."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from calculation.engine import instalment_amount
from calculation.fees import instalment_fees
from cms_portal.formatting import money

FREQUENCY_PHRASES = {
    "weekly": lambda: _("a week"),
    "fortnightly": lambda: _("every 2 weeks"),
    "four_weekly": lambda: _("every 4 weeks"),
    "monthly": lambda: _("a month"),
}


def per_frequency(amount, frequency):
    return _("%(amount)s %(frequency)s") % {
        "amount": money(amount),
        "frequency": FREQUENCY_PHRASES[frequency](),
    }


def _fees_for(access, decision):
    if access.is_paying:
        return decision.calculation_result.get("collection_fees")
    share = decision.share_for(access.party) or {}
    return share.get("collection_fees")


def _instalment_fees(access, decision):
    """Each receiving share's instalment with its fees, worked out per instalment exactly
    as payments charges and passes them on (so "each payment" here is the schedule's)."""
    frequency = access.case.payment_frequency
    shares = decision.calculation_result.get("by_receiving_party", {})
    if not access.is_paying:
        share = decision.share_for(access.party)
        shares = {"own": share} if share else {}
    if not shares:
        return [
            instalment_fees(
                instalment_amount(decision.weekly_amount_for(access.party), frequency),
                timezone.localdate(),
            )
        ]
    return [
        instalment_fees(
            instalment_amount(Decimal(share["weekly_amount"]), frequency), timezone.localdate()
        )
        for share in shares.values()
    ]


def amounts(access, decision):
    """The figures for this party under `decision`, or None when there is no decision."""
    if decision is None:
        return None
    weekly = decision.weekly_amount_for(access.party)
    frequency = access.case.payment_frequency
    fees = _fees_for(access, decision)
    each = _instalment_fees(access, decision)
    result = {
        "weekly": money(weekly),
        "instalment": per_frequency(sum(f.maintenance for f in each), frequency),
        "fee_note": "",
    }
    if fees and Decimal(fees["paying_parent_weekly_fee"]) > 0:
        if access.is_paying:
            result["fee_note"] = _(
                "With Collect and Pay a collection fee of %(fee)s a week is added, so you pay "
                "%(total)s a week (%(instalment)s)."
            ) % {
                "fee": money(fees["paying_parent_weekly_fee"]),
                "total": money(fees["paying_parent_weekly_total"]),
                "instalment": per_frequency(sum(f.paying_total for f in each), frequency),
            }
        else:
            result["fee_note"] = _(
                "With Collect and Pay a collection fee of %(fee)s a week is taken off, so you "
                "get %(net)s a week (%(instalment)s)."
            ) % {
                "fee": money(fees["receiving_parent_weekly_fee"]),
                "net": money(fees["receiving_parent_weekly_net"]),
                "instalment": per_frequency(sum(f.receiving_net for f in each), frequency),
            }
    return result
