"""The deduction orders section of the case admin page, added to the cases overview
from EmployersConfig.ready."""

from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import Rows, Section, display
from cms_portal.core.admin import change_link as _change
from cms_portal.core.admin import offer_add as _offer_add
from cms_portal.formatting import govuk_date, money


def order_reads():
    from .models import DeductionOrder

    return {
        "orders": Rows(
            DeductionOrder.objects,
            ("reference", "employer__name", "status", "normal_deduction_rate", "served_on"),
            order_by=("-served_on", "-id"),
        )
    }


def order_sections(case, user, found):
    from .models import DeductionOrder

    section = Section(
        "orders",
        _("Deduction from Earnings Orders"),
        [_("Order"), _("Employer"), _("Status"), _("Normal deduction rate"), _("Served on")],
    )
    for order in found["orders"]:
        section.rows.append(
            [
                _change(order, order.reference),
                order.employer.name,
                display(order, "status"),
                money(order.normal_deduction_rate),
                govuk_date(order.served_on),
            ]
        )
    _offer_add(section, user, DeductionOrder, _("Issue a DEO"), f"case={case.pk}")
    return [section]
