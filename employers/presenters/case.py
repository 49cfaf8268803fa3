"""The paying parent's case page: which employers deduct child maintenance from their
pay, and when deductions stopped. Never shown to the receiving parent."""

from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date

from ..models import EndReason, OrderStatus
from ..selectors import deduction_orders_for_case
from .orders import ends_later, rate_text


def _line(order):
    if ends_later(order):
        return _(
            "%(employer)s takes %(rate)s from your pay for child maintenance until %(date)s."
        ) % {
            "employer": order.employer.name,
            "rate": rate_text(order),
            "date": govuk_date(order.ended_on),
        }
    if order.status == OrderStatus.ACTIVE:
        return _("%(employer)s takes %(rate)s from your pay for child maintenance.") % {
            "employer": order.employer.name,
            "rate": rate_text(order),
        }
    if order.status == OrderStatus.SUSPENDED:
        return _("Deductions by %(employer)s are paused.") % {"employer": order.employer.name}
    if order.end_reason in (EndReason.LEFT, EndReason.NOT_EMPLOYEE):
        return _(
            "Deductions from your pay by %(employer)s stopped on %(date)s because your employer "
            "told us you no longer work there. You must pay us another way."
        ) % {"employer": order.employer.name, "date": govuk_date(order.ended_on)}
    if order.end_reason == EndReason.STOPPED_TRADING:
        return _(
            "Deductions from your pay by %(employer)s stopped on %(date)s because the business "
            "stopped trading. You must pay us another way."
        ) % {"employer": order.employer.name, "date": govuk_date(order.ended_on)}
    return _("Deductions from your pay by %(employer)s stopped on %(date)s.") % {
        "employer": order.employer.name,
        "date": govuk_date(order.ended_on),
    }


def case_deductions(case, party):
    """Lines for the case page fragment; empty unless `party` is the paying parent."""
    if case is None or party is None:
        return []
    return [_line(order) for order in deduction_orders_for_case(case, party)]
