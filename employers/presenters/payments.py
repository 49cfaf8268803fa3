"""Schedules of what to pay, payments made and how each was shared between orders."""

from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cms_portal.formatting import govuk_date, money

from ..deadlines import payment_due_date
from .common import link, numeric


def month_name(month):
    """March 2026 / Mawrth 2026."""
    return formats.date_format(month, "F Y")


def month_slug(month):
    return f"{month:%Y-%m}"


def schedule_table_rows(lines):
    return [
        [
            {"text": line.order.employee.full_name},
            {"text": line.order.payroll_number},
            {"text": line.order.reference},
            numeric({"text": str(line.returns)}),
            numeric({"text": money(line.amount)}),
        ]
        for line in lines
    ]


def schedule_table_head():
    return [
        {"text": _("Employee")},
        {"text": _("Payroll number")},
        {"text": _("Order reference")},
        numeric({"text": _("Pay days")}),
        numeric({"text": _("Amount")}),
    ]


def months_to_pay_rows(months, totals, paid, today):
    """Summary list rows for each month with money not yet paid; a month past its due
    date is marked with a red "Overdue" tag."""
    rows = []
    for month in months:
        due_on = payment_due_date(month)
        overdue = due_on < today
        text = _("%(amount)s due by %(date)s") % {
            "amount": money(totals[month]),
            "date": govuk_date(due_on),
        }
        if paid.get(month):
            text += " " + _("(%(paid)s paid so far)") % {"paid": money(paid[month])}
        value = {"text": text}
        if overdue:
            value = {
                "html": format_html(
                    '<strong class="govuk-tag govuk-tag--red">{}</strong> {}', _("Overdue"), text
                )
            }
        rows.append(
            {
                "key": {"text": month_name(month)},
                "value": value,
                "actions": {
                    "items": [
                        {
                            "href": reverse(
                                "employers:pay_month", kwargs={"month": month_slug(month)}
                            ),
                            "text": _("Pay"),
                            "visuallyHiddenText": month_name(month),
                        }
                    ]
                },
            }
        )
    return rows


def recent_payment_rows(remittances):
    """Summary list rows for the latest payments: received once the bank money covers
    the payment, until then waiting for it to reach CMS."""
    rows = []
    for item in remittances:
        if (item.in_bank or 0) >= item.amount:
            status = _("Received on %(date)s") % {"date": govuk_date(item.reached_bank_on)}
        else:
            status = _("Waiting for the money to reach us")
        text = _("%(amount)s paid on %(date)s.") % {
            "amount": money(item.amount),
            "date": govuk_date(item.paid_on),
        }
        rows.append(
            {
                "key": {"text": month_name(item.month)},
                "value": {"text": f"{text} {status}"},
                "actions": {
                    "items": [
                        {
                            "href": reverse(
                                "employers:payment_detail", kwargs={"public_id": item.public_id}
                            ),
                            "text": _("View"),
                            "visuallyHiddenText": month_name(item.month),
                        }
                    ]
                },
            }
        )
    return rows


def remittance_table_rows(remittances):
    return [
        [
            {
                "html": link(
                    reverse("employers:payment_detail", kwargs={"public_id": item.public_id}),
                    month_name(item.month),
                )
            },
            {"text": govuk_date(item.paid_on)},
            {"text": item.get_method_display()},
            {"text": item.payment_reference or "–"},
            numeric({"text": money(item.amount)}),
            {"text": _arrival(item)},
        ]
        for item in remittances
    ]


def _arrival(item):
    """On time only if the money was in CMS's bank by the due date (`item` annotated by
    remittances_in_bank)."""
    if (item.in_bank or 0) < item.amount:
        return _("Waiting for the money to reach us")
    return _("Late") if item.reached_bank_on > item.due_on else _("On time")


def remittance_table_head():
    return [
        {"text": _("Month")},
        {"text": _("Date paid")},
        {"text": _("How")},
        {"text": _("Your reference")},
        numeric({"text": _("Amount")}),
        {"text": _("Arrived")},
    ]


def remittance_summary_rows(remittance):
    rows = [
        (_("Month of deductions"), month_name(remittance.month)),
        (_("Amount"), money(remittance.amount)),
        (_("How you paid"), remittance.get_method_display()),
        (_("Date paid"), govuk_date(remittance.paid_on)),
        (_("Your reference"), remittance.payment_reference or "–"),
        (_("Due by"), govuk_date(remittance.due_on)),
        (_("Reached our bank"), _bank_status(remittance)),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def _bank_status(remittance):
    """The payment counts only once the money is matched in CMS's bank account."""
    from django.db.models import Sum

    matched = remittance.bank_matches.aggregate(total=Sum("amount"))["total"] or 0
    if matched >= remittance.amount:
        return pgettext("answer about someone else", "Yes")
    if matched > 0:
        return _("%(amount)s so far") % {"amount": money(matched)}
    return _("Not yet. We pass the money on to parents once it reaches our bank")


def allocation_table_rows(allocations):
    return [
        [
            {"text": item.order.employee.full_name},
            {"text": item.order.reference},
            numeric({"text": money(item.amount)}),
            {"text": _("Received") if item.posted_at else _("Being processed")},
        ]
        for item in allocations
    ]


def allocation_table_head():
    return [
        {"text": _("Employee")},
        {"text": _("Order reference")},
        numeric({"text": _("Amount")}),
        {"text": _("Status")},
    ]
