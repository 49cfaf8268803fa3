"""The Deduction from Earnings figures pages state, from the rules table
(employers/rules.py), written as sentences write them."""

from cms_portal.formatting import money_as_stated, percent

from ..rules import deduction_rules


def deduction_figures(on_date, order=None):
    """`protected_earnings` and `maximum_admin_fee` in force on `on_date`. A page about one
    order states the protected proportion that order was issued with (the rule applied
    to its returns)."""
    rules = deduction_rules(on_date)
    proportion = (
        order.protected_earnings_proportion if order else rules.protected_earnings_proportion
    )
    return {
        "protected_earnings": percent(proportion),
        "maximum_admin_fee": money_as_stated(rules.maximum_admin_fee),
    }
