"""The Deduction from Earnings figures pages state, from the rules table
(employers/rules.py), written as sentences write them."""

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from cms_portal.formatting import money, money_as_stated, percent

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


def maximum_admin_fee_today():
    return deduction_rules(timezone.localdate()).maximum_admin_fee


def _admin_fee_too_high():
    return _("The admin fee must be %(maximum)s or less") % {
        "maximum": money(maximum_admin_fee_today())
    }


def _admin_fee_column():
    return _(
        "The admin fee you kept for this deduction, from 0 to %(maximum)s. Leave blank for none."
    ) % {"maximum": f"{maximum_admin_fee_today():.2f}"}


def _admin_fee_hint():
    return _(
        "You can keep up to %(maximum_admin_fee)s each time you make a deduction, even if it "
        "takes pay below the protected earnings, but not if it takes pay below the National "
        "Minimum Wage. Leave blank if you did not keep one."
    ) % {"maximum_admin_fee": money_as_stated(maximum_admin_fee_today())}


# Messages that state the admin fee limit, worded when shown (in the page's language, with
# the limit in force that day), so forms, uploads and the rule's errors can hold them.
ADMIN_FEE_TOO_HIGH = lazy(_admin_fee_too_high, str)()
ADMIN_FEE_COLUMN = lazy(_admin_fee_column, str)()
ADMIN_FEE_HINT = lazy(_admin_fee_hint, str)()
